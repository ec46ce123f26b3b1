/**
 * A visitor's article page, built without React and kept as bytes per revision (lib/articles/visitor-pages.ts,
 * docs/decisions/020-visitor-pages.md), against the running app: the same bytes for every visitor, each
 * response with its own nonce in its policy and none in the body; a signed-in reader's page never reaches
 * a visitor or another user; the React page's stylesheets; sign-in coming back to the page; and a
 * React page's link to an article.
 */
import type { APIResponse, Page } from "@playwright/test";
import { E2E } from "./environment";
import { expect, test } from "./support/fixtures";
import { ADA, ANA } from "./support/sandbox";
import { logInAtWikimedia, signIn } from "./support/sign-in";

const SOLAR = "/wiki/en.wikipedia.org/Solar_System";

function nonceOf(response: APIResponse): string {
  const policy = response.headers()["content-security-policy"] ?? "";
  const scripts = /(?:^|;)\s*script-src ([^;]*)/.exec(policy)?.[1]?.split(/\s+/) ?? [];
  expect(scripts).toContain("'strict-dynamic'");
  expect(scripts).not.toContain("'unsafe-inline'");
  const nonce = scripts.find((source) => source.startsWith("'nonce-"));
  expect(nonce, `a nonce in ${policy}`).toBeTruthy();
  return (nonce ?? "").slice("'nonce-".length, -1);
}

function stylesheetsIn(html: string): string[] {
  return [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)].map((tag) => /\bhref="([^"]+)"/.exec(tag[0])![1]!).sort();
}

async function pageText(page: Page, path: string): Promise<{ status: number; body: string; cacheControl: string }> {
  const response = await page.request.get(path);
  return { status: response.status(), body: await response.text(), cacheControl: response.headers()["cache-control"] ?? "" };
}

test("two visitors get the same bytes, each response its own nonce in the policy and none in the body", async ({ playwright }) => {
  const first = await playwright.request.newContext({ baseURL: E2E.appUrl });
  const second = await playwright.request.newContext({ baseURL: E2E.appUrl });
  const one = await first.get(SOLAR);
  const two = await second.get(SOLAR);
  expect(one.status()).toBe(200);
  expect(two.status()).toBe(200);
  const [nonceOne, nonceTwo] = [nonceOf(one), nonceOf(two)];
  expect(nonceOne).not.toBe(nonceTwo);
  const [bodyOne, bodyTwo] = [await one.body(), await two.body()];
  expect(bodyOne.equals(bodyTwo)).toBe(true);
  const html = bodyOne.toString("utf8");
  expect(html).not.toMatch(/<script|nonce/i);
  expect(html).not.toContain(nonceOne);
  expect(html).not.toContain(nonceTwo);
  expect(one.headers()["content-type"]).toBe("text/html; charset=utf-8");
  expect(one.headers()["cache-control"]).toContain("no-store");
  expect(one.headers()["x-frame-options"]).toBe("DENY");
  // The article's HTML once: a run of its text appears once in the whole document.
  const article = html.slice(html.indexOf('class="wikiport-article">'), html.indexOf("</div><footer"));
  const probe = /[A-Za-z][A-Za-z ,]{39}/.exec(article.replaceAll(/<[^>]*>/g, "\u0000"))?.[0];
  expect(probe).toBeTruthy();
  expect(html.split(probe!).length - 1).toBe(1);

  const head = await first.head(SOLAR);
  expect(head.status()).toBe(200);
  expect((await head.body()).length).toBe(0);
  expect(nonceOf(head)).not.toBe(nonceOne);
  await first.dispose();
  await second.dispose();
});

test("a signed-in reader's page never reaches a visitor or another user, and stays no-store", async ({ browser, request }) => {
  const adaContext = await browser.newContext({ baseURL: E2E.appUrl });
  const anaContext = await browser.newContext({ baseURL: E2E.appUrl });
  const ada = await adaContext.newPage();
  const ana = await anaContext.newPage();
  await signIn(ada, ADA);
  await signIn(ana, ANA);
  const visitorBefore = await (await request.get(SOLAR)).text();

  // Interleaved, so that a cache keyed on anything but the session would hand one answer to the next.
  const adaPage = await pageText(ada, SOLAR);
  const visitorBetween = await (await request.get(SOLAR)).text();
  const anaPage = await pageText(ana, SOLAR);
  const visitorAfter = await (await request.get(SOLAR)).text();

  expect(adaPage.status).toBe(200);
  expect(adaPage.body).toContain(ADA.name);
  expect(adaPage.body).not.toContain(ANA.name);
  expect(adaPage.cacheControl).toContain("no-store");
  expect(anaPage.body).toContain(ANA.name);
  expect(anaPage.body).not.toContain(ADA.name);
  expect(anaPage.cacheControl).toContain("no-store");
  for (const visitor of [visitorBefore, visitorBetween, visitorAfter]) {
    expect(visitor).not.toContain(ADA.name);
    expect(visitor).not.toContain(ANA.name);
    expect(visitor).not.toContain("Signed in as");
    expect(visitor).toBe(visitorBefore);
  }
  // The signed-in page is React's, with the user's Watch button; the visitor's has neither.
  await ada.goto(SOLAR);
  await expect(ada.getByRole("button", { name: /^(Watch|Unwatch) Solar System$/ })).toBeVisible();
  await adaContext.close();
  await anaContext.close();
});

test("the visitor's page links the React page's stylesheets, and they load", async ({ page, request }) => {
  const visitor = await (await request.get(SOLAR)).text();
  // The sign-in page is a React page of the same layout: the same global stylesheet.
  const react = await (await request.get("/sign-in")).text();
  const sheets = stylesheetsIn(visitor);
  expect(sheets.length).toBeGreaterThan(0);
  expect(sheets).toEqual(stylesheetsIn(react));
  for (const sheet of sheets) {
    const css = await request.get(sheet);
    expect(css.status(), sheet).toBe(200);
    expect(css.headers()["content-type"]).toMatch(/^text\/css/);
  }
  await page.goto(SOLAR);
  // A rule of app/globals.css applies: the skip link is moved off screen until focused.
  expect(await page.getByRole("link", { name: "Skip to content" }).evaluate((link) => getComputedStyle(link).position)).toBe("absolute");
});

test("signing in from a visitor's article comes back to the article", async ({ page }) => {
  await page.goto(SOLAR);
  await page.getByRole("banner").getByRole("link", { name: "Sign in with Wikimedia" }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fwiki%2Fen\.wikipedia\.org%2FSolar_System$/);
  await page.getByRole("main").getByRole("button", { name: "Sign in with Wikimedia" }).click();
  await logInAtWikimedia(page, ADA);
  await expect(page.getByRole("heading", { name: "Authorize application" })).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();
  await page.waitForURL(`${E2E.appUrl}${SOLAR}`);
  await expect(page.getByText(`Signed in as ${ADA.name}`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Solar System" })).toBeVisible();
});

test("the sign-in page keeps only a wiki page of Wikiport's own to come back to", async ({ request }) => {
  for (const callbackUrl of ["https://evil.example/wiki/x", "//evil.example/wiki/x", "/dashboard"]) {
    const html = await (await request.get(`/sign-in?${new URLSearchParams({ callbackUrl })}`)).text();
    expect(html, callbackUrl).not.toContain('name="returnTo"');
  }
  expect(await (await request.get(`/sign-in?callbackUrl=${encodeURIComponent(SOLAR)}`)).text()).toContain(`name="returnTo" value="${SOLAR}"`);
});

test("a React page's link to an article (Next's client navigation) ends on the visitor's document", async ({ page }) => {
  const loads: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === SOLAR) loads.push(`${request.resourceType()} ${request.headers()["rsc"] ? "rsc" : "document"}`);
  });
  await page.goto("/search?site=en.wikipedia.org&q=solar+system");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Solar System", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Solar System" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${SOLAR}$`));
  // The document, loaded as a page: no script, and the router's own fetches did not loop.
  expect(await page.evaluate(() => document.scripts.length)).toBe(0);
  expect(loads).toContain("document document");
  expect(loads.length, loads.join(", ")).toBeLessThanOrEqual(4);
});
