/**
 * "Sign in with Wikimedia" end to end: the app's real OAuth code against the sandbox wiki's real login
 * and consent pages, then the database the server wrote (docs/security-requirements.md items 2, 3, 5, 8, 10, 24, 34).
 */
import type { Response } from "@playwright/test";
import { expect, fulfillUnlessAbandoned, test } from "./support/fixtures";
import { E2E } from "./environment";
import { accountRows, allSessionTokens, grantOf, openTokens, userIdOf } from "./support/app-db";
import { ADA, TOKEN_ENDPOINT, addFault, clearFaults, latestRequestSeq, tokenEndpointCallsSince } from "./support/sandbox";
import { CALLBACK_PATH, SESSION_COOKIE, approveAtWikimedia, logInAtWikimedia, sessionCookie, signIn, startSignIn } from "./support/sign-in";

const SEALED = /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/;

function setCookies(response: Response) {
  return response.headersArray().then((headers) => headers.filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value));
}

test("Ada signs in through Wikimedia's login and consent pages and sees who she is", async ({ page, request }) => {
  // A cookie planted before sign-in (session fixation) must not become the session.
  await page.context().addCookies([{ name: SESSION_COOKIE, value: "planted-before-sign-in", url: E2E.appUrl }]);
  // Everything the app sends the browser (pages, RSC payloads, server-action and callback answers).
  const received: string[] = [];
  await page.route(`${E2E.appUrl}/**`, async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    received.push(JSON.stringify(response.headersArray()), await response.text());
    await fulfillUnlessAbandoned(route, response);
  });

  await startSignIn(page);
  await logInAtWikimedia(page);
  const callback = page.waitForResponse((response) => new URL(response.url()).pathname === CALLBACK_PATH);
  await approveAtWikimedia(page);
  const callbackResponse = await callback;

  expect(page.url()).toBe(`${E2E.appUrl}/dashboard`);
  await expect(page.getByRole("heading", { level: 1, name: "Your Wikiport" })).toBeVisible();
  const account = page.getByRole("region", { name: "Your Wikimedia account" });
  await expect(account.getByText("Ada Editor")).toBeVisible();
  await expect(account.getByText("user, autoconfirmed")).toBeVisible();
  await expect(account.getByText("basic, editpage, createeditmovepage, editmywatchlist, viewmywatchlist")).toBeVisible();
  await expect(page.getByRole("region", { name: "Connection to Wikimedia" }).getByText("Connected")).toBeVisible();
  await expect(page.getByRole("banner").getByText("Ada Editor")).toBeVisible();

  // The callback answer: a redirect that leaks nothing and clears the one-time check cookies.
  expect(callbackResponse.status()).toBe(302);
  expect(callbackResponse.headers()["referrer-policy"]).toBe("no-referrer");
  expect(callbackResponse.headers()["cache-control"]).toBe("no-store");
  const cleared = (await setCookies(callbackResponse)).filter((cookie) => /^authjs\.(state|pkce\.code_verifier)=;/.test(cookie));
  expect(cleared).toHaveLength(2);
  for (const cookie of cleared) expect(cookie).toMatch(/Max-Age=0/);

  // A new session, not the planted value.
  const session = await sessionCookie(page);
  expect(session).toBeDefined();
  expect(session).not.toBe("planted-before-sign-in");
  expect(allSessionTokens()).not.toContain("planted-before-sign-in");

  // Tokens: sealed at rest, and in no response the browser received.
  const grant = grantOf(userIdOf("Ada Editor"));
  expect(grant.access_token).toMatch(SEALED);
  expect(grant.refresh_token).toMatch(SEALED);
  const { accessToken, refreshToken } = openTokens(grant);
  expect(grant.access_token).not.toContain(accessToken);
  const sessionJson = await page.context().request.get("/api/auth/session");
  const sessionBody = await sessionJson.text();
  expect(JSON.parse(sessionBody)).toMatchObject({ user: { name: "Ada Editor" } });
  // Let every answer in flight (Next prefetches the dashboard's links) reach `received` before reading it,
  // and stop intercepting, so no handler outlives this test.
  await page.unrouteAll({ behavior: "wait" });
  expect(received.length).toBeGreaterThan(3);
  for (const text of [sessionBody, JSON.stringify(sessionJson.headersArray()), await page.content(), ...received]) {
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain(refreshToken);
  }

  // Replaying the callback URL fails: its check cookies are gone, and Wikimedia is not asked again.
  const seq = await latestRequestSeq(request);
  await page.goto(callbackResponse.url());
  await expect(page).toHaveURL(/\/sign-in\?error=/);
  await expect(page.getByRole("heading", { level: 1, name: "The sign-in could not be completed" })).toBeVisible();
  expect(await tokenEndpointCallsSince(request, seq)).toEqual([]);
});

test("signing out deletes the session, so the old cookie no longer signs anyone in", async ({ page, playwright }) => {
  await signIn(page);
  const oldCookie = await sessionCookie(page);
  expect(oldCookie).toBeDefined();

  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${E2E.appUrl}/`);
  await expect(page.getByRole("button", { name: "Sign in with Wikimedia" })).toBeVisible();
  expect(allSessionTokens()).not.toContain(oldCookie);

  const replay = await playwright.request.newContext({
    baseURL: E2E.appUrl,
    extraHTTPHeaders: { cookie: `${SESSION_COOKIE}=${oldCookie}` },
  });
  const session = await replay.get("/api/auth/session");
  expect(await session.json()).toBeNull();
  const dashboard = await replay.get("/dashboard");
  expect(new URL(dashboard.url()).pathname).toBe("/");
  expect(await dashboard.text()).toContain("Sign in with Wikimedia");
  await replay.dispose();
});

test("a second sign-in overwrites the stored tokens, and accounts never hold any", async ({ page }) => {
  await signIn(page);
  const userId = userIdOf("Ada Editor");
  const first = grantOf(userId);
  const firstTokens = openTokens(first);

  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${E2E.appUrl}/`);
  // Still logged in at Wikimedia: straight to the consent page.
  await startSignIn(page);
  await approveAtWikimedia(page);

  const second = grantOf(userId);
  expect(second.version).toBeGreaterThan(first.version);
  expect(second.status).toBe("active");
  expect(second.access_token).toMatch(SEALED);
  expect(second.refresh_token).toMatch(SEALED);
  const secondTokens = openTokens(second);
  expect(secondTokens.accessToken).not.toBe(firstTokens.accessToken);
  expect(secondTokens.refreshToken).not.toBe(firstTokens.refreshToken);

  const rows = accountRows();
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row).toMatchObject({ provider: "wikimedia", access_token: null, refresh_token: null, id_token: null, expires_at: null });
  }
});

test("Cancel on Wikimedia's consent page lands on a page that says so, without a session", async ({ page }) => {
  await startSignIn(page);
  await logInAtWikimedia(page);
  await page.getByRole("button", { name: "Cancel" }).click();

  await expect(page).toHaveURL(`${E2E.appUrl}/sign-in?error=Cancelled`);
  await expect(page.getByRole("heading", { level: 1, name: "You cancelled the sign-in" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
  expect(await sessionCookie(page)).toBeUndefined();
  expect(await (await page.context().request.get("/api/auth/session")).json()).toBeNull();
});

test.describe("when Wikimedia's token endpoint is down", () => {
  test.afterEach(async ({ request }) => clearFaults(request));

  test("the sign-in ends on a page that says Wikimedia did not finish, without a session", async ({ page, request }) => {
    await addFault(request, { endpoint: TOKEN_ENDPOINT, kind: "status", status: 503 });
    await startSignIn(page);
    await logInAtWikimedia(page, ADA);
    await page.getByRole("button", { name: "Allow" }).click();

    await expect(page).toHaveURL(`${E2E.appUrl}/sign-in?error=OAuthCallbackError`);
    await expect(page.getByRole("heading", { level: 1, name: "Wikimedia did not finish the sign-in" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
    expect(await sessionCookie(page)).toBeUndefined();
  });
});

test("Auth.js's catch-all Configuration error, which a failed state or PKCE check arrives as, explains the likely cause", async ({ page }) => {
  await page.goto("/sign-in?error=Configuration");
  await expect(page.getByRole("heading", { level: 1, name: "The sign-in could not be completed" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
});
