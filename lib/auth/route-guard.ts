/**
 * Wraps Auth.js's route handlers (`/api/auth/*`):
 * - the request URL is rebuilt on the configured origin, so spoofed Host / X-Forwarded-* headers never
 *   reach Auth.js (docs/security-requirements.md item 4; what next-auth does itself when AUTH_URL is set);
 * - the query string of a sign-in POST is dropped: Auth.js would copy it over the authorize parameters
 *   (redirect_uri, scope, response_type…), @auth/core lib/actions/signin/authorization-url.js;
 * - an error that Wikimedia sends back to the callback goes straight to the sign-in page. Wikimedia
 *   leaves `state` out of error redirects (docs/wikimedia-protocol.md §1.1, "Cancel"), which Auth.js could only
 *   report as a configuration error. An OAuth E-code in the error's text (lib/auth/oauth-errors.ts) goes
 *   along, so the page can explain it and link its Help:OAuth/Errors anchor;
 * - every answer carries `Cache-Control: no-store` and `Referrer-Policy: no-referrer`, because callback
 *   URLs hold a code and a state (docs/security-requirements.md item 5).
 */
import { NextRequest } from "next/server";
import { eCodeFrom } from "./oauth-errors";

type Handler = (request: NextRequest) => Promise<Response>;

/** Wikimedia's user-facing refusals at the consent page: league's `access_denied` and EXT's `unauthorized_client`. */
const CANCELLED = new Set(["access_denied", "unauthorized_client"]);

function hardened(response: Response): Response {
  // Auth.js answers with Response.redirect(), whose headers are immutable: copy before changing.
  const headers = new Headers(response.headers);
  headers.set("cache-control", "no-store");
  headers.set("referrer-policy", "no-referrer");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function providerError(url: URL): Record<string, string> | null {
  if (!/\/callback\/[^/]+$/.test(url.pathname)) return null;
  const query = url.searchParams;
  const error = query.get("error");
  if (!error || query.has("code")) return null;
  if (CANCELLED.has(error)) return { error: "Cancelled" };
  const code = eCodeFrom([query.get("error_description"), query.get("hint"), query.get("message")]);
  return { error: "WikimediaRefused", ...(code ? { code } : {}) };
}

export function guardAuthRoutes(handlers: { GET: Handler; POST: Handler }, appUrl: () => string): { GET: Handler; POST: Handler } {
  const guard = (handler: Handler): Handler => async (request) => {
    const origin = new URL(appUrl()).origin;
    const url = new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, origin);
    const refusal = providerError(url);
    if (request.method === "GET" && refusal) {
      return hardened(Response.redirect(`${origin}/sign-in?${new URLSearchParams(refusal)}`, 302));
    }
    if (request.method === "POST" && /\/signin\//.test(url.pathname)) url.search = "";
    return hardened(await handler(new NextRequest(url, request)));
  };
  return { GET: guard(handlers.GET), POST: guard(handlers.POST) };
}
