/**
 * A real "Sign in with Wikimedia" over plain HTTP, so the refresh storm runs on a user, session and grant
 * made by the app's own code: Auth.js sign-in → the sandbox's login form → its consent page → the
 * callback. A cookie jar per origin stands in for the browser; nothing is inserted into the database.
 */

const SESSION_COOKIE = "authjs.session-token";
const MAX_HOPS = 20;

class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  header(url: URL): string | null {
    const jar = this.byOrigin.get(url.origin);
    return jar && jar.size > 0 ? [...jar].map(([name, value]) => `${name}=${value}`).join("; ") : null;
  }

  store(url: URL, response: Response): void {
    const jar = this.byOrigin.get(url.origin) ?? new Map<string, string>();
    this.byOrigin.set(url.origin, jar);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = cookie.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (value === "" || expired) jar.delete(name);
      else jar.set(name, value);
    }
  }

  get(origin: string, name: string): string | undefined {
    return this.byOrigin.get(origin)?.get(name);
  }
}

function unescapeHtml(value: string): string {
  return value.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

/** The first form whose markup contains `marker`: its action (resolved) and its hidden fields. */
function formOf(page: string, pageUrl: URL, marker: string): { action: URL; fields: URLSearchParams } | null {
  const form = page.split("<form").slice(1).find((candidate) => candidate.split("</form>")[0]!.includes(marker));
  if (!form) return null;
  const markup = form.split("</form>")[0]!;
  const action = /^[^>]*\baction="([^"]*)"/.exec(markup)?.[1];
  const fields = new URLSearchParams();
  for (const input of markup.matchAll(/<input\b[^>]*>/g)) {
    if (!/type="hidden"/.test(input[0])) continue;
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? "";
    if (name) fields.append(unescapeHtml(name), unescapeHtml(value));
  }
  return { action: action ? new URL(unescapeHtml(action), pageUrl) : pageUrl, fields };
}

export interface SignedIn {
  /** The Auth.js session cookie value (a database session). */
  sessionToken: string;
  /** How many HTTP requests the sign-in took (for the report). */
  hops: number;
}

/**
 * Signs `user` in to the app at `appUrl` (its configured WIKIPORT_URL) through the sandbox, approving the
 * consent dialog, and returns the session cookie.
 */
export async function signInOverHttp(appUrl: string, user: { name: string; password: string }): Promise<SignedIn> {
  const jar = new CookieJar();
  const app = new URL(appUrl);
  let hops = 0;

  async function request(url: URL, init: RequestInit = {}): Promise<Response> {
    hops += 1;
    if (hops > MAX_HOPS) throw new Error(`The sign-in took more than ${MAX_HOPS} requests; last at ${url.href}`);
    const headers = new Headers(init.headers);
    const cookie = jar.header(url);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(url, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    jar.store(url, response);
    return response;
  }

  function post(url: URL, fields: URLSearchParams): Promise<Response> {
    return request(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: url.origin },
      body: fields.toString(),
    });
  }

  const csrf = (await (await request(new URL("/api/auth/csrf", app))).json()) as { csrfToken?: string };
  if (!csrf.csrfToken) throw new Error("The app's /api/auth/csrf gave no csrfToken.");
  let url = new URL("/api/auth/signin/wikimedia", app);
  let response = await post(url, new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: new URL("/dashboard", app).href }));

  for (;;) {
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.arrayBuffer();
      url = new URL(location, url);
      response = await request(url);
      continue;
    }
    const body = await response.text();
    if (url.origin === app.origin) {
      if (response.status === 200 && url.pathname === "/dashboard") break;
      throw new Error(`The sign-in ended at ${url.pathname} with status ${response.status} instead of the dashboard.`);
    }
    const login = formOf(body, url, 'name="wpName1"');
    const consent = formOf(body, url, 'name="accept"');
    if (login) {
      login.fields.set("wpName1", user.name);
      login.fields.set("wpPassword1", user.password);
      response = await post((url = login.action), login.fields);
    } else if (consent) {
      consent.fields.set("accept", "1");
      response = await post((url = consent.action), consent.fields);
    } else {
      throw new Error(`Unexpected page during sign-in at ${url.href} (status ${response.status}).`);
    }
  }

  const sessionToken = jar.get(app.origin, SESSION_COOKIE);
  if (!sessionToken) throw new Error("The sign-in reached the dashboard but set no session cookie.");
  return { sessionToken, hops };
}

export { SESSION_COOKIE };
