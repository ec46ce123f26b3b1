import { E2E } from "./environment";
import { expect, test } from "./support/fixtures";
import { signIn } from "./support/sign-in";

test("a visitor reads an article, with its images from the wiki's media host", async ({ page, request }) => {
  await page.goto("/wiki/en.wikipedia.org/Solar_System");
  await expect(page.getByRole("heading", { level: 1, name: "Solar System" })).toBeVisible();
  const article = page.locator(".wikiport-article");
  await expect(article).toHaveAttribute("dir", "ltr");
  await expect(article).toContainText("Sun");
  const image = article.locator("img").first();
  await expect(image).toHaveAttribute("src", new RegExp(`^${E2E.sandboxUrl.replaceAll(".", "\\.")}/upload\\.wikimedia\\.org/`));
  // The media host serves it. (Fetched here rather than asserted loaded in the page: Chromium's Local
  // Network Access refuses an image at 127.0.0.1 for a page at localhost in this test setup.)
  const media = await request.get((await image.getAttribute("src"))!);
  expect(media.status()).toBe(200);
  expect(media.headers()["content-type"]).toMatch(/^image\//);
  // Wiki links stay in Wikiport; the toolbar and the attribution point at the wiki itself.
  await expect(article.locator('a[href^="/wiki/en.wikipedia.org/"]').first()).toBeVisible();
  await expect(page.getByRole("link", { name: "View on en.wikipedia.org" })).toHaveAttribute("href", `${E2E.sandboxUrl}/en.wikipedia.org/wiki/Solar_System`);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveAttribute("href", "/wiki/en.wikipedia.org/Solar_System?action=edit");
  // Licence and credit from the sandbox's Attribution API, in the visitor's script-free page.
  await expect(page.getByText(/on English Wikipedia, available under the/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Creative Commons Attribution-Share Alike 4.0" })).toHaveAttribute(
    "href",
    "https://creativecommons.org/licenses/by-sa/4.0/deed.en",
  );
  // A visitor's article page has no script (docs/decisions/020-visitor-pages.md): signing in is a link to
  // the sign-in page, whose button comes back here (e2e/visitor-pages.spec.ts).
  await expect(page.getByRole("link", { name: "Sign in with Wikimedia" })).toHaveAttribute("href", "/sign-in?callbackUrl=%2Fwiki%2Fen.wikipedia.org%2FSolar_System");
});

test("a wiki redirect is followed and says where it came from", async ({ page }) => {
  await page.goto("/wiki/en.wikipedia.org/Planet_Earth");
  await expect(page.getByRole("heading", { level: 1, name: "Earth" })).toBeVisible();
  await expect(page.getByText("(Redirected from Planet Earth)")).toBeVisible();
});

test("a right-to-left wiki is shown right to left", async ({ page }) => {
  await page.goto(`/wiki/he.wikipedia.org/${encodeURIComponent("מערכת_השמש")}`);
  await expect(page.getByRole("heading", { level: 1, name: "מערכת השמש" })).toHaveAttribute("dir", "rtl");
  const article = page.locator(".wikiport-article");
  await expect(article).toHaveAttribute("dir", "rtl");
  await expect(article).toHaveAttribute("lang", "he");
  await expect(article).toContainText("כוכבי הלכת");
});

test("the hostile fixture runs no script and its external links cannot reach back", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto("/wiki/en.wikipedia.org/Sandbox/Hostile_markup");
  await expect(page.getByText("Paragraph with event handlers.")).toBeVisible();
  await page.getByText("Paragraph with event handlers.").hover();
  await page.getByText("Paragraph with event handlers.").click();
  expect(await page.evaluate(() => (window as unknown as { __hostile?: unknown }).__hostile)).toBeUndefined();
  const external = page.locator('.wikiport-article a[href^="https://evil.example/"]');
  await expect(external).toHaveCount(3);
  for (const link of await external.all()) {
    const rel = (await link.getAttribute("rel")) ?? "";
    expect(rel.split(" ")).toEqual(expect.arrayContaining(["noopener", "noreferrer"]));
  }
  await expect(page.locator(".wikiport-article").locator("script, iframe, form, svg, math, style, object, embed")).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test("history lists revisions and pages to older ones", async ({ page }) => {
  await page.goto("/wiki/en.wikipedia.org/Solar_System?action=history");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("revision history");
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(20);
  const newestTime = await rows.first().locator("time").getAttribute("datetime");
  await page.getByRole("link", { name: "Older revisions" }).click();
  await expect(page).toHaveURL(/action=history&older_than=\d+/);
  await expect(rows.first()).toBeVisible();
  expect(await rows.first().locator("time").getAttribute("datetime")).not.toBe(newestTime);
  await expect(page.getByRole("link", { name: "Newer revisions" })).toBeVisible();
});

test("search finds Solar System and opens it", async ({ page }) => {
  await page.goto("/wiki/en.wikipedia.org/Sun");
  await page.getByRole("searchbox", { name: "Search en.wikipedia.org" }).fill("solar system");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?site=en\.wikipedia\.org&q=solar\+system/);
  await page.getByRole("link", { name: "Solar System", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Solar System" })).toBeVisible();
});

test("the wiki switcher opens the same title on another wiki", async ({ page }) => {
  await page.goto("/wiki/en.wikipedia.org/Main_Page");
  await page.getByLabel("Read this title on another wiki").selectOption("meta.wikimedia.org");
  await page.getByRole("button", { name: "Go", exact: true }).click();
  await expect(page).toHaveURL(/\/wiki\/meta\.wikimedia\.org\/Main_Page$/);
  await expect(page.getByRole("heading", { level: 1, name: "Main Page" })).toBeVisible();
  await expect(page.getByRole("link", { name: "View on meta.wikimedia.org" })).toBeVisible();
});

test("a missing page says so, and offers to create it once signed in", async ({ page }) => {
  await page.goto("/wiki/en.wikipedia.org/No_such_page_here");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This page does not exist on en.wikipedia.org");
  await expect(page.getByRole("link", { name: /Create the page/ })).toHaveCount(0);

  await signIn(page);
  await page.goto("/wiki/en.wikipedia.org/No_such_page_here");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This page does not exist on en.wikipedia.org");
  await expect(page.getByRole("link", { name: /Create the page/ })).toHaveAttribute("href", "/wiki/en.wikipedia.org/No_such_page_here?action=edit");
});

test("a signed-in reader reads with their own account", async ({ page }) => {
  await signIn(page);
  await page.goto("/wiki/en.wikipedia.org/Moon");
  await expect(page.getByRole("heading", { level: 1, name: "Moon" })).toBeVisible();
  await expect(page.getByText("Signed in as")).toBeVisible();
});

test("an unknown wiki and a bad title are not found", async ({ page }) => {
  expect((await page.goto("/wiki/evil.example.com/Solar_System"))?.status()).toBe(404);
  expect((await page.goto(`/wiki/en.wikipedia.org/${encodeURIComponent("Bad[title]")}`))?.status()).toBe(404);
});

test("the landing page opens an article by wiki and title", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Wiki", { exact: true }).fill("en.wikipedia.org");
  await page.getByLabel("Title", { exact: true }).fill("Solar System");
  await page.getByRole("button", { name: "Read" }).click();
  await expect(page).toHaveURL(/\/wiki\/en\.wikipedia\.org\/Solar_System$/);
  await expect(page.getByRole("heading", { level: 1, name: "Solar System" })).toBeVisible();
});
