/**
 * Interface languages (issue 16, docs/decisions/027-interface-languages.md): the header's picker, with and
 * without JavaScript; the Wikimedia interface language after sign-in; `?uselang=` for one page, qqx
 * showing keys; and the Hebrew home page right to left and clean for axe.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { signIn } from "./support/sign-in";

/** Her Wikimedia interface language is German (sandbox/seed.ts, docs/wikimedia-protocol.md §5.10). */
const WANDA = { name: "Wanda Wanderer", password: "wanderer-demo-5" } as const;
const AUTONYMS = ["English", "Deutsch", "français", "español", "עברית", "العربية"];

async function expectLanguage(page: Page, lang: string | RegExp, dir: "ltr" | "rtl") {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await expect(page.locator("html")).toHaveAttribute("dir", dir);
}

async function pick(page: Page, language: string, button = "Change language") {
  await page.getByLabel("Language").selectOption(language);
  await page.getByRole("button", { name: button }).click();
}

test("a visitor picks עברית in the header: right to left, kept on the next page, and clean for axe", async ({ page }) => {
  await page.goto("/");
  // Playwright's Chromium asks for en-US.
  await expectLanguage(page, /^en\b/, "ltr");
  await pick(page, "he");
  await expectLanguage(page, "he", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("פעולה בוויקיפדיה ובאתרי הוויקי האחים שלה, ממקום אחד שאפשר לסמוך עליו.");
  const cookie = (await page.context().cookies()).find((c) => c.name === "wikiport-language");
  expect(cookie).toMatchObject({ value: "he", sameSite: "Lax", httpOnly: true });
  expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(360 * 24 * 3600 * 1000);

  await page.getByRole("button", { name: "כניסה עם ויקימדיה" }).waitFor();
  await page.goto("/sign-in");
  await expectLanguage(page, "he", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("כניסה לחשבון");
  await expect(page.getByLabel("שפה")).toHaveValue("he");

  await page.goto("/");
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
});

test("the picker works without JavaScript", async ({ scannedContext }) => {
  const context = await scannedContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await pick(page, "ar");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expectLanguage(page, "ar", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("تسجيل الدخول");
});

test("a user whose Wikimedia interface language is German sees German after signing in, without choosing", async ({ page }) => {
  await signIn(page, WANDA);
  await expectLanguage(page, "de", "ltr");
  const header = page.getByRole("banner");
  await expect(header).toContainText("Angemeldet als Wanda Wanderer");
  await expect(header.getByRole("button", { name: "Abmelden" })).toBeVisible();
  await expect(page.getByLabel("Sprache")).toHaveValue("de");
});

test("?uselang= sets one page's language; qqx shows every message's key", async ({ page }) => {
  await page.goto("/sign-in?uselang=de");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmelden");
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");

  for (const path of ["/?uselang=qqx", "/sign-in?uselang=qqx", "/no-such-page?uselang=qqx"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^\(wikiport-[a-z0-9-]+\)$/);
    // Every word on the page is a message key, or a language's own name in the picker.
    const words = (await page.locator("body").innerText()).replace(/\(wikiport-[a-z0-9-]+(: [^)]*)?\)/g, " ").split(/\s+/).filter(Boolean);
    expect(words.filter((word) => !AUTONYMS.includes(word)), path).toEqual([]);
  }
});
