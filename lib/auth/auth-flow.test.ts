/**
 * Wikiport's Auth.js configuration and route guard, served on an https origin, through a whole sign-in
 * against the sandbox wiki (in process). Covers what the http e2e run cannot: `Secure` and prefixed
 * cookies (docs/security-requirements.md item 3), and what the token exchange sends (items 4 and T400119's User-Agent).
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { accounts, grants, sessions, users } from "@/db/schema";
import { createTestDb } from "@/db/testing";
import { parseConfig } from "@/lib/env";
import { createVault } from "@/lib/grants/vault";
import { log } from "@/lib/log";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { Browser, consent } from "@/sandbox/oauth/test-browser";
import { DEMO_USERS } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { createAuthConfig } from "./config";
import { guardAuthRoutes } from "./route-guard";

const APP = "https://app.example";
const CALLBACK = `${APP}/api/auth/callback/wikimedia`;
const sb = useSandbox({ wikiportCallback: CALLBACK });

let testDb: Awaited<ReturnType<typeof createTestDb>>;
beforeEach(async () => {
  testDb = await createTestDb();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await testDb.cleanup();
});

function setUp() {
  const config = parseConfig({
    NODE_ENV: "test",
    WIKIPORT_URL: APP,
    AUTH_SECRET: randomBytes(33).toString("base64"),
    WIKIMEDIA_MODE: "sandbox",
    WIKIMEDIA_SANDBOX_URL: sb.url,
    WIKIPORT_KEYS: `k1=${randomBytes(32).toString("base64url")}`,
    WIKIPORT_ACTIVE_KEY: "k1",
  });
  const { wikimedia } = config;
  const vault = createVault({
    db: testDb.db,
    keyRing: config.vault.keyRing,
    tokens: createTokenClient({ ...wikimedia, userAgent: "test" }),
    oauthServer: wikimedia.oauthUrl,
    refreshSkewSeconds: 120,
    log,
  });
  const { handlers } = NextAuth(createAuthConfig({ config, db: testDb.db, vault, log }));
  return { config, routes: guardAuthRoutes(handlers, () => APP) };
}

/** A cookie jar for the app's side, honouring what the app's Set-Cookie headers say. */
class AppBrowser {
  readonly jar = new Map<string, string>();
  readonly setCookies: string[] = [];

  constructor(private readonly routes: ReturnType<typeof setUp>["routes"]) {}

  async send(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0) headers.set("cookie", [...this.jar].map(([name, value]) => `${name}=${value}`).join("; "));
    if (init.form) headers.set("content-type", "application/x-www-form-urlencoded");
    const method = init.method ?? "GET";
    const request = new NextRequest(url, { method, headers, body: init.form ? new URLSearchParams(init.form).toString() : undefined });
    const response = await (method === "POST" ? this.routes.POST : this.routes.GET)(request);
    this.setCookies.length = 0;
    for (const cookie of response.headers.getSetCookie()) {
      this.setCookies.push(cookie);
      const [pair] = cookie.split(";");
      const name = pair!.slice(0, pair!.indexOf("="));
      const value = pair!.slice(pair!.indexOf("=") + 1);
      if (value === "" || /max-age=0/i.test(cookie)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return response;
  }

  cookie(name: string): string {
    const found = this.setCookies.find((cookie) => cookie.startsWith(`${name}=`));
    if (!found) throw new Error(`no Set-Cookie for ${name} in ${this.setCookies.map((c) => c.split("=")[0]).join(", ")}`);
    return found;
  }
}

async function startSignIn(app: AppBrowser, headers: Record<string, string> = {}) {
  const { csrfToken } = (await (await app.send(`${APP}/api/auth/csrf`)).json()) as { csrfToken: string };
  const response = await app.send(`${APP}/api/auth/signin/wikimedia`, { method: "POST", form: { csrfToken, callbackUrl: "/dashboard" }, headers });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

describe("Sign in with Wikimedia on an https origin", () => {
  it("sets Secure, prefixed, HttpOnly, SameSite=Lax check cookies that live 15 minutes", async () => {
    const app = new AppBrowser(setUp().routes);
    await startSignIn(app, { "x-forwarded-proto": "http", host: "evil.example" });

    for (const name of ["__Secure-authjs.state", "__Secure-authjs.pkce.code_verifier"]) {
      const cookie = app.cookie(name);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Max-Age=900;/);
    }
    expect(app.cookie("__Secure-authjs.callback-url")).toContain(encodeURIComponent(`${APP}/dashboard`));
    expect([...app.jar.keys()]).toContain("__Host-authjs.csrf-token");
  });

  it("exchanges the code with the policy User-Agent, client_secret_post and the fixed redirect URI, then starts a database session", async () => {
    const { config, routes } = setUp();
    const app = new AppBrowser(routes);
    const authorize = await startSignIn(app);
    const wikimedia = new Browser(sb.url);
    await wikimedia.login(DEMO_USERS.editor.name, DEMO_USERS.editor.password);
    const back = await consent(wikimedia, authorize.toString(), "Allow");
    const callback = back.headers.get("location")!;
    expect(callback.startsWith(`${CALLBACK}?`)).toBe(true);

    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const response = await app.send(callback);

    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${APP}/dashboard`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const session = app.cookie("__Secure-authjs.session-token");
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(app.cookie("__Secure-authjs.state")).toMatch(/Max-Age=0/);
    expect(app.cookie("__Secure-authjs.pkce.code_verifier")).toMatch(/Max-Age=0/);

    const calls = fetchSpy.mock.calls.map(([input, init]) => ({ url: String(input), init: init ?? {} }));
    const token = calls.find((call) => call.url === `${config.wikimedia.oauthUrl}/access_token`);
    const profile = calls.find((call) => call.url === `${config.wikimedia.oauthUrl}/resource/profile`);
    expect(token).toBeDefined();
    expect(profile).toBeDefined();
    for (const call of [token!, profile!]) expect(new Headers(call.init.headers).get("user-agent")).toMatch(/^Wikiport\/\S+ \(https:\/\/app\.example\) node\//);
    const body = new URLSearchParams(String(token!.init.body));
    expect(body.get("redirect_uri")).toBe(CALLBACK);
    expect(body.get("client_secret")).toBe(config.wikimedia.clientSecret);
    expect(body.get("code_verifier")).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(new Headers(token!.init.headers).has("authorization")).toBe(false);

    expect((await testDb.db.select().from(sessions))).toHaveLength(1);
    expect((await testDb.db.select().from(grants))).toHaveLength(1);
    expect((await testDb.db.select().from(accounts))[0]).toMatchObject({ access_token: null, refresh_token: null });
  });
});

describe("Sign in with Wikimedia when Wikimedia's answer is broken", () => {
  // Auth.js would throw its own parse error for these, shown as a "Configuration" problem: the person
  // must instead be told that Wikimedia did not finish the sign-in (app/sign-in's OAuthCallbackError).
  it.each([
    ["a cut-off JSON body", "oauth2/access_token", "truncated"],
    ["a plain-text body", "oauth2/access_token", "non-json"],
    ["a cut-off profile", "oauth2/resource/profile", "truncated"],
  ])("from the token exchange or profile, %s ends on the sign-in page with OAuthCallbackError", async (_name, endpoint, kind) => {
    const { routes } = setUp();
    const app = new AppBrowser(routes);
    const authorize = await startSignIn(app);
    const wikimedia = new Browser(sb.url);
    await wikimedia.login(DEMO_USERS.editor.name, DEMO_USERS.editor.password);
    const back = await consent(wikimedia, authorize.toString(), "Allow");
    await sb.control("POST", "/faults", { endpoint, kind });

    // Auth.js reports the failed callback through its logger (config.ts): one scrubbed error line.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await app.send(back.headers.get("location")!);
    expect(logged.mock.calls.join("\n")).toContain('"type":"OAuthCallbackError"');
    logged.mockRestore();

    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${APP}/sign-in?error=OAuthCallbackError`);
    expect((await testDb.db.select().from(sessions))).toHaveLength(0);
    expect((await testDb.db.select().from(grants))).toHaveLength(0);
  });
});

describe("the user's Wikimedia preferences, read at sign-in (docs/wikimedia-protocol.md §5.10)", () => {
  async function signInAs(routes: ReturnType<typeof setUp>["routes"], user: { name: string; password: string }, fault?: Record<string, unknown>) {
    const app = new AppBrowser(routes);
    const authorize = await startSignIn(app);
    const wikimedia = new Browser(sb.url);
    await wikimedia.login(user.name, user.password);
    const back = await consent(wikimedia, authorize.toString(), "Allow");
    if (fault) await sb.control("POST", "/faults", fault);
    const response = await app.send(back.headers.get("location")!);
    expect(response.headers.get("location")).toBe(`${APP}/dashboard`);
  }

  const preferencesOf = async (name: string) =>
    (await testDb.db.select({ language: users.language, wikimediaLanguage: users.wikimediaLanguage, wikimediaGender: users.wikimediaGender }).from(users).where(eq(users.name, name)))[0];

  it("stores the interface language and gender set on Meta, and no language for one left at Meta's default", async () => {
    const { config, routes } = setUp();
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    await signInAs(routes, DEMO_USERS.wanderer);
    expect(await preferencesOf(DEMO_USERS.wanderer.name)).toEqual({ language: null, wikimediaLanguage: "de", wikimediaGender: "female" });

    // Read on Meta with the new token and the policy User-Agent, in one request with Meta's own language.
    const read = fetchSpy.mock.calls
      .filter(([input]) => URL.canParse(String(input)))
      .map(([input, init]) => ({ url: new URL(String(input)), init: init ?? {} }))
      .find(({ url }) => url.pathname.endsWith("/meta.wikimedia.org/w/api.php"));
    expect(read?.url.searchParams.get("uiprop")).toBe("options");
    expect(read?.url.searchParams.get("meta")).toBe("userinfo|siteinfo");
    expect(new Headers(read?.init.headers).get("authorization")).toMatch(/^Bearer /);
    expect(new Headers(read?.init.headers).get("user-agent")).toMatch(/^Wikiport\//);
    expect(`${read?.url.origin}${read?.url.pathname}`).toBe(`${config.wikimedia.sandboxUrl}/meta.wikimedia.org/w/api.php`);

    // Ada never set a language on Meta: `en` is Meta's default, which says nothing about what she wants.
    await signInAs(routes, DEMO_USERS.editor);
    expect(await preferencesOf(DEMO_USERS.editor.name)).toEqual({ language: null, wikimediaLanguage: null, wikimediaGender: "unknown" });
  });

  it("signs in all the same when Meta does not answer, keeping what an earlier sign-in stored", async () => {
    const { routes } = setUp();
    await signInAs(routes, DEMO_USERS.wanderer);
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    await signInAs(routes, DEMO_USERS.wanderer, { endpoint: "api/query", kind: "status", status: 503, count: 1 });
    expect(warned.mock.calls.join("\n")).toContain('"event":"auth.wikimedia_options_unusable","status":503');
    expect((await testDb.db.select().from(sessions))).toHaveLength(2);
    expect(await preferencesOf(DEMO_USERS.wanderer.name)).toMatchObject({ wikimediaLanguage: "de", wikimediaGender: "female" });
  });
});
