/**
 * The OAuth flow's security checks against the running app (docs/security-requirements.md items 1–7), at the HTTP level:
 * the authorize redirect, the check cookies, the callback's refusals and where redirects may lead.
 */
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { DEFAULT_GRANTS } from "../lib/env";
import { E2E } from "./environment";
import { latestRequestSeq, tokenEndpointCallsSince } from "./support/sandbox";
import { expect, test } from "./support/fixtures";
import { CALLBACK_PATH, startSignIn } from "./support/sign-in";

const AUTHORIZE_URL = `${E2E.sandboxUrl}/meta.wikimedia.org/w/rest.php/oauth2/authorize`;
const REDIRECT_URI = `${E2E.appUrl}/api/auth/callback/wikimedia`;
const SPOOFED = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

function setCookies(response: APIResponse): string[] {
  return response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === "set-cookie")
    .map((header) => header.value);
}

function cookieNamed(response: APIResponse, name: string): string {
  const cookie = setCookies(response).find((value) => value.startsWith(`${name}=`));
  if (!cookie) throw new Error(`No Set-Cookie for ${name}`);
  return cookie;
}

/** Starts a sign-in the way a browser form would: Auth.js's CSRF token, then the sign-in POST. */
async function startSignInRequest(
  request: APIRequestContext,
  options: { headers?: Record<string, string>; query?: string; callbackUrl?: string } = {},
): Promise<{ response: APIResponse; authorize: URL }> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post(`/api/auth/signin/wikimedia${options.query ?? ""}`, {
    form: { csrfToken, ...(options.callbackUrl ? { callbackUrl: options.callbackUrl } : {}) },
    headers: options.headers,
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  return { response, authorize: new URL(response.headers().location ?? "") };
}

test("the authorize redirect carries PKCE S256, a fresh state, exactly the configured grants and the fixed redirect URI", async ({ request }) => {
  const first = (await startSignInRequest(request)).authorize;
  const second = (await startSignInRequest(request)).authorize;

  for (const authorize of [first, second]) {
    expect(`${authorize.origin}${authorize.pathname}`).toBe(AUTHORIZE_URL);
    const params = authorize.searchParams;
    expect(params.get("response_type")).toBe("code");
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Auth.js's state is an encrypted JWT around 32 random bytes: far more than 128 bits.
    expect(params.get("state")).toMatch(/^[A-Za-z0-9_.-]{22,}$/);
    expect(params.get("scope")).toBe(DEFAULT_GRANTS.join(" "));
    expect(params.get("redirect_uri")).toBe(REDIRECT_URI);
  }
  expect(second.searchParams.get("code_challenge")).not.toBe(first.searchParams.get("code_challenge"));
  expect(second.searchParams.get("state")).not.toBe(first.searchParams.get("state"));
});

test("spoofed Host and X-Forwarded-* headers, or query parameters, change neither the redirect URI nor the grants", async ({ request }) => {
  const { response, authorize } = await startSignInRequest(request, {
    headers: SPOOFED,
    query: "?redirect_uri=https%3A%2F%2Fevil.example%2Fcb&scope=basic%20highvolume&response_type=token",
  });
  expect(authorize.searchParams.get("redirect_uri")).toBe(REDIRECT_URI);
  expect(authorize.searchParams.get("scope")).toBe(DEFAULT_GRANTS.join(" "));
  expect(authorize.searchParams.get("response_type")).toBe("code");
  // Cookie names and flags follow the configured (http) origin, not X-Forwarded-Proto.
  expect(cookieNamed(response, "authjs.state")).not.toMatch(/;\s*Secure/i);
});

test("the sign-in button's server action keeps the fixed redirect URI under a spoofed X-Forwarded-Proto", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-proto": "https" });
  const authorizeRequest = page.waitForRequest((request) => request.url().startsWith(AUTHORIZE_URL));
  await startSignIn(page);
  const authorize = new URL((await authorizeRequest).url());
  expect(authorize.searchParams.get("redirect_uri")).toBe(REDIRECT_URI);
  expect(authorize.searchParams.get("scope")).toBe(DEFAULT_GRANTS.join(" "));
});

test("the state and PKCE cookies are HttpOnly, SameSite=Lax and live at most 15 minutes", async ({ request }) => {
  const { response } = await startSignInRequest(request);
  for (const name of ["authjs.state", "authjs.pkce.code_verifier"]) {
    const cookie = cookieNamed(response, name);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    const maxAge = Number(/;\s*Max-Age=(\d+)/i.exec(cookie)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(900);
  }
});

test.describe("a callback that fails its checks", () => {
  const cases: { name: string; callback: (state: string) => string; withoutPkceCookie?: boolean }[] = [
    { name: "without state", callback: () => `${CALLBACK_PATH}?code=forged-code` },
    {
      name: "with an altered state",
      callback: (state) => `${CALLBACK_PATH}?${new URLSearchParams({ code: "forged-code", state: `${state.slice(0, -2)}${state.endsWith("AA") ? "BB" : "AA"}` })}`,
    },
    {
      name: "without the PKCE cookie",
      callback: (state) => `${CALLBACK_PATH}?${new URLSearchParams({ code: "forged-code", state })}`,
      withoutPkceCookie: true,
    },
  ];

  for (const { name, callback, withoutPkceCookie } of cases) {
    test(`${name} ends on the error page, asks Wikimedia nothing and creates no session`, async ({ playwright, request }) => {
      const browser = await playwright.request.newContext({ baseURL: E2E.appUrl });
      const { authorize } = await startSignInRequest(browser);
      const state = authorize.searchParams.get("state") ?? "";
      let client = browser;
      if (withoutPkceCookie) {
        const { cookies } = await browser.storageState();
        client = await playwright.request.newContext({
          baseURL: E2E.appUrl,
          storageState: { cookies: cookies.filter((cookie) => cookie.name !== "authjs.pkce.code_verifier"), origins: [] },
        });
      }
      const seq = await latestRequestSeq(request);

      const response = await client.get(callback(state), { maxRedirects: 0 });
      expect(response.status()).toBe(302);
      expect(response.headers().location).toMatch(new RegExp(`^${E2E.appUrl}/sign-in\\?error=`));
      expect(setCookies(response).some((cookie) => cookie.startsWith("authjs.session-token="))).toBe(false);
      expect(await tokenEndpointCallsSince(request, seq)).toEqual([]);
      expect(await (await client.get("/api/auth/session")).json()).toBeNull();

      const page = await client.get(response.headers().location ?? "");
      expect(await page.text()).toContain("The sign-in could not be completed");
      await client.dispose();
      if (client !== browser) await browser.dispose();
    });
  }
});

test("every /api/auth answer says no-store and no-referrer", async ({ request }) => {
  const { response: signIn } = await startSignInRequest(request);
  const answers = [
    await request.get("/api/auth/csrf"),
    await request.get("/api/auth/session"),
    signIn,
    await request.get(`${CALLBACK_PATH}?code=forged-code&state=forged`, { maxRedirects: 0 }),
    await request.get(`${CALLBACK_PATH}?error=unauthorized_client`, { maxRedirects: 0 }),
  ];
  for (const answer of answers) {
    expect(answer.headers()["cache-control"]).toBe("no-store");
    expect(answer.headers()["referrer-policy"]).toBe("no-referrer");
  }
});

test("callback URLs pointing elsewhere are replaced by an address on Wikiport (no open redirect)", async ({ playwright }) => {
  const targets = [
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://app.example.evil.example",
    "https://app.example@evil.example",
    "javascript:alert(1)",
    "http://localhost:3100@evil.example/",
    // Encoded, mixed-case and whitespace variants (lib/auth/safe-redirect.test.ts has more).
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/\t/evil.example",
    "JaVaScRiPt:alert(1)",
    `${E2E.appUrl}%2F@evil.example`,
  ];
  for (const target of targets) {
    const client = await playwright.request.newContext({ baseURL: E2E.appUrl });
    const { response } = await startSignInRequest(client, { callbackUrl: target });
    const stored = decodeURIComponent(/^authjs\.callback-url=([^;]*)/.exec(cookieNamed(response, "authjs.callback-url"))?.[1] ?? "");
    expect(new URL(stored).origin, target).toBe(E2E.appUrl);
    await client.dispose();
  }
});
