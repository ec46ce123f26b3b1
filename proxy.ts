/**
 * Runs before every request except static files (Next 16's proxy, in the Node.js runtime):
 * - refuses cross-site state changes: a non-GET request to anything but the bearer-token API whose
 *   Origin is `null` or not Wikiport's, or that a browser marks as cross-site (lib/security/origin-check.ts);
 * - limits Server Action POSTs on every path per session, answering 429 with Retry-After before the
 *   action runs: an action can be posted to any page, so a limit on some paths is no limit (every
 *   action also counts per user, and says so in its form: lib/server-actions);
 * - sets the security headers, with a fresh CSP nonce per request, handed to Next on the request so that
 *   its own scripts carry it (lib/security/csp.ts). The `/embed/` frame sets its own policy and framing.
 *
 * Nothing here decides who may see what: that lives next to the data (requireUser()), because a proxy
 * can be skipped (CVE-2025-29927) and matchers drift (style.md practice 4).
 */
import { createHash } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { mediaPrefixFor } from "@/lib/articles/media";
import { getConfig } from "@/lib/env";
import { log } from "@/lib/log";
import type { RateLimiter } from "@/lib/rate-limit";
import { buildContentSecurityPolicy, createNonce, originOf } from "@/lib/security/csp";
import { isEmbedPath, isSessionCookie, requestSecurityHeaders, type Header } from "@/lib/security/headers";
import { checkRequestOrigin, needsOriginCheck } from "@/lib/security/origin-check";
import { createSessionActionLimiter, tooManyRequestsResponse } from "@/lib/security/rate-limits";

let sessionActions: RateLimiter | undefined;

function withHeaders<R extends Response>(response: R, headers: Header[]): R {
  for (const { key, value } of headers) response.headers.set(key, value);
  return response;
}

/** A Server Action call, on whatever path it was posted to (Next runs an action from any page). */
function isServerAction(request: NextRequest): boolean {
  return request.method === "POST" && request.headers.has("next-action");
}

/** The session a request claims, as a digest: the limiter's map never holds a session token itself. */
function sessionKey(request: NextRequest): string | null {
  const cookie = request.cookies.getAll().find(({ name }) => isSessionCookie(name));
  return cookie ? createHash("sha256").update(cookie.value).digest("base64url") : null;
}

export function proxy(request: NextRequest): Response {
  const config = getConfig();
  const appOrigin = originOf(config.app.url);
  const { pathname } = request.nextUrl;
  const session = sessionKey(request);
  const nonce = createNonce();
  const contentSecurityPolicy = buildContentSecurityPolicy({
    nonce,
    development: config.nodeEnv === "development",
    oauthOrigin: originOf(config.wikimedia.oauthUrl),
    mediaOrigin: originOf(mediaPrefixFor(config.wikimedia)),
  });
  const headers = requestSecurityHeaders({
    pathname,
    https: appOrigin.startsWith("https:"),
    signedIn: session !== null,
    contentSecurityPolicy,
  });

  if (needsOriginCheck(request.method, pathname)) {
    const verdict = checkRequestOrigin(
      { origin: request.headers.get("origin"), secFetchSite: request.headers.get("sec-fetch-site") },
      appOrigin,
    );
    if (!verdict.ok) {
      log.warn("request.cross_site_refused", { reason: verdict.code, method: request.method, path: pathname });
      const refusal = new NextResponse(`${verdict.message}\n`, {
        status: 403,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
      return withHeaders(refusal, headers);
    }
  }

  if (session && isServerAction(request)) {
    sessionActions ??= createSessionActionLimiter();
    const decision = sessionActions.take(session);
    if (!decision.ok) {
      log.warn("request.rate_limited", { limit: "session_actions", path: pathname, retryAfterSeconds: decision.retryAfterSeconds });
      return withHeaders(tooManyRequestsResponse(decision.retryAfterSeconds, "changes from this session in a short time"), headers);
    }
  }

  // Next reads the nonce from the request's policy header; `x-nonce` is for server components that
  // render a script of their own. Whatever a client sent under these names is replaced or dropped.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete("x-nonce");
  requestHeaders.delete("content-security-policy");
  if (!isEmbedPath(pathname)) {
    requestHeaders.set("content-security-policy", contentSecurityPolicy);
    requestHeaders.set("x-nonce", nonce);
  }
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

export const config = {
  // Static build output and image optimization carry no user data and run no policy-relevant code;
  // next.config.mjs gives them the headers that apply to every response.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
