/**
 * The dashboard in its user's language (issue 16): German and Hebrew words, right to left in Hebrew with
 * code still left to right, axe clean in Hebrew; and with `?uselang=qqx` no visible text in any dashboard
 * page's <main> that does not come from a message, except content (names, hosts, titles, code, dates).
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { LANGUAGE_COOKIE } from "../lib/i18n/negotiate";
import { E2E } from "./environment";
import { expect, test } from "./support/fixtures";
import { ADA } from "./support/sandbox";
import { signIn } from "./support/sign-in";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * The text of <main> a person reads as interface, with every message key and its parameters taken out:
 * what is left must be punctuation, digits and spaces. Content is skipped: names, hosts and titles in
 * <bdi>, code, dates in <time>, boxes a person types in, and anything marked with its own language or
 * direction (a wiki's search results, language names, host pickers).
 */
async function textOutsideMessages(page: Page): Promise<string> {
  return page.locator("main").evaluate((main) => {
    const CONTENT = "bdi, code, pre, time, textarea, input, script, style, [lang], [dir]";
    const pieces: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // `closest` looks past <main> too, up to <html lang dir>: only marks inside <main> count.
      const content = node.parentElement?.closest(CONTENT);
      if (!content || content === main || !main.contains(content)) pieces.push(node.textContent ?? "");
    }
    let text = pieces.join(" ");
    // qqx shows `(key)` or `(key: $1, $2)`; a key inside another's parameters goes first.
    for (let before = ""; before !== text; ) {
      before = text;
      text = text.replace(/\(wikiport-[a-z0-9-]+(?:: [^()]*)?\)/g, " ");
    }
    return text.replace(/[\s\p{P}\p{S}\p{N}]+/gu, " ").trim();
  });
}

test("the dashboard speaks German and Hebrew, right to left in Hebrew, and every word is a message", async ({ page }) => {
  await signIn(page, ADA);

  // The language picker's choice (a cookie for the browser) lasts across the action's redirect; `uselang` is for one page.
  await page.context().addCookies([{ name: LANGUAGE_COOKIE, value: "de", url: E2E.appUrl }]);
  await page.goto("/dashboard");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { level: 1, name: "Dein Wikiport" })).toBeVisible();
  const verbindung = page.getByRole("region", { name: "Verbindung zu Wikimedia" });
  await expect(verbindung.getByRole("button", { name: "Verbindung prüfen" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Letzte Aktivitäten" })).toContainText("Mit Wikimedia angemeldet");
  await verbindung.getByRole("button", { name: "Verbindung prüfen" }).click();
  await expect(page.getByRole("status")).toContainText("Deine Verbindung funktioniert.");
  // A client form gets its words from the page, and its action answers in German.
  const tokens = page.getByRole("region", { name: "Tokens für die API von Wikiport" });
  await tokens.getByLabel("Name des Tokens").fill("Mein Bot");
  await tokens.getByRole("button", { name: "Token erstellen" }).click();
  await expect(tokens.getByRole("status")).toContainText("Kopiere dein neues Token „Mein Bot“ jetzt");

  await page.goto("/dashboard?uselang=he");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1, name: "ה־Wikiport שלך" })).toBeVisible();
  await expect(page.getByRole("button", { name: "יציאה מכל המקומות" })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id)).toEqual([]);

  await page.goto("/dashboard/api?uselang=he");
  await expect(page.getByRole("heading", { level: 1, name: "ה־API של Wikiport" })).toBeVisible();
  const snippet = page.getByRole("figure", { name: "עריכת דף" }).locator("pre");
  await expect(snippet).toHaveAttribute("dir", "ltr");
  expect(await snippet.evaluate((element) => getComputedStyle(element).direction)).toBe("ltr");
  expect(await page.locator("main").evaluate((element) => getComputedStyle(element).direction)).toBe("rtl");

  for (const path of ["/dashboard", "/dashboard/personal-token", "/dashboard/api", "/dashboard/widgets?site=en.wikipedia.org&title=Moon"]) {
    await page.goto(`${path}${path.includes("?") ? "&" : "?"}uselang=qqx`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^\(wikiport-[a-z-]+\)$/);
    expect(await textOutsideMessages(page), path).toBe("");
  }
});
