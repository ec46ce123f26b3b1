import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { useTestDb } from "@/db/testing";
import type { RateLimitStore } from "@/lib/rate-limit";
import { withAuthRateLimits } from "./auth-routes";
import { buildContentSecurityPolicy, createNonce } from "./csp";
import { configHeaders, HSTS, isSessionCookie, PERMISSIONS_POLICY, requestSecurityHeaders, type Header } from "./headers";
import { checkRequestOrigin, needsOriginCheck } from "./origin-check";
import {
  CALLBACK_RATE_LIMIT,
  createAuthRouteLimits,
  createEditLimiter,
  createSessionActionLimiter,
  EDIT_RATE_LIMIT,
  limitedAuthRoute,
  SIGN_IN_RATE_LIMIT,
  tooManyEdits,
  SESSION_ACTION_RATE_LIMIT,
  ACTION_RATE_LIMIT,
} from "./rate-limits";

const APP = "https://wikiport.example";
const OPTIONS = { development: false, oauthOrigin: "https://meta.wikimedia.org", mediaOrigin: "https://upload.wikimedia.org" };

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name = "", ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

function asRecord(headers: Header[]): Record<string, string> {
  return Object.fromEntries(headers.map(({ key, value }) => [key.toLowerCase(), value]));
}

describe("Content-Security-Policy (docs/security-requirements.md item 30)", () => {
  it("allows scripts only with the nonce and strict-dynamic, never inline or eval in production", () => {
    const policy = directives(buildContentSecurityPolicy({ nonce: "abc123==", ...OPTIONS }));
    expect(policy.get("script-src")).toEqual(["'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("frame-src")).toEqual(["'self'"]);
  });

  it("lets forms go to Wikiport and the OAuth server, and images come from Wikiport and the media host", () => {
    const policy = directives(
      buildContentSecurityPolicy({ nonce: "n", development: false, oauthOrigin: "http://127.0.0.1:8787", mediaOrigin: "http://127.0.0.1:8787" }),
    );
    expect(policy.get("form-action")).toEqual(["'self'", "http://127.0.0.1:8787"]);
    expect(policy.get("img-src")).toEqual(["'self'", "http://127.0.0.1:8787"]);
  });

  it("adds 'unsafe-eval' for `next dev` only", () => {
    expect(directives(buildContentSecurityPolicy({ nonce: "n", ...OPTIONS, development: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("makes a fresh 128-bit nonce in the alphabet Next's nonce parser accepts", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});

describe("header selection (docs/security-requirements.md items 25 and 31)", () => {
  const CSP = "default-src 'self'";
  const page = (pathname: string, extra: Partial<Parameters<typeof requestSecurityHeaders>[0]> = {}) =>
    asRecord(requestSecurityHeaders({ pathname, https: false, signedIn: false, contentSecurityPolicy: CSP, ...extra }));

  it("gives a visitor's page the policy, framing refusal and the static set, without no-store or HSTS over http", () => {
    expect(page("/")).toEqual({
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "permissions-policy": PERMISSIONS_POLICY,
      "content-security-policy": CSP,
      "x-frame-options": "DENY",
    });
  });

  it("sends HSTS only over https", () => {
    expect(page("/", { https: true })["strict-transport-security"]).toBe(HSTS);
    expect(HSTS).toBe("max-age=31536000; includeSubDomains");
  });

  it("says no-store to signed-in users, and no-store and no-referrer on /api/auth", () => {
    expect(page("/dashboard", { signedIn: true })["cache-control"]).toBe("no-store");
    expect(page("/api/auth/callback/wikimedia")).toMatchObject({ "cache-control": "no-store", "referrer-policy": "no-referrer" });
    expect(page("/api/authorize")["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("leaves the policy and framing of /embed/ to the widget, keeping the rest", () => {
    const embed = page("/embed/en.wikipedia.org/Moon", { https: true });
    expect(embed["content-security-policy"]).toBeUndefined();
    expect(embed["x-frame-options"]).toBeUndefined();
    expect(embed).toMatchObject({ "x-content-type-options": "nosniff", "strict-transport-security": HSTS });
    expect(page("/embedded")["x-frame-options"]).toBe("DENY");
  });

  it("switches off powerful features", () => {
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(PERMISSIONS_POLICY).toContain(`${feature}=()`);
  });

  it("gives next.config.mjs the static set everywhere and no-referrer on /api/auth", () => {
    const [all, auth] = configHeaders();
    expect(all?.source).toBe("/:path*");
    expect(asRecord(all?.headers ?? [])["x-content-type-options"]).toBe("nosniff");
    expect(auth).toEqual({ source: "/api/auth/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] });
  });

  it("recognises Auth.js's session cookie, with and without the __Secure- prefix", () => {
    expect(isSessionCookie("authjs.session-token")).toBe(true);
    expect(isSessionCookie("__Secure-authjs.session-token")).toBe(true);
    expect(isSessionCookie("authjs.csrf-token")).toBe(false);
    expect(isSessionCookie("xauthjs.session-token")).toBe(false);
  });
});

describe("cross-site request refusal (docs/security-requirements.md item 32)", () => {
  it("checks every method but GET and HEAD, everywhere but the bearer-token API", () => {
    expect(needsOriginCheck("POST", "/wiki/en.wikipedia.org/Moon")).toBe(true);
    expect(needsOriginCheck("POST", "/api/auth/signout")).toBe(true);
    expect(needsOriginCheck("DELETE", "/dashboard")).toBe(true);
    expect(needsOriginCheck("GET", "/dashboard")).toBe(false);
    expect(needsOriginCheck("HEAD", "/")).toBe(false);
    expect(needsOriginCheck("POST", "/api/v1/wikis/en.wikipedia.org/pages/Moon")).toBe(false);
    expect(needsOriginCheck("POST", "/api/v10")).toBe(true);
  });

  it.each([
    [{ origin: APP, secFetchSite: "same-origin" }, true],
    [{ origin: `${APP}:443`, secFetchSite: null }, true],
    [{ origin: null, secFetchSite: null }, true],
    [{ origin: null, secFetchSite: "same-origin" }, true],
    [{ origin: null, secFetchSite: "none" }, true],
    [{ origin: "null", secFetchSite: null }, false],
    [{ origin: "https://evil.example", secFetchSite: "cross-site" }, false],
    [{ origin: "http://wikiport.example", secFetchSite: null }, false],
    [{ origin: "https://sub.wikiport.example", secFetchSite: "same-site" }, false],
    [{ origin: "https://wikiport.example.evil.example", secFetchSite: null }, false],
    [{ origin: "not a url", secFetchSite: null }, false],
    [{ origin: null, secFetchSite: "cross-site" }, false],
    [{ origin: null, secFetchSite: "same-site" }, false],
  ])("%j → allowed: %s", (request, allowed) => {
    expect(checkRequestOrigin(request, APP).ok).toBe(allowed);
  });

  it("names why it refused, with a sentence a person can read", () => {
    expect(checkRequestOrigin({ origin: "null", secFetchSite: null }, APP)).toMatchObject({ ok: false, code: "null_origin" });
    expect(checkRequestOrigin({ origin: "https://evil.example", secFetchSite: null }, APP)).toMatchObject({ ok: false, code: "foreign_origin" });
    const verdict = checkRequestOrigin({ origin: null, secFetchSite: "cross-site" }, APP);
    expect(verdict).toMatchObject({ ok: false, code: "cross_site_request" });
    if (!verdict.ok) expect(verdict.message).toMatch(/did not come from Wikiport/);
  });
});

const DEFAULT_AUTH_LIMITS = { signIn: SIGN_IN_RATE_LIMIT, callback: CALLBACK_RATE_LIMIT };

describe("rate limits (docs/security-requirements.md item 33)", () => {
  const testDb = useTestDb();
  const store: RateLimitStore = { db: () => testDb.db, secret: "security-test-secret" };

  it("knows which Auth.js routes are limited", () => {
    expect(limitedAuthRoute("/api/auth/signin/wikimedia")).toBe("sign_in");
    expect(limitedAuthRoute("/api/auth/callback/wikimedia")).toBe("callback");
    expect(limitedAuthRoute("/api/auth/session")).toBeNull();
    expect(limitedAuthRoute("/api/auth/signin")).toBeNull();
    expect(limitedAuthRoute("/api/auth/signout")).toBeNull();
  });

  it("gives each route its own bucket per client, and refills with time", async () => {
    let now = 0;
    const limits = createAuthRouteLimits(store, () => now, DEFAULT_AUTH_LIMITS);
    for (let i = 0; i < CALLBACK_RATE_LIMIT.capacity; i++) expect((await limits.take("callback", "198.51.100.1")).ok).toBe(true);
    const refused = await limits.take("callback", "198.51.100.1");
    expect(refused).toEqual({ ok: false, retryAfterSeconds: Math.ceil(60 / CALLBACK_RATE_LIMIT.refillPerMinute) });
    // Another route and another client are untouched.
    expect((await limits.take("sign_in", "198.51.100.1")).ok).toBe(true);
    expect((await limits.take("callback", "198.51.100.2")).ok).toBe(true);
    now += 60_000 / CALLBACK_RATE_LIMIT.refillPerMinute;
    expect((await limits.take("callback", "198.51.100.1")).ok).toBe(true);
    expect((await limits.take("callback", "198.51.100.1")).ok).toBe(false);
    expect(SIGN_IN_RATE_LIMIT.capacity).toBeGreaterThanOrEqual(30);
  });

  it("limits edit submissions per user, and actions per session above that", async () => {
    let now = 0;
    const edits = createEditLimiter(store, () => now, EDIT_RATE_LIMIT);
    for (let i = 0; i < EDIT_RATE_LIMIT.capacity; i++) expect((await edits.take("user-a")).ok).toBe(true);
    expect(await edits.take("user-a")).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect((await edits.take("user-b")).ok).toBe(true);
    now += 2_000;
    expect((await edits.take("user-a")).ok).toBe(true);
    // A person meets the edit form's message, then the action limit's, before the proxy's 429.
    expect(ACTION_RATE_LIMIT.capacity).toBeGreaterThan(EDIT_RATE_LIMIT.capacity);
    expect(SESSION_ACTION_RATE_LIMIT.capacity).toBeGreaterThan(ACTION_RATE_LIMIT.capacity);
    const actions = createSessionActionLimiter(store, () => 0, SESSION_ACTION_RATE_LIMIT);
    for (let i = 0; i < SESSION_ACTION_RATE_LIMIT.capacity; i++) await actions.take("session");
    expect((await actions.take("session")).ok).toBe(false);
  });

  it("tells the user how long to wait, and that nothing reached the wiki", () => {
    expect(tooManyEdits(12)).toEqual({
      ok: false,
      code: "rate_limited",
      retryAfterSeconds: 12,
      detail: "edits",
      message: "Too many edits from your account in a short time: try again in 12 seconds. Nothing was sent to the wiki.",
    });
    expect(tooManyEdits(1).message).toContain("in 1 second.");
  });
});

describe("the auth routes' limits", () => {
  const testDb = useTestDb();
  const store: RateLimitStore = { db: () => testDb.db, secret: "security-test-secret" };

  function handlers() {
    const calls: string[] = [];
    const handler = async (request: NextRequest) => {
      calls.push(`${request.method} ${request.nextUrl.pathname}`);
      return new Response("ok");
    };
    return { calls, handlers: { GET: handler, POST: handler } };
  }
  const callback = (address: string) =>
    new NextRequest(`${APP}/api/auth/callback/wikimedia?code=c&state=s`, { headers: { "x-forwarded-for": address } });

  it("answers 429 with Retry-After, no-store and no-referrer, without calling Auth.js", async () => {
    const { calls, handlers: inner } = handlers();
    const limited = withAuthRateLimits(inner, 1, createAuthRouteLimits(store, () => 0, DEFAULT_AUTH_LIMITS));
    for (let i = 0; i < CALLBACK_RATE_LIMIT.capacity; i++) expect((await limited.GET(callback("203.0.113.9"))).status).toBe(200);
    const refused = await limited.GET(callback("203.0.113.9"));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("2");
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(refused.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await refused.text()).toMatch(/^Too many sign-in returns from your address\. Try again in 2 seconds\./);
    expect(calls).toHaveLength(CALLBACK_RATE_LIMIT.capacity);
    const spanish = await limited.GET(new NextRequest(`${APP}/api/auth/callback/wikimedia?code=c&state=s`, { headers: { "x-forwarded-for": "203.0.113.9", "accept-language": "es-MX" } }));
    expect(await spanish.text()).toBe("Demasiados regresos desde la página de inicio de sesión de Wikimedia desde tu dirección. Vuelve a intentarlo en 2 segundos.\n");
    expect(spanish.headers.get("content-language")).toBe("es");
  });

  it("counts the client that the nearest proxy saw, and leaves other auth routes alone", async () => {
    const { calls, handlers: inner } = handlers();
    const limited = withAuthRateLimits(inner, 1, createAuthRouteLimits(store, () => 0, DEFAULT_AUTH_LIMITS));
    for (let i = 0; i < CALLBACK_RATE_LIMIT.capacity; i++) await limited.GET(callback("192.0.2.1, 203.0.113.10"));
    // A different spoofed left-hand entry is the same client.
    expect((await limited.GET(callback("192.0.2.99, 203.0.113.10"))).status).toBe(429);
    expect((await limited.GET(callback("203.0.113.11"))).status).toBe(200);
    expect((await limited.GET(new NextRequest(`${APP}/api/auth/session`, { headers: { "x-forwarded-for": "203.0.113.10" } }))).status).toBe(200);
    const signIn = new NextRequest(`${APP}/api/auth/signin/wikimedia`, { method: "POST", headers: { "x-forwarded-for": "203.0.113.10" } });
    expect((await limited.POST(signIn)).status).toBe(200);
    expect(calls.at(-1)).toBe("POST /api/auth/signin/wikimedia");
  });
});
