/**
 * Request hardening against the running app (docs/security-requirements.md items 25, 30–33): the nonce CSP and the other
 * security headers, cross-site refusal of state changes, and the 429s of the rate limits.
 *
 * Rate-limit bursts never spend a bucket another spec needs: the auth routes count per client address,
 * and the bursts here come from loopback addresses of their own (e2e/support/from-address.ts);
 * the edit limits count per user and per session, and those tests use a user no other spec edits with.
 * The run's limits refill once an hour (e2e/environment.ts), so each burst is refused at exactly its
 * capacity + 1st request however slowly the machine sends them.
 */
import type { APIRequestContext, APIResponse, Page, Request } from "@playwright/test";
import { CONFLICT_MARKERS } from "../lib/edits/merge";
import { E2E } from "./environment";
import { fromAddress } from "./support/from-address";
import { expect, test } from "./support/fixtures";
import { ANA, latestRequestSeq } from "./support/sandbox";
import { CALLBACK_PATH, signIn } from "./support/sign-in";

const EVIL = "https://evil.example";
/** Edits in no other spec, so the edit-limit test has the user's edit bucket to itself. */
const NICO = { name: "Nico Newcomer", password: "newcomer-demo-2" } as const;
/** Client addresses of their own for the bursts, so that no other spec (from 127.0.0.1) is slowed. */
const SIGN_IN_BURST_CLIENT = "127.0.1.1";
const CALLBACK_BURST_CLIENT = "127.0.1.2";

function policy(response: APIResponse): Map<string, string[]> {
  const header = response.headers()["content-security-policy"];
  expect(header, `Content-Security-Policy of ${response.url()}`).toBeTruthy();
  return new Map(
    (header ?? "").split(";").map((part) => {
      const [name = "", ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

function nonceOf(response: APIResponse): string {
  const source = policy(response).get("script-src")?.find((value) => value.startsWith("'nonce-"));
  expect(source, "a nonce in script-src").toBeTruthy();
  return (source ?? "").slice("'nonce-".length, -1);
}

/** Every `<script>` start tag in the HTML as sent (browsers hide `nonce` from the DOM, so read the text). */
async function scriptTags(response: APIResponse): Promise<string[]> {
  return (await response.text()).match(/<script\b[^>]*>/gi) ?? [];
}

async function expectNonceOnEveryScript(response: APIResponse): Promise<string> {
  expect(response.headers()["content-type"]).toMatch(/^text\/html/);
  const nonce = nonceOf(response);
  const tags = await scriptTags(response);
  expect(tags.length, `scripts in ${response.url()}`).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, `a script in ${response.url()}`).toContain(` nonce="${nonce}"`);
  return nonce;
}

function expectCommonHeaders(response: APIResponse): void {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  expect(headers["x-powered-by"]).toBeUndefined();
  // The e2e app is served over http: HSTS would mean nothing there (lib/security tests the https case).
  expect(headers["strict-transport-security"]).toBeUndefined();
}

function expectPageHeaders(response: APIResponse): void {
  expectCommonHeaders(response);
  const headers = response.headers();
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const csp = policy(response);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'none'"]);
  expect(csp.get("script-src")).toContain("'strict-dynamic'");
  expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
  expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
  expect(csp.get("form-action")).toEqual(["'self'", E2E.sandboxUrl]);
  expect(csp.get("img-src")).toEqual(["'self'", E2E.sandboxUrl]);
  expect(csp.get("connect-src")).toEqual(["'self'"]);
  expect(csp.get("frame-src")).toEqual(["'self'"]);
}

/**
 * Console messages of CSP refusals, and whether Next's client started (it sets `window.next` as it
 * hydrates); `react: false` for a page without scripts (a visitor's article), which only has to load.
 */
async function visitWithoutViolations(page: Page, path: string, { react = true } = {}): Promise<void> {
  const violations: string[] = [];
  const listener = (message: { text(): string }) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  };
  page.on("console", listener);
  await page.goto(path);
  if (react) await page.waitForFunction(() => typeof (window as { next?: unknown }).next === "object");
  await page.waitForLoadState("load");
  page.off("console", listener);
  expect(violations, `CSP violations on ${path}`).toEqual([]);
}

async function sessionUser(request: APIRequestContext): Promise<string | null> {
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { name?: string } } | null;
  return session?.user?.name ?? null;
}

test.describe("Content-Security-Policy with a per-request nonce", () => {
  // Not a visitor's article: that page has no script at all, so no nonce to check in it
  // (docs/decisions/020-visitor-pages.md); e2e/visitor-pages.spec.ts checks its policy's nonce per response.
  const PUBLIC_PAGES = ["/", "/sign-in", "/sign-in?error=Cancelled", "/search?site=en.wikipedia.org&q=Sun", "/no-such-page"];

  test("visitors' pages: every script carries the request's nonce, which differs per request", async ({ request }) => {
    for (const path of PUBLIC_PAGES) {
      const first = await request.get(path);
      const second = await request.get(path);
      const nonces = [await expectNonceOnEveryScript(first), await expectNonceOnEveryScript(second)];
      expect(nonces[0], path).not.toBe(nonces[1]);
      expect(nonces[0]).toMatch(/^[A-Za-z0-9+/]{22,}={0,2}$/);
      expectPageHeaders(first);
    }
  });

  test("signed-in pages: the nonce on every script, no-store, and the browser runs them without a violation", async ({ page }) => {
    await signIn(page, ANA);
    for (const path of ["/dashboard", "/wiki/en.wikipedia.org/Moon", "/wiki/en.wikipedia.org/Moon?action=edit", "/wiki/en.wikipedia.org/Moon?action=history", "/watchlist", "/"]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(200);
      await expectNonceOnEveryScript(response);
      expectPageHeaders(response);
      expect(response.headers()["cache-control"], path).toContain("no-store");
    }
    for (const path of ["/dashboard", "/wiki/en.wikipedia.org/Solar_System", "/wiki/en.wikipedia.org/Moon?action=edit"]) {
      await visitWithoutViolations(page, path);
    }
  });

  test("a visitor's landing and article pages run without a CSP violation", async ({ page }) => {
    await visitWithoutViolations(page, "/");
    await visitWithoutViolations(page, "/wiki/en.wikipedia.org/Solar_System", { react: false });
  });
});

test("/api/auth answers say no-referrer and no-store, with the other headers", async ({ request }) => {
  for (const path of ["/api/auth/session", "/api/auth/csrf", "/api/auth/providers"]) {
    const response = await request.get(path);
    expectCommonHeaders(response);
    expect(response.headers()["referrer-policy"], path).toBe("no-referrer");
    expect(response.headers()["cache-control"], path).toBe("no-store");
  }
  const callback = await request.get(`${CALLBACK_PATH}?error=access_denied`, { maxRedirects: 0 });
  expect(callback.status()).toBe(302);
  expect(callback.headers()["referrer-policy"]).toBe("no-referrer");
});

test("the /embed/ frame keeps its own framing policy: no X-Frame-Options or page CSP from the proxy", async ({ request }) => {
  const response = await request.get("/embed/en.wikipedia.org/Moon");
  const headers = response.headers();
  expect(headers["x-frame-options"]).toBeUndefined();
  // The frame's own policy (if the route sets one) is not the pages' policy.
  expect(headers["content-security-policy"] ?? "").not.toContain(`form-action 'self' ${E2E.sandboxUrl}`);
  expect(headers["x-content-type-options"]).toBe("nosniff");
});

test.describe("cross-site state changes are refused (docs/security-requirements.md item 32)", () => {
  const FOREIGN: { name: string; headers: Record<string, string> }[] = [
    { name: "a foreign Origin", headers: { origin: EVIL } },
    { name: "Origin: null", headers: { origin: "null" } },
    { name: "no Origin and Sec-Fetch-Site: cross-site", headers: { "sec-fetch-site": "cross-site" } },
    { name: "no Origin and Sec-Fetch-Site: same-site", headers: { "sec-fetch-site": "same-site" } },
  ];

  test("Auth.js's sign-out POST: 403 and still signed in; the same POST from Wikiport signs out", async ({ page }) => {
    await signIn(page, ANA);
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    for (const { name, headers } of FOREIGN) {
      const response = await page.request.post("/api/auth/signout", { form: { csrfToken }, headers, maxRedirects: 0 });
      expect(response.status(), name).toBe(403);
      expect(await response.text()).toContain("did not come from Wikiport");
      expect(await sessionUser(page.request), name).toBe(ANA.name);
    }
    // The control: the refused requests were otherwise complete.
    const own = await page.request.post("/api/auth/signout", { form: { csrfToken }, headers: { origin: E2E.appUrl }, maxRedirects: 0 });
    expect(own.status()).toBe(302);
    expect(await sessionUser(page.request)).toBeNull();
  });

  test("a Server Action (Watch): 403 and nothing changes on the wiki; the same request from Wikiport watches", async ({ page }) => {
    const article = "/wiki/de.wikipedia.org/Berlin";
    await signIn(page, ANA);
    await page.goto(article);
    await expect(page.getByRole("button", { name: "Watch Berlin" })).toBeVisible();

    // The browser's own action request, held back, then replayed from "elsewhere".
    const captured = new Promise<Request>((resolve) => {
      void page.route(`**${article}`, async (route) => {
        if (route.request().method() !== "POST") return route.fallback();
        resolve(route.request());
        await route.abort();
      });
    });
    await page.getByRole("button", { name: "Watch Berlin" }).click();
    const action = await captured;
    await page.unrouteAll({ behavior: "ignoreErrors" });
    const original = action.headers();
    expect(original["next-action"]).toBeTruthy();
    const replay = (headers: Record<string, string>) =>
      page.request.post(article, {
        headers: {
          "next-action": original["next-action"] ?? "",
          "next-router-state-tree": original["next-router-state-tree"] ?? "",
          "content-type": original["content-type"] ?? "",
          accept: "text/x-component",
          ...headers,
        },
        data: action.postDataBuffer() ?? Buffer.alloc(0),
        maxRedirects: 0,
      });

    for (const { name, headers } of FOREIGN) {
      const response = await replay(headers);
      expect(response.status(), name).toBe(403);
    }
    await page.goto(article);
    await expect(page.getByRole("button", { name: "Watch Berlin" })).toBeVisible();

    expect((await replay({ origin: E2E.appUrl })).status()).toBe(200);
    await page.goto(article);
    await expect(page.getByRole("button", { name: "Unwatch Berlin" })).toBeVisible();
    await page.getByRole("button", { name: "Unwatch Berlin" }).click();
    await expect(page.getByRole("button", { name: "Watch Berlin" })).toBeVisible();
  });
});

test.describe("rate limits answer 429 with Retry-After (docs/security-requirements.md item 33)", () => {
  /** `capacity` requests that all pass, then one more: the refused one. */
  async function burstPastCapacity<R extends { status(): number }>(send: () => Promise<R>, capacity: number): Promise<R> {
    const statuses: number[] = [];
    for (let sent = 0; sent < capacity; sent++) statuses.push((await send()).status());
    expect(statuses.filter((status) => status === 429)).toEqual([]);
    const refused = await send();
    expect(refused.status()).toBe(429);
    return refused;
  }

  function expectRetryAfter(response: { headers(): Record<string, string> }): number {
    const seconds = Number(response.headers()["retry-after"]);
    expect(Number.isInteger(seconds) && seconds >= 1, `Retry-After: ${response.headers()["retry-after"]}`).toBe(true);
    expect(response.headers()["cache-control"]).toBe("no-store");
    return seconds;
  }

  test("sign-in initiation, per client address", async ({ playwright }) => {
    const client = fromAddress(SIGN_IN_BURST_CLIENT);
    const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const refused = await burstPastCapacity(
      () => client.post("/api/auth/signin/wikimedia", { csrfToken }),
      E2E.limits.signIn.capacity,
    );
    const seconds = expectRetryAfter(refused);
    expect(refused.headers()["referrer-policy"]).toBe("no-referrer");
    expect(refused.headers()["set-cookie"]).toBeUndefined();
    expect(await refused.text()).toContain(`Try again in ${seconds} seconds`);

    // Everyone else still signs in.
    const other = await playwright.request.newContext({ baseURL: E2E.appUrl });
    const token = ((await (await other.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
    expect((await other.post("/api/auth/signin/wikimedia", { form: { csrfToken: token }, maxRedirects: 0 })).status()).toBe(302);
    await other.dispose();
  });

  test("the OAuth callback, per client address", async ({ request }) => {
    const client = fromAddress(CALLBACK_BURST_CLIENT);
    // Wikimedia's "Cancel" answer: the cheapest callback, answered without asking Wikimedia anything.
    const refused = await burstPastCapacity(
      () => client.get(`${CALLBACK_PATH}?error=access_denied`),
      E2E.limits.callback.capacity,
    );
    expectRetryAfter(refused);
    expect(refused.headers()["referrer-policy"]).toBe("no-referrer");
    expect((await request.get(`${CALLBACK_PATH}?error=access_denied`, { maxRedirects: 0 })).status()).toBe(302);
  });

  test("Server Action POSTs, per session, before the action runs", async ({ page }) => {
    await signIn(page, ANA);
    // An action id no page has: whatever the limit lets through does nothing at all.
    const refused = await burstPastCapacity(
      () =>
        page.request.post("/wiki/en.wikipedia.org/Moon", {
          headers: { "next-action": "0".repeat(42), origin: E2E.appUrl },
          form: { unused: "1" },
          maxRedirects: 0,
        }),
      E2E.limits.sessionAction.capacity,
    );
    const seconds = expectRetryAfter(refused);
    expect(await refused.text()).toContain(`Try again in ${seconds} seconds`);
    // Reading is not limited.
    expect((await page.request.get("/wiki/en.wikipedia.org/Moon")).status()).toBe(200);
  });

  test("edit submissions, per user: the form says how long to wait, and nothing reaches the wiki", async ({ page, request }) => {
    // One UI submission per unit of capacity: more work than the default timeout allows on a busy machine.
    test.setTimeout(120_000);
    await signIn(page, NICO);
    await page.goto("/wiki/en.wikipedia.org/Earth?action=edit");
    const textarea = page.getByLabel("Wikitext");
    const original = await textarea.inputValue();
    const seq = await latestRequestSeq(request);
    // Text with conflict markers is refused by Wikiport itself, so these submissions cost the wiki nothing.
    await textarea.fill(`${CONFLICT_MARKERS.start}\n${original}\n${CONFLICT_MARKERS.middle}\nother\n${CONFLICT_MARKERS.end}`);
    const notice = page.getByRole("alert").filter({ hasText: /conflict markers|Too many edits/ });
    const save = page.getByRole("button", { name: "Save changes" });
    // Exactly one Server Action POST per click: wait for its answer before sending the next.
    const submit = async () => {
      const answered = page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/wiki/"));
      await save.click();
      await answered;
    };
    for (let submission = 1; submission <= E2E.limits.edit.capacity; submission++) {
      await submit();
      await expect(notice, `submission ${submission}`).toContainText("conflict markers");
    }
    await submit();
    await expect(notice).toContainText(/Too many edits from your account in a short time: try again in \d+ (seconds?|minutes?)\. Nothing was sent to the wiki\./);

    // A valid edit now is refused too, and the wiki hears nothing of any of it.
    await textarea.fill(`${original}\n\nNico's limited sentence.`);
    // Wait for the answer itself: the notice already says "Too many edits" from the submission before.
    await submit();
    await expect(notice).toContainText("Too many edits");
    await expect(textarea).toHaveValue(`${original}\n\nNico's limited sentence.`);
    const sandbox = await request.get(`${E2E.sandboxUrl}/__sandbox/requests?since=${seq}`);
    const calls = ((await sandbox.json()) as { requests: { endpoint: string }[] }).requests.map((entry) => entry.endpoint);
    expect(calls.filter((endpoint) => /edit|put|post|csrf|tokens/i.test(endpoint))).toEqual([]);
  });
});
