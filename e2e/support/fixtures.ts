/**
 * The `test` and `expect` every spec imports: Playwright's, plus an automatic fixture that
 * - fails the test when anything Wikiport sends the browser (a page, an RSC payload, a route handler's
 *   answer, any header including Set-Cookie) carries a Wikimedia token value (docs/security-requirements.md item 8);
 * - records the one-time values the browser legitimately carried (authorization codes, states, check
 *   and session cookies), which the final project then looks for in the logs and the database (item 35).
 * One explicit, per-test exception: see `allowTokenEcho`.
 */
import { expect, test as base, type APIResponse, type BrowserContext, type BrowserContextOptions, type Request, type Response, type Route } from "@playwright/test";
import { E2E } from "../environment";
import { recordObserved, type ObservedValue } from "../final/evidence";
import { TOKEN_PATTERNS, findLeaks } from "../final/leak-patterns";
import { CALLBACK_PATH } from "./sign-in";

export { expect };

const APP_ORIGIN = new URL(E2E.appUrl).origin;
/** Auth.js's cookies whose values are secrets (a session key, or sealed one-time checks). */
const SECRET_COOKIE = /^(?:__(?:Secure|Host)-)?authjs\.(?:session-token|pkce\.code_verifier|state|nonce|csrf-token)$/;

function fromApp(url: string): boolean {
  return new URL(url).origin === APP_ORIGIN;
}

function cookiesSet(headers: { name: string; value: string }[]): ObservedValue[] {
  return headers
    .filter((header) => header.name.toLowerCase() === "set-cookie")
    .map((header) => header.value.split(";")[0] ?? "")
    .map((pair) => ({ kind: "cookie" as const, name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1) }))
    .filter((cookie) => SECRET_COOKIE.test(cookie.name) && cookie.value !== "");
}

/** Redirects carry no body the browser reads (and Playwright returns none), nor do 204 and HEAD answers. */
function hasBody(response: Response): boolean {
  const status = response.status();
  return !(status >= 300 && status < 400) && status !== 204 && response.request().method() !== "HEAD";
}

function label(method: string, url: string, status: number): string {
  return `${method} ${new URL(url).pathname} (${status})`;
}

function callbackValues(request: Request): ObservedValue[] {
  const url = new URL(request.url());
  if (url.origin !== APP_ORIGIN || url.pathname !== CALLBACK_PATH) return [];
  return (["code", "state"] as const).flatMap((kind) => {
    const value = url.searchParams.get(kind);
    return value ? [{ kind, name: kind, value }] : [];
  });
}

/** The whole shape of a signed JWT: only a complete token can be allowed, never a fragment of one. */
const WHOLE_JWT = /^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

type AllowEcho = (token: string) => void;

/**
 * `route.fetch`, sent once more when a GET or HEAD meets a connection reset: Playwright's request client
 * reuses a kept-alive socket after the server's keep-alive timeout has closed it (microsoft/playwright
 * issue 42701), which Chromium itself would meet by sending the request again on a new connection.
 */
async function fetchAsTheBrowserWould(route: Route): Promise<APIResponse> {
  try {
    return await route.fetch({ maxRedirects: 0 });
  } catch (error) {
    const idempotent = ["GET", "HEAD"].includes(route.request().method());
    if (!idempotent || !(error instanceof Error) || !/ECONNRESET|socket hang up/.test(error.message)) throw error;
    return route.fetch({ maxRedirects: 0 });
  }
}

/**
 * Hands the fetched answer to the browser. A request the browser has given up meanwhile (a prefetch
 * cancelled by the navigation that follows it) is already settled, and Playwright then answers
 * "Route is already handled!": its answer was read all the same, and no page waits for it.
 */
export async function fulfillUnlessAbandoned(route: Route, response: APIResponse): Promise<void> {
  try {
    await route.fulfill({ response });
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes("Route is already handled")) throw error;
  }
}

/** What one browser context's scan found, handed over when the test is done with the context. */
interface ContextFindings {
  leaks: string[];
  unreadable: string[];
  observed: ObservedValue[];
}

/**
 * Scans everything Wikiport sends to one browser context, from now until `finish` (which waits for the
 * requests still in flight, so call it before the context closes).
 */
async function scanContext(context: BrowserContext, echoAllowed: ReadonlySet<string>): Promise<{ finish: () => Promise<ContextFindings> }> {
  const leaks: string[] = [];
  const observed: ObservedValue[] = [];
  const inspectHeaders = (where: string, headers: { name: string; value: string }[]) => {
    observed.push(...cookiesSet(headers));
    const text = headers.map((h) => `${h.name}: ${h.value}`).join("\n");
    leaks.push(...findLeaks(text, TOKEN_PATTERNS).map((leak) => `${where}, headers: ${leak}`));
  };

  const inspectBody = (where: string, body: Buffer, method: string) => {
    let text = body.toString("latin1");
    // The allowance of `allowTokenEcho`: POST answers only, exact registered values only.
    if (method === "POST") for (const token of echoAllowed) text = text.replaceAll(token, "[allowed echo]");
    leaks.push(...findLeaks(text, TOKEN_PATTERNS).map((leak) => `${where}, body: ${leak}`));
  };

  // The browser discards a body once the page navigates away (after a server action's redirect, say),
  // and reports no Set-Cookie for an intercepted response, so a "response" event cannot show either
  // reliably. Fetching each app request here and handing the answer to the browser unchanged sees all
  // of it; redirects are left for the browser to follow, as it would.
  const routed = new WeakSet<Request>();
  await context.route(
    (url) => fromApp(url.href),
    async (route) => {
      routed.add(route.request());
      const response = await fetchAsTheBrowserWould(route);
      const where = label(route.request().method(), response.url(), response.status());
      inspectHeaders(where, response.headersArray());
      inspectBody(where, await response.body(), route.request().method());
      await fulfillUnlessAbandoned(route, response);
    },
  );
  // Playwright routes no request that follows a redirect (the callback after Wikimedia's consent page,
  // the dashboard after the callback): those are read from the "response" event, at once, while the
  // page that asked for them is still there. Any other request the route above did not see went to a
  // spec's own page.route, which takes precedence and reads the bodies itself: check its headers.
  const checks: Promise<void>[] = [];
  const unreadable: string[] = [];
  const onResponse = (response: Response) => {
    const request = response.request();
    if (!fromApp(response.url()) || routed.has(request)) return;
    const where = label(request.method(), response.url(), response.status());
    const followsRedirect = request.redirectedFrom() !== null;
    checks.push(
      (async () => {
        inspectHeaders(where, await response.headersArray());
        if (followsRedirect && hasBody(response)) inspectBody(where, await response.body(), request.method());
      })().catch((error: unknown) => {
        // Reported at the end of the test, as a failure: a response that could not be read was not checked.
        unreadable.push(`${where}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      }),
    );
  };
  const onRequest = (request: Request) => observed.push(...callbackValues(request));
  context.on("response", onResponse);
  context.on("request", onRequest);

  return {
    async finish() {
      // Let requests still in flight (prefetches, say) be checked before the context closes.
      await context.unrouteAll({ behavior: "wait" });
      context.off("response", onResponse);
      context.off("request", onRequest);
      await Promise.all(checks);
      return { leaks, unreadable, observed };
    },
  };
}

interface Scanner {
  allowEcho: AllowEcho;
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
}

export const test = base.extend<{ allowTokenEcho: AllowEcho; scannedContext: Scanner["newContext"]; appSendsNoTokens: Scanner }>({
  /**
   * Issue 7, personal API token setup: the user pastes their own Wikimedia personal API token, and the
   * "ready-to-copy snippets … that use it against the chosen wiki" carry "the real token only right after
   * pasting, with a placeholder afterwards". So that one answer legitimately echoes that one token back.
   * A spec registers the exact token it pastes; the scan then lets that value (and only that value) appear
   * in the body of Wikiport's answer to a POST (the server action that verified it), in this test only.
   * It stays a leak in any header or cookie, in any GET answer (a page showing it again would mean it was
   * kept for re-display), and every other token value is still scanned for as before.
   */
  allowTokenEcho: async ({ appSendsNoTokens }, use) => {
    await use(appSendsNoTokens.allowEcho);
  },

  /**
   * Another browser context (another person, or the same person in another browser) whose answers from
   * Wikiport are scanned like the test's own `context`; it is closed after the scan, when the test ends.
   */
  scannedContext: async ({ appSendsNoTokens }, use) => {
    await use(appSendsNoTokens.newContext);
  },

  appSendsNoTokens: [
    async ({ browser, context }, use, testInfo) => {
      const echoAllowed = new Set<string>();
      const scans = [await scanContext(context, echoAllowed)];
      const extra: BrowserContext[] = [];

      await use({
        allowEcho(token) {
          if (!WHOLE_JWT.test(token)) throw new Error("allowTokenEcho: only a whole personal API token (a JWT) can be allowed");
          echoAllowed.add(token);
        },
        async newContext(options) {
          const created = await browser.newContext({ baseURL: E2E.appUrl, ...options });
          extra.push(created);
          scans.push(await scanContext(created, echoAllowed));
          return created;
        },
      });

      const findings = await Promise.all(scans.map((scan) => scan.finish()));
      await Promise.all(extra.map((created) => created.close()));
      recordObserved(testInfo.testId, findings.flatMap((found) => found.observed));
      expect(findings.flatMap((found) => found.leaks), "Wikiport sent a Wikimedia token value to the browser").toEqual([]);
      expect(findings.flatMap((found) => found.unreadable), "responses from Wikiport that could not be checked").toEqual([]);
    },
    { auto: true },
  ],
});
