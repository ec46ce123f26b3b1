/**
 * Editing and the watchlist: a REST save, an edit conflict resolved in the three-way view, a block,
 * watching, and reading and editing in a right-to-left interface.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/fixtures";
import { E2E } from "./environment";
import { ADA } from "./support/sandbox";
import { signIn } from "./support/sign-in";

const BLAKE = { name: "Blake Blocked", password: "blocked-demo-3" } as const;
const REST = `${E2E.sandboxUrl}/en.wikipedia.org/w/rest.php/v1`;

interface RestPage {
  source: string;
  latest: { id: number };
}

test("Ada edits a page and the wiki has the new text", async ({ page, request }) => {
  await signIn(page, ADA);
  await page.goto("/wiki/en.wikipedia.org/Moon?action=edit");
  await expect(page.getByRole("heading", { name: "Editing Moon" })).toBeVisible();
  const textarea = page.getByLabel("Wikitext");
  const before = await textarea.inputValue();
  await textarea.fill(`${before}\n\nAda's sentence from Wikiport.`);
  await page.getByLabel("Summary").fill("A sentence");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as revision");
  const wiki = (await (await request.get(`${REST}/page/Moon`)).json()) as RestPage;
  expect(wiki.source).toContain("Ada's sentence from Wikiport.");
});

test("an edit conflict shows the three versions and applying on top saves", async ({ page, request }) => {
  await signIn(page, ADA);
  await page.goto("/wiki/en.wikipedia.org/Sun?action=edit");
  const textarea = page.getByLabel("Wikitext");
  const base = await textarea.inputValue();
  const lines = base.split("\n");

  // Ana changes the first line through the wiki while Ada's form is open.
  const token = await request.post(`${E2E.sandboxUrl}/__sandbox/tokens`, { data: { user: "Ana Admin", grants: ["basic", "editpage"] } });
  expect(token.ok()).toBe(true);
  const { access_token: anaToken } = (await token.json()) as { access_token: string };
  const current = (await (await request.get(`${REST}/page/Sun`)).json()) as RestPage;
  const anaText = [`${lines[0]} <!-- Ana -->`, ...lines.slice(1)].join("\n");
  const put = await request.put(`${REST}/page/Sun`, {
    headers: { authorization: `Bearer ${anaToken}` },
    data: { source: anaText, comment: "Ana's change", latest: { id: current.latest.id } },
  });
  expect(put.status()).toBe(200);

  // Ada changes the first line too (so the wiki cannot merge it) and the last one.
  await textarea.fill([`${lines[0]} <!-- Ada -->`, ...lines.slice(1, -1), `${lines.at(-1)}\nAda's ending.`].join("\n"));
  await page.getByRole("button", { name: "Save changes" }).click();
  // Scoped to the page's main content: Next.js's route announcer is an (empty) alert too.
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Someone else changed this page");
  await expect(page.getByLabel("Their change")).toContainText("<!-- Ana -->");
  await expect(page.getByLabel("Your change")).toContainText("<!-- Ada -->");
  await expect(page.getByRole("link", { name: "Discard my change" })).toBeVisible();

  // Ada keeps Ana's first line, so only her ending remains as her change, and applies it on top.
  const yours = page.getByLabel("Your version");
  await yours.fill([`${lines[0]} <!-- Ana -->`, ...lines.slice(1, -1), `${lines.at(-1)}\nAda's ending.`].join("\n"));
  await page.getByRole("button", { name: "Apply my change on top" }).click();
  await expect(page.getByRole("status")).toContainText("applied on top of the current version");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as revision");
  const wiki = (await (await request.get(`${REST}/page/Sun`)).json()) as RestPage;
  expect(wiki.source).toContain("<!-- Ana -->");
  expect(wiki.source).toContain("Ada's ending.");
});

test("Blake Blocked sees that he is blocked and what to do", async ({ page }) => {
  await signIn(page, BLAKE);
  await page.goto("/wiki/en.wikipedia.org/Moon?action=edit");
  const textarea = page.getByLabel("Wikitext");
  await textarea.fill(`${await textarea.inputValue()}\nBlake was here.`);
  await page.getByRole("button", { name: "Save changes" }).click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("You are blocked");
  await expect(alert).toContainText("You can appeal it on the wiki.");
  await expect(alert.getByRole("link", { name: "Open the page on the wiki to read how to appeal" })).toBeVisible();
});

test("watching from the edit page shows on the watchlist, and unwatching removes it", async ({ page }) => {
  await signIn(page, ADA);
  await page.goto("/wiki/en.wikipedia.org/Earth?action=edit");
  await page.getByRole("button", { name: "Watch Earth" }).click();
  await expect(page.getByRole("button", { name: "Unwatch Earth" })).toBeVisible();

  await page.goto("/watchlist");
  const list = page.getByRole("list", { name: "Watched pages on en.wikipedia.org" });
  // Watching a page also watches its talk page, as on the wiki.
  await expect(list.getByRole("link", { name: "Earth", exact: true })).toBeVisible();
  await list.getByRole("button", { name: "Unwatch Earth", exact: true }).click();
  // The action refreshes the watchlist, so the page leaves the list at once; a reload asks the wiki again.
  await expect(list.getByRole("link", { name: "Earth", exact: true })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Watchlist" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Earth", exact: true })).toHaveCount(0);
});

test("a missing page offers to create it, and creating it puts it on the wiki", async ({ page, request }) => {
  await signIn(page, ADA);
  await page.goto("/wiki/en.wikipedia.org/Wikiport_test_page");
  await page.getByRole("link", { name: /Create the page/ }).click();
  await page.getByLabel("Wikitext").fill("A page '''created''' through Wikiport.");
  await page.getByLabel("Summary").fill("New page");
  await page.getByRole("button", { name: "Create page" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as revision");
  const created = await request.get(`${REST}/page/Wikiport_test_page`);
  expect(created.status()).toBe(200);
  expect(((await created.json()) as RestPage).source).toBe("A page '''created''' through Wikiport.");
  await page.goto("/wiki/en.wikipedia.org/Wikiport_test_page");
  await expect(page.locator(".wikiport-article")).toContainText("A page created through Wikiport.");
});

test("Ada reads and edits an English article in a Hebrew interface (?uselang=he)", async ({ page, request }) => {
  await signIn(page, ADA);
  await page.goto("/wiki/en.wikipedia.org/Earth?uselang=he");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "he");
  await expect(page.getByRole("navigation", { name: "פעולות על הדף" }).getByRole("link", { name: "קריאה" })).toHaveAttribute("aria-current", "page");
  // The article keeps its own language and direction inside the Hebrew interface.
  await expect(page.locator(".wikiport-article")).toHaveAttribute("dir", "ltr");
  await expect(page.locator(".wikiport-article")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveAttribute("dir", "ltr");
  await expect(page.locator("footer")).toContainText("הטקסט מהדף");

  await page.goto("/wiki/en.wikipedia.org/Earth?action=edit&uselang=he");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { name: "עריכת הדף Earth" })).toBeVisible();
  const textarea = page.getByLabel("קוד ויקי");
  await expect(textarea).toHaveAttribute("dir", "ltr");
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id)).toEqual([]);

  await textarea.fill(`${await textarea.inputValue()}\n\nAda's sentence from a Hebrew interface.`);
  await page.getByLabel("תקציר").fill("A sentence");
  await page.getByRole("button", { name: "שמירת השינויים" }).click();
  await expect(page.getByRole("status")).toContainText("נשמר כגרסה");
  await expect(page.getByRole("status").getByRole("link", { name: "צפייה בדף" })).toBeVisible();
  const wiki = (await (await request.get(`${REST}/page/Earth`)).json()) as RestPage;
  expect(wiki.source).toContain("Ada's sentence from a Hebrew interface.");
});
