/**
 * A minimal HTTP client for the contract suite: one cookie jar per session (action=login sessions are
 * cookie-based on both wikis), redirects not followed (a 301 is part of the contract), every answer
 * captured whole so the comparer can look at status, media type and body.
 */

export interface Exchange {
  /** Human-readable request line for diffs, e.g. "GET rest /v1/page/Main_Page/bare". */
  request: string;
  status: number;
  /** Media type without parameters, lower-case: "application/json", "text/html". */
  mediaType: string;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body isn't JSON. */
  json: unknown;
}

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      // Both wikis delete cookies by setting them expired (MediaWiki also uses the value "deleted").
      const expired = attributes.some((attribute) => {
        const [key = "", val = ""] = attribute.split("=").map((s) => s.trim());
        if (/^max-age$/i.test(key)) return Number(val) <= 0;
        if (/^expires$/i.test(key)) return Date.parse(val) <= Date.now();
        return false;
      });
      if (expired || value === "deleted") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  jar?: CookieJar;
}

const USER_AGENT = "Wikiport-contract-tests/1.0 (contract suite; loopback only)";

export async function send(label: string, url: string, options: SendOptions = {}): Promise<Exchange> {
  const headers: Record<string, string> = { "user-agent": USER_AGENT, ...options.headers };
  const cookie = options.jar?.header();
  if (cookie) headers.cookie = cookie;
  const response = await fetch(url, { method: options.method ?? "GET", headers, body: options.body, redirect: "manual" });
  options.jar?.store(response.headers);
  const text = await response.text();
  const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  let json: unknown;
  if (mediaType === "application/json" || mediaType.endsWith("+json")) {
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON despite the header: leave `json` undefined; the comparer reports the body as unparsable.
      json = undefined;
    }
  }
  return { request: label, status: response.status, mediaType, headers: response.headers, text, json };
}

export type Params = Record<string, string | number | boolean | undefined>;

export function encodeParams(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === false) continue;
    search.set(key, value === true ? "1" : String(value));
  }
  return search.toString();
}
