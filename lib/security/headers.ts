/**
 * Which security headers a response gets (docs/security-requirements.md items 25, 30, 31). Two layers:
 * - `STATIC_SECURITY_HEADERS`: the same on every response, static files included; next.config.mjs sends
 *   them (Next computes config headers at build time, so nothing there may depend on runtime settings);
 * - `requestSecurityHeaders`: per request, from proxy.ts: HSTS when served over https, the nonce policy
 *   and framing refusal (never on the `/embed/` frame, which sets its own), no-store for signed-in users
 *   and auth routes, and no-referrer on auth routes (their URLs carry an authorization code and a state).
 */

export interface Header {
  key: string;
  value: string;
}

/** One year, and subdomains: what HSTS preload lists ask for. Sent only when Wikiport is served over https. */
export const HSTS = "max-age=31536000; includeSubDomains";

export const REFERRER_POLICY = "strict-origin-when-cross-origin";
export const AUTH_REFERRER_POLICY = "no-referrer";

/** Powerful features Wikiport never uses, switched off for it and for anything it frames. */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "encrypted-media=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
  "browsing-topics=()",
].join(", ");

/** Auth.js's session cookie, with the `__Secure-` prefix it takes over https. */
const SESSION_COOKIE = /^(?:__Secure-)?authjs\.session-token(?:\.\d+)?$/;

export function isSessionCookie(name: string): boolean {
  return SESSION_COOKIE.test(name);
}

/** The iframe widget: framed by other sites, with a policy of its own (lib/widget, app/embed). */
export function isEmbedPath(pathname: string): boolean {
  return pathname === "/embed" || pathname.startsWith("/embed/");
}

export function isAuthPath(pathname: string): boolean {
  return pathname === "/api/auth" || pathname.startsWith("/api/auth/");
}

export const STATIC_SECURITY_HEADERS: readonly Header[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: REFERRER_POLICY },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
];

/** For next.config.mjs `headers()`: the static set everywhere, and the auth routes' own referrer policy. */
export function configHeaders(): { source: string; headers: Header[] }[] {
  return [
    { source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] },
    { source: "/api/auth/:path*", headers: [{ key: "Referrer-Policy", value: AUTH_REFERRER_POLICY }] },
  ];
}

export interface RequestContext {
  pathname: string;
  https: boolean;
  /** A session cookie came with the request: the answer may hold that user's data. */
  signedIn: boolean;
  /** The page's Content-Security-Policy (with this request's nonce). */
  contentSecurityPolicy: string;
}

/** Every header proxy.ts puts on a response: the base set, then what depends on the request. */
export function requestSecurityHeaders({ pathname, https, signedIn, contentSecurityPolicy }: RequestContext): Header[] {
  const headers = new Map(STATIC_SECURITY_HEADERS.map(({ key, value }) => [key, value]));
  // Over plain http a browser ignores HSTS, and sending it from a local run would only mislead.
  if (https) headers.set("Strict-Transport-Security", HSTS);
  if (!isEmbedPath(pathname)) {
    headers.set("Content-Security-Policy", contentSecurityPolicy);
    headers.set("X-Frame-Options", "DENY");
  }
  if (isAuthPath(pathname)) headers.set("Referrer-Policy", AUTH_REFERRER_POLICY);
  // Shared caches and the back/forward cache must not keep a signed-in user's pages, nor auth answers.
  if (signedIn || isAuthPath(pathname)) headers.set("Cache-Control", "no-store");
  return [...headers].map(([key, value]) => ({ key, value }));
}
