/**
 * Cross-site request refusal for everything that changes state with the browser's cookies: Server
 * Actions (POSTs with a `Next-Action` header to any page) and Auth.js's POST routes (docs/security-requirements.md item 32).
 *
 * Next checks a Server Action's Origin against the request's Host, which a proxy or a client can set;
 * this compares with Wikiport's configured origin instead, and also refuses `Origin: null` (sandboxed
 * frames, some redirects) and, when a browser sends no Origin, a `Sec-Fetch-Site` that says the request
 * came from another site. A request with neither header comes from no browser, so it carries no
 * victim's cookies: scripts and the Playwright request API may POST that way.
 *
 * `/api/v1/` is left out: it authenticates with bearer tokens only, never cookies, so a foreign page
 * cannot make it act for anyone.
 */

export type OriginVerdict =
  | { ok: true }
  | { ok: false; code: "null_origin" | "foreign_origin" | "cross_site_request"; message: string };

const SAFE_METHODS = new Set(["GET", "HEAD"]);

export function needsOriginCheck(method: string, pathname: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  return !(pathname === "/api/v1" || pathname.startsWith("/api/v1/"));
}

function normalizedOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

const REFUSED = "Wikiport refused this request because it did not come from Wikiport's own pages.";

export function checkRequestOrigin(
  request: { origin: string | null; secFetchSite: string | null },
  appOrigin: string,
): OriginVerdict {
  const { origin, secFetchSite } = request;
  if (origin !== null) {
    if (origin.trim().toLowerCase() === "null") return { ok: false, code: "null_origin", message: REFUSED };
    return normalizedOrigin(origin) === appOrigin ? { ok: true } : { ok: false, code: "foreign_origin", message: REFUSED };
  }
  // `same-site` is refused too: a sibling subdomain is another application, not Wikiport.
  const site = secFetchSite?.trim().toLowerCase();
  if (site === "cross-site" || site === "same-site") return { ok: false, code: "cross_site_request", message: REFUSED };
  return { ok: true };
}
