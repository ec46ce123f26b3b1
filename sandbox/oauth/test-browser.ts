/**
 * Test helpers: a tiny cookie-jar browser that speaks to the sandbox over HTTP (no redirect following
 * unless asked) and the OAuth browser flow (login → authorize → consent → code) built on it.
 */
import { createHash, randomBytes } from "node:crypto";
import { DEMO_USERS, WIKIPORT_CLIENT } from "../seed";
import type { SandboxHandle } from "../testing";

export const META = "meta.wikimedia.org";

export function unescapeHtml(value: string): string {
  return value.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

/** Hidden inputs of the first form in a page whose markup contains `marker` (or the first form). */
export function hiddenFields(page: string, marker?: string): URLSearchParams {
  const forms = page.split("<form").slice(1);
  const form = (marker ? forms.find((f) => f.includes(marker)) : forms[0]) ?? "";
  const fields = new URLSearchParams();
  for (const found of form.split("</form>")[0]!.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.append(unescapeHtml(found[1]!), unescapeHtml(found[2]!));
  }
  return fields;
}

export class Browser {
  private readonly jar = new Map<string, string>();

  constructor(readonly base: string) {}

  cookieNames(): string[] {
    return [...this.jar.keys()];
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const absolute = new URL(url, this.base).toString();
    const headers = new Headers(init.headers);
    if (this.jar.size > 0) headers.set("cookie", [...this.jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(absolute, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || attributes.some((a) => a.trim().toLowerCase() === "max-age=0")) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return response;
  }

  get(url: string): Promise<Response> {
    return this.request(url);
  }

  post(url: string, form: URLSearchParams | Record<string, string>): Promise<Response> {
    return this.request(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
  }

  async login(name: string, password: string): Promise<Response> {
    return this.post(`/${META}/wiki/Special:UserLogin`, { wpName1: name, wpPassword1: password });
  }
}

export function pkcePair(method: "S256" | "plain" = "S256"): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString("base64url");
  const challenge = method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  return { verifier, challenge };
}

export function authorizeUrl(sb: SandboxHandle, params: Record<string, string>, wiki = META): string {
  return `${sb.url}/${wiki}/w/rest.php/oauth2/authorize?${new URLSearchParams(params).toString()}`;
}

/** Follows authorize → consent; answers the dialog; returns the final 302 (to the client's redirect URI). */
export async function consent(browser: Browser, authorize: string, choice: "Allow" | "Cancel"): Promise<Response> {
  const toDialog = await browser.get(authorize);
  if (toDialog.status !== 307) throw new Error(`authorize answered ${toDialog.status}: ${await toDialog.text()}`);
  const dialogUrl = toDialog.headers.get("location")!;
  const dialog = await browser.get(dialogUrl);
  const fields = hiddenFields(await dialog.text(), `name="accept"`);
  fields.set(choice === "Allow" ? "accept" : "cancel", "1");
  const back = await browser.post(dialogUrl, fields);
  if (back.status !== 302) throw new Error(`consent answered ${back.status}`);
  return browser.get(back.headers.get("location")!);
}

export interface CodeFlow {
  code: string;
  state: string | null;
  location: URL;
  browser: Browser;
}

/** A signed-in demo user allows the client; gives the code from the redirect. */
export async function obtainCode(
  sb: SandboxHandle,
  params: Record<string, string> = {},
  user: { name: string; password: string } = DEMO_USERS.editor,
  browser = new Browser(sb.url),
): Promise<CodeFlow> {
  await browser.login(user.name, user.password);
  const final = await consent(browser, authorizeUrl(sb, { response_type: "code", client_id: WIKIPORT_CLIENT.key, ...params }), "Allow");
  if (final.status !== 302) throw new Error(`authorize after consent answered ${final.status}: ${await final.text()}`);
  const location = new URL(final.headers.get("location")!);
  const code = location.searchParams.get("code");
  if (!code) throw new Error(`no code in ${location.toString()}`);
  return { code, state: location.searchParams.get("state"), location, browser };
}

export async function tokenRequest(sb: SandboxHandle, form: Record<string, string>, headers: Record<string, string> = {}, wiki = META) {
  const response = await fetch(`${sb.url}/${wiki}/w/rest.php/oauth2/access_token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { response, status: response.status, body: (await response.json()) as Record<string, any> };
}

export const WIKIPORT_AUTH = { client_id: WIKIPORT_CLIENT.key, client_secret: WIKIPORT_CLIENT.secret };

/** Code flow plus exchange for the Wikiport client: the token response body. */
export async function wikiportTokens(
  sb: SandboxHandle,
  user: { name: string; password: string } = DEMO_USERS.editor,
  params: Record<string, string> = {},
) {
  const { code } = await obtainCode(sb, params, user);
  const { body, status } = await tokenRequest(sb, { grant_type: "authorization_code", code, ...WIKIPORT_AUTH });
  if (status !== 200) throw new Error(`token exchange answered ${status}: ${JSON.stringify(body)}`);
  return body as { access_token: string; refresh_token: string; expires_in: number; token_type: string };
}

export function decodeJwt(jwt: string): { header: Record<string, unknown>; payload: Record<string, any> } {
  const [header, payload] = jwt.split(".");
  return {
    header: JSON.parse(Buffer.from(header!, "base64url").toString("utf8")),
    payload: JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")),
  };
}

export async function profile(sb: SandboxHandle, token: string, wiki = META) {
  const response = await fetch(`${sb.url}/${wiki}/w/rest.php/oauth2/resource/profile`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, any>, response };
}
