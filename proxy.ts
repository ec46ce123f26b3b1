/**
 * Runs before every request except the build's static files (Next 16's proxy, in the Node.js runtime):
 * - answers what Next.js itself would answer with a bare 500 (lib/security/request-line.ts): an unknown
 *   method with 405, a path whose percent-encoding is broken with 400 (problem+json under `/api/v1/`, a
 *   message card under `/embed/`);
 * - refuses cross-site state changes: a non-GET request to anything but the bearer-token API whose
 *   Origin is `null` or not Wikiport's, or that a browser marks as cross-site (lib/security/origin-check.ts);
 * - limits page GETs under `/wiki/` per client address (lib/security/rate-limits.ts READ_RATE_LIMIT):
 *   visitors all read with the one app token, so a flood from one address would starve the rest;
 * - limits Server Action POSTs on every path per session, counted across all instances (lib/rate-limit),
 *   answering 429 with Retry-After before the action runs: an action can be posted to any page, so a
 *   limit on some paths is no limit (every action also counts per user, and says so in its form:
 *   lib/server-actions);
 * - answers a visitor's article view (no session cookie, no action but "view") with the page built
 *   without React and kept as bytes per interface language (lib/articles/visitor-pages.ts,
 *   docs/decisions/020-visitor-pages.md), after the checks above and with the same headers;
 * - sets the security headers, with a fresh CSP nonce per request, handed to Next on the request so that
 *   its own scripts carry it (lib/security/csp.ts). The `/embed/` frame sets its own policy and framing.
 *
 * Nothing here decides who may see what: that lives next to the data (requireUser()), because a proxy
 * can be skipped (CVE-2025-29927) and matchers drift (style.md practice 4).
 */
import { createHash } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { problem, problemResponse } from "@/lib/api/problem";
import { mediaPrefixFor } from "@/lib/articles/media";
import { visitorResponse } from "@/lib/articles/visitor-pages";
import { isVisitorView, visitorLanguage } from "@/lib/articles/visitor-route";
import { visitorDocuments } from "@/lib/articles/visitor-server";
import { getConfig } from "@/lib/env";
import { LANGUAGE_COOKIE, USELANG_HEADER } from "@/lib/i18n/negotiate";
import { log } from "@/lib/log";
import type { RateLimiter } from "@/lib/rate-limit";
import { appRateLimitStore } from "@/lib/rate-limit/app-store";
import { buildContentSecurityPolicy, createNonce, originOf } from "@/lib/security/csp";
import { isEmbedPath, isSessionCookie, requestSecurityHeaders, type Header } from "@/lib/security/headers";
import { checkRequestOrigin, needsOriginCheck } from "@/lib/security/origin-check";
import { clientAddress } from "@/lib/security/client-address";
import { createReadLimiter, createSessionActionLimiter, isLimitedRead, limitRead, tooManyRequestsResponse } from "@/lib/security/rate-limits";
import { hasMalformedEncoding, isKnownMethod, MALFORMED_PATH_FAILURE, malformedPathResponse, methodNotAllowedResponse } from "@/lib/security/request-line";
import { refusalHeaders, refusalLanguage } from "@/lib/security/refusal-language";
import { badAddressCard } from "@/lib/widget/respond";

let sessionActions: RateLimiter | undefined;
let reads: RateLimiter | undefined;

function withHeaders<R extends Response>(response: R, headers: Header[]): R {
  for (const { key, value } of headers) response.headers.set(key, value);
  return response;
}

/** A Server Action call, on whatever path it was posted to (Next runs an action from any page). */
function isServerAction(request: NextRequest): boolean {
  return request.method === "POST" && request.headers.has("next-action");
}

/** The 400 for a path Next.js could not decode, in the form the path's clients read and the language they ask for. */
function malformedPath(request: NextRequest, appOrigin: string, mediaPrefix: string): Response {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/v1/")) return problemResponse(problem(400, "invalid_request", MALFORMED_PATH_FAILURE), {}, refusalLanguage(request.headers));
  if (isEmbedPath(pathname)) return badAddressCard({ appOrigin, mediaPrefix }, new URL(request.url), request.headers.get("accept-language"));
  return malformedPathResponse(refusalLanguage(request.headers));
}

/** The session a request claims, as a digest: no session token is ever held beyond the request. */
function sessionKey(request: NextRequest): string | null {
  const cookie = request.cookies.getAll().find(({ name }) => isSessionCookie(name));
  return cookie ? createHash("sha256").update(cookie.value).digest("base64url") : null;
}

export async function proxy(request: NextRequest): Promise<Response> {
  const config = getConfig();
  const appOrigin = originOf(config.app.url);
  const { pathname } = request.nextUrl;
  const session = sessionKey(request);
  const nonce = createNonce();
  const mediaPrefix = mediaPrefixFor(config.wikimedia);
  const contentSecurityPolicy = buildContentSecurityPolicy({
    nonce,
    development: config.nodeEnv === "development",
    oauthOrigin: originOf(config.wikimedia.oauthUrl),
    mediaOrigin: originOf(mediaPrefix),
  });
  const headers = requestSecurityHeaders({
    pathname,
    https: appOrigin.startsWith("https:"),
    signedIn: session !== null,
    contentSecurityPolicy,
  });

  if (!isKnownMethod(request.method)) {
    return withHeaders(methodNotAllowedResponse(request.method, refusalLanguage(request.headers)), headers);
  }
  if (hasMalformedEncoding(pathname)) {
    return withHeaders(malformedPath(request, appOrigin, mediaPrefix), headers);
  }

  if (needsOriginCheck(request.method, pathname)) {
    const verdict = checkRequestOrigin(
      { origin: request.headers.get("origin"), secFetchSite: request.headers.get("sec-fetch-site") },
      appOrigin,
    );
    if (!verdict.ok) {
      log.warn("request.cross_site_refused", { reason: verdict.code, method: request.method, path: pathname });
      const t = refusalLanguage(request.headers);
      const refusal = new NextResponse(`${t.msg("wikiport-refusal-cross-site")}\n`, { status: 403, headers: refusalHeaders(t) });
      return withHeaders(refusal, headers);
    }
  }

  if (isLimitedRead(request.method, pathname)) {
    reads ??= createReadLimiter(appRateLimitStore());
    const refusal = await limitRead(reads, clientAddress(request.headers, config.app.trustedProxyHops), refusalLanguage(request.headers));
    if (refusal) {
      log.warn("request.rate_limited", { limit: "reads", path: pathname });
      return withHeaders(refusal, headers);
    }
  }

  if (session && isServerAction(request)) {
    sessionActions ??= createSessionActionLimiter(appRateLimitStore());
    const decision = await sessionActions.take(session);
    if (!decision.ok) {
      log.warn("request.rate_limited", { limit: "session_actions", path: pathname, retryAfterSeconds: decision.retryAfterSeconds });
      return withHeaders(tooManyRequestsResponse(decision.retryAfterSeconds, "session-actions", refusalLanguage(request.headers)), headers);
    }
  }

  // Next reads the nonce from the request's policy header; `x-nonce` is for server components that
  // render a script of their own. Whatever a client sent under these names is replaced or dropped.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete("x-nonce");
  requestHeaders.delete("content-security-policy");
  requestHeaders.delete(USELANG_HEADER);
  const uselang = request.nextUrl.searchParams.get("uselang");
  if (uselang) requestHeaders.set(USELANG_HEADER, uselang.slice(0, 40));
  if (!isEmbedPath(pathname)) {
    requestHeaders.set("content-security-policy", contentSecurityPolicy);
    requestHeaders.set("x-nonce", nonce);
  }
  const visitorView = isVisitorView({
    method: request.method,
    pathname,
    searchParams: request.nextUrl.searchParams,
    signedIn: session !== null,
  });
  if (visitorView) {
    const language = visitorLanguage({
      searchParams: request.nextUrl.searchParams,
      cookie: request.cookies.get(LANGUAGE_COOKIE)?.value,
      acceptLanguage: request.headers.get("accept-language"),
    });
    const answer = await visitorDocuments().answer(request.nextUrl, clientAddress(request.headers, config.app.trustedProxyHops), language);
    return withHeaders(visitorResponse(answer, request.method), headers);
  }
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

export const config = {
  // The build's static files carry no user data and run no policy-relevant code; next.config.mjs gives
  // them the headers that apply to every response. The exclusions are exact (the folder with its slash,
  // the icon's whole name): as prefixes they also skipped `/_next/staticfoo` or `/favicon.ico.x`, whose
  // 404 pages then went out without a policy or framing refusal.
  matcher: ["/((?!_next/static/|favicon\\.ico$).*)"],
};
