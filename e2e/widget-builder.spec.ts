/**
 * The widget builder (issue 8): a signed-in user builds a card on /dashboard/widgets with the search,
 * sees it previewed, copies the snippet and pastes it into a page on another origin, where the card
 * shows; then registers the card for that origin, sees it listed and deletes it.
 */
import { embedderPage, expect, test } from "./support/embedder";
import { signIn } from "./support/sign-in";

const CARD_TITLE = "Solar System — Wikiport card";

test("build a card with search, preview it, copy the snippet and show it on another site", async ({ page, context, embedder }) => {
  // A sign-in and several full page renders (dashboard, cards, embedding page): slow on a busy machine.
  test.slow();
  await signIn(page);
  await page.goto("/dashboard/widgets");
  await expect(page.getByRole("heading", { name: "Widgets", level: 1 })).toBeVisible();

  const builder = page.getByRole("region", { name: "Build a card" });
  await builder.getByLabel("Wiki").fill("en.wikipedia.org");
  await builder.getByLabel("Search for an article").fill("solar system");
  await builder.getByRole("button", { name: "Search" }).click();
  await builder.getByRole("list", { name: "Matching articles" }).getByRole("link", { name: "Solar System", exact: true }).click();
  await expect(builder.getByLabel("Article title")).toHaveValue("Solar System");

  await builder.getByLabel("Theme").selectOption("dark");
  await builder.getByLabel("Layout").selectOption("compact");
  await builder.getByRole("button", { name: "Show preview" }).click();
  await expect(page).toHaveURL(/[?&]title=Solar\+System(&|$)/);
  await expect(page).toHaveURL(/[?&]theme=dark(&|$)/);

  // The preview is the public card, with the chosen options, in an iframe of Wikiport's own origin.
  const preview = page.getByRole("region", { name: "Preview: Solar System" });
  const previewFrame = preview.locator("iframe");
  await expect(previewFrame).toHaveAttribute("src", /\/embed\/en\.wikipedia\.org\/Solar_System\?theme=dark&layout=compact&lang=auto$/);
  await expect(preview.frameLocator("iframe").getByRole("heading", { name: "Solar System" })).toBeVisible();

  const snippet = await preview.getByLabel("Snippet for any page").inputValue();
  expect(snippet).toContain('<iframe src="http://localhost:');
  expect(snippet).toContain("/embed/en.wikipedia.org/Solar_System?theme=dark&amp;layout=compact&amp;lang=auto");
  expect(snippet).toContain(`title="${CARD_TITLE}"`);

  // The copy button puts exactly that text on the clipboard.
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(page.url()).origin });
  await preview.getByRole("button", { name: "Copy snippet" }).click();
  await expect(preview.getByRole("status")).toHaveText("Copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);

  // Pasted into a plain page on another origin, the card shows there.
  const blog = embedder.serve("/blog.html", embedderPage(`<h1>My blog</h1>\n${snippet}`));
  await page.goto(blog);
  await expect(page.getByRole("heading", { name: "My blog" })).toBeVisible();
  await expect(page.frameLocator(`iframe[title="${CARD_TITLE}"]`).getByRole("heading", { name: "Solar System" })).toBeVisible();
});

test("register the card for another site, see it listed and working there, then delete it", async ({ page, embedder }) => {
  // A sign-in and several full page renders (dashboard, cards, embedding page): slow on a busy machine.
  test.slow();
  await signIn(page);
  await page.goto("/dashboard/widgets?site=en.wikipedia.org&title=Solar+System&theme=light&layout=full&lang=de");
  const register = page.getByRole("region", { name: "Register this card as a widget" });
  await register.getByLabel("Widget name").fill("Solar System on my blog");

  // A bad allow-list is refused line by line, and what was typed is kept.
  await register.getByLabel("Allowed origins, one per line").fill(`${embedder.origin}\nhttp://plain.example\nhttps://*.example`);
  await register.getByRole("button", { name: "Register widget" }).click();
  const problems = register.getByRole("alert");
  await expect(problems).toContainText("Line 2 (http://plain.example): Use https://");
  await expect(problems).toContainText("Line 3 (https://*.example): Wildcards are not allowed");
  await expect(page.getByRole("region", { name: "Your widgets" })).toContainText("You have not registered a widget yet.");

  await register.getByLabel("Allowed origins, one per line").fill(`${embedder.origin}/`);
  await register.getByRole("button", { name: "Register widget" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your widget is registered" })).toBeVisible();

  const listed = page.getByRole("region", { name: "Your widgets" }).getByRole("listitem", { name: "Solar System on my blog" });
  await expect(listed).toContainText("Solar System on en.wikipedia.org");
  // The origin is stored normalized, without the trailing slash.
  await expect(listed.getByRole("listitem").filter({ hasText: embedder.origin })).toHaveText(embedder.origin);
  const embedId = (await listed.locator("code").textContent()) ?? "";
  expect(embedId).toMatch(/^[A-Za-z0-9_-]{22,}$/);
  const snippet = await listed.getByLabel("Snippet for Solar System on my blog").inputValue();
  expect(snippet).toContain(`/embed/w/${embedId}"`);

  // The registered widget shows on the allowed origin.
  await page.goto(embedder.serve("/registered.html", embedderPage(snippet)));
  await expect(page.frameLocator(`iframe[title="${CARD_TITLE}"]`).getByRole("heading", { name: "Solar System" })).toBeVisible();

  // The allow-list can change in place (same embed id), validated like at registration.
  await page.goto("/dashboard/widgets");
  await listed.getByText("Change the allowed origins").click();
  const allowList = listed.getByLabel("Allowed origins of Solar System on my blog, one per line");
  await allowList.fill(`${embedder.origin}\nhttps://example.org/blog`);
  await listed.getByRole("button", { name: "Save allowed origins" }).click();
  await expect(listed.getByRole("alert")).toContainText("Line 2 (https://example.org/blog): Give only the scheme, host and port");
  await allowList.fill(`${embedder.origin}\nhttps://Second.EXAMPLE:443`);
  await listed.getByRole("button", { name: "Save allowed origins" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The allowed origins were saved" })).toBeVisible();
  await expect(listed.locator("code")).toHaveText(embedId);
  await expect(listed.getByRole("listitem").filter({ hasText: "https://second.example" })).toHaveText("https://second.example");

  await page.getByRole("button", { name: "Delete Solar System on my blog" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The widget was deleted" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Your widgets" })).toContainText("You have not registered a widget yet.");

  // The activity log has both.
  await page.goto("/dashboard");
  const activity = page.getByRole("region", { name: "Recent activity" });
  await expect(activity).toContainText("Registered a widget “Solar System on my blog”");
  await expect(activity).toContainText("Deleted a widget “Solar System on my blog”");
});

test("a refused clipboard: the snippet is selected and the page says to copy it by hand", async ({ page }) => {
  // The browser refusing (permission denied), simulated in the page, not in Wikiport's code.
  await page.addInitScript(() => {
    Object.defineProperty(navigator.clipboard, "writeText", {
      configurable: true,
      value: () => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError")),
    });
  });
  await signIn(page);
  await page.goto("/dashboard/widgets?site=en.wikipedia.org&title=Moon");
  const preview = page.getByRole("region", { name: "Preview: Moon" });
  const box = preview.getByLabel("Snippet for any page");
  const snippet = await box.inputValue();
  await preview.getByRole("button", { name: "Copy snippet" }).first().click();
  await expect(preview.getByRole("status").filter({ hasText: "Copy failed" }).first()).toHaveText("Copy failed — select the text and copy it yourself");
  await expect(box).toBeFocused();
  expect(await box.evaluate((element: HTMLTextAreaElement) => element.value.slice(element.selectionStart, element.selectionEnd))).toBe(snippet);
});
