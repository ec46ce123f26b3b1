/**
 * Issue 16, end to end: no page a person can reach keeps English text when the interface speaks another
 * language, and a whole session works in Hebrew and in German.
 *
 * "No English" is checked the way MediaWiki's own developers find untranslated text: with `?uselang=qqx`
 * every message shows as its key, `(wikiport-…)`, so any other letters on the page are text that does not
 * go through messages. Content in its own language is left out by the rule the interface itself follows:
 * it carries its own `lang` (articles, search results, the picker's language names), or is isolated in
 * `<bdi>` (names, titles), or is code (`<code>`, `<pre>`, `<kbd>`), or a machine date (`<time>`).
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { E2E } from "./environment";
import de from "../i18n/de.json" with { type: "json" };
import en from "../i18n/en.json" with { type: "json" };
import he from "../i18n/he.json" with { type: "json" };
import { ADA } from "./support/sandbox";
import { approveAtWikimedia, logInAtWikimedia, signIn } from "./support/sign-in";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

function withUselang(path: string, language: string): string {
  const url = new URL(path, "http://wikiport.invalid");
  url.searchParams.set("uselang", language);
  return `${url.pathname}${url.search}`;
}

/**
 * The page's text as a person (or a screen reader) gets it, with every stretch of content in its own
 * language replaced by ∎, and what remains once every `(key)` and `(key: params)` is taken out.
 */
async function untranslatedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pageLanguage = document.documentElement.lang;
    const SKIP = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "CODE", "PRE", "KBD", "SAMP", "BDI", "TIME", "SVG"]);
    const ATTRIBUTES = ["aria-label", "title", "placeholder", "alt", "aria-description"];
    const pieces: string[] = [];
    const skipped = new Set<string>();
    const attributes: string[] = [];
    const walk = (node: Node): void => {
      if (node.nodeType === Node.TEXT_NODE) {
        pieces.push(node.textContent ?? "");
        return;
      }
      if (!(node instanceof Element)) return;
      const ownLanguage = node.getAttribute("lang");
      if (SKIP.has(node.tagName.toUpperCase()) || node.tagName.includes("-") || (ownLanguage !== null && ownLanguage !== pageLanguage)) {
        pieces.push(" ∎ ");
        skipped.add((node.textContent ?? "").trim());
        return;
      }
      for (const name of ATTRIBUTES) {
        const value = node.getAttribute(name);
        if (value) attributes.push(value);
      }
      const block = getComputedStyle(node).display !== "inline";
      if (block) pieces.push("\n");
      for (const child of node.childNodes) walk(child);
      if (block) pieces.push("\n");
    };
    pieces.push(`${document.title}\n`);
    walk(document.body);
    // An attribute naming content (a figure labelled with a library's name shown in <bdi>) is content too.
    for (const value of attributes) if (!skipped.has(value.trim())) pieces.push(`\n${value}\n`);
    let text = pieces.join("");
    // Innermost first: a message's parameter can be another message.
    const key = /\(wikiport-[a-z0-9-]+(?::(?:[^()]|\([^()]*\))*)?\)/g;
    for (let previous = ""; previous !== text; ) {
      previous = text;
      text = text.replace(key, " ");
    }
    return text
      .split("\n")
      .map((line) => line.trim())
      // A wiki's address (a host name in a list of wikis) is an identifier, the same in every language.
      .filter((line) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(line))
      .filter((line) => /\p{L}/u.test(line.replaceAll("∎", "")));
  });
}

async function expectOnlyMessageKeys(page: Page, path: string): Promise<void> {
  const response = await page.goto(withUselang(path, "qqx"));
  expect(response?.status(), path).toBeLessThan(500);
  await expect(page.locator("html")).toHaveAttribute("lang", "qqx");
  expect.soft(await untranslatedText(page), `text not from messages on ${path}`).toEqual([]);
}

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
  expect(serious, `axe on ${what}`).toEqual([]);
}

const VISITOR_PAGES = [
  "/",
  "/sign-in",
  "/search?site=en.wikipedia.org&q=planet",
  "/search?site=en.wikipedia.org&q=zzzzqqqq-nothing",
  "/search?site=not-a-wiki&q=planet",
  "/wiki/en.wikipedia.org/Earth",
  "/wiki/en.wikipedia.org/Earth?action=history",
  "/wiki/en.wikipedia.org/No_such_page_in_the_sandbox",
  "/wiki/not-a-wiki/Earth",
  "/no/such/path",
];

const SIGNED_IN_PAGES = [
  "/dashboard",
  "/dashboard/api",
  "/dashboard/widgets",
  "/dashboard/personal-token",
  "/watchlist",
  "/wiki/en.wikipedia.org/Earth",
  "/wiki/en.wikipedia.org/Earth?action=edit",
  "/wiki/en.wikipedia.org/Earth?action=history",
  "/wiki/en.wikipedia.org/No_such_page_in_the_sandbox",
  "/search?site=en.wikipedia.org&q=planet",
];

test("with ?uselang=qqx every page a visitor can reach shows message keys, never English", async ({ page }) => {
  for (const path of VISITOR_PAGES) await expectOnlyMessageKeys(page, path);
});

test("with ?uselang=qqx every page of a signed-in user shows message keys, never English", async ({ page }) => {
  await signIn(page, ADA);
  for (const path of SIGNED_IN_PAGES) await expectOnlyMessageKeys(page, path);
});

for (const { language, dir, words } of [
  { language: "he", dir: "rtl", words: he },
  { language: "de", dir: "ltr", words: de },
] as const) {
  test(`a whole session in ${language}: sign in, dashboard, read, edit, widget, each page accessible`, async ({ browser }) => {
    // The browser asks for the language, as a person's would; nothing is chosen in Wikiport.
    const context = await browser.newContext({ locale: language });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await expect(page.locator("html")).toHaveAttribute("dir", dir);
    await expectNoSeriousViolations(page, `the landing page in ${language}`);
    await page.getByRole("button", { name: words["wikiport-signin-button"] }).first().click();
    await logInAtWikimedia(page, ADA);
    await approveAtWikimedia(page);
    await expect(page.getByRole("link", { name: words["wikiport-header-dashboard"] })).toBeVisible();
    await expectNoSeriousViolations(page, `the dashboard in ${language}`);
    for (const path of ["/wiki/en.wikipedia.org/Moon", "/wiki/en.wikipedia.org/Moon?action=edit", "/dashboard/widgets", "/embed/en.wikipedia.org/Moon"]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", language);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      await expectNoSeriousViolations(page, `${path} in ${language}`);
    }
    // The article itself stays English and left to right, isolated in the interface's direction.
    await page.goto("/wiki/en.wikipedia.org/Moon");
    await expect(page.locator('main [lang="en"][dir="ltr"]').first()).toBeVisible();
    await context.close();
  });
}

test("Arabic through the picker's cookie: right to left on every page kind", async ({ browser }) => {
  const context = await browser.newContext();
  await context.addCookies([{ name: "wikiport-language", value: "ar", url: E2E.appUrl }]);
  const page = await context.newPage();
  for (const path of ["/", "/search?site=ar.wikipedia.org&q=x", "/wiki/en.wikipedia.org/Moon", "/no/such/path"]) {
    await page.goto(path);
    await expect(page.locator("html"), path).toHaveAttribute("lang", "ar");
    await expect(page.locator("html"), path).toHaveAttribute("dir", "rtl");
  }
  await context.close();
});

test("a visitor reading an article picks Deutsch in its header: that article and the next pages speak German", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  // A visitor's article is built without React (lib/articles/visitor-document.ts): its picker posts a form.
  await page.goto("/wiki/en.wikipedia.org/Moon");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByLabel(en["wikiport-language-label"]).selectOption("de");
  await page.getByRole("button", { name: en["wikiport-language-submit"] }).click();
  await expect(page).toHaveURL(/\/wiki\/en\.wikipedia\.org\/Moon$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("button", { name: de["wikiport-language-submit"] })).toBeVisible();
  await page.goto("/search?site=en.wikipedia.org&q=planet");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await context.close();
});
