/**
 * Which requests get the visitor's article page built without React (visitor-pages.ts), shared by
 * proxy.ts, which rewrites them to the route, and the route itself, which sends anything else back to
 * `/wiki/` (docs/decisions/020-visitor-pages.md). Because both apply the same rule, that redirect can
 * never meet a rewrite again.
 */

/** The route that answers visitors' article views (app/visitor-wiki/[site]/[...title]/route.ts). */
export const VISITOR_ROUTE_PREFIX = "/visitor-wiki/";
const WIKI_PREFIX = "/wiki/";

export interface ViewRequest {
  method: string;
  /** `/wiki/…` or `/visitor-wiki/…`. */
  pathname: string;
  searchParams: URLSearchParams;
  /** A session cookie came with it: the React page, with the user's own token, no-store. */
  signedIn: boolean;
}

/** The same address under `/wiki/` (the React page's). */
export function wikiPathOf(pathname: string): string {
  return pathname.startsWith(VISITOR_ROUTE_PREFIX) ? `${WIKI_PREFIX}${pathname.slice(VISITOR_ROUTE_PREFIX.length)}` : pathname;
}

/** The same address under the visitor route. */
export function visitorPathOf(pathname: string): string {
  return pathname.startsWith(WIKI_PREFIX) ? `${VISITOR_ROUTE_PREFIX}${pathname.slice(WIKI_PREFIX.length)}` : pathname;
}

/**
 * A visitor reading a page: GET or HEAD, no session, no action but "view". Next.js's own client
 * navigations (a React page's `<Link>`) are no exception: Next hides their `RSC` header from the proxy
 * (next/dist/server/web/adapter.js strips FLIGHT_HEADERS), so they get the document too, which the
 * router answers with a full page load of the same address.
 */
export function isVisitorView({ method, pathname, searchParams, signedIn }: ViewRequest): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  if (!wikiPathOf(pathname).startsWith(WIKI_PREFIX) || signedIn) return false;
  const action = searchParams.get("action");
  return action === null || action === "view";
}
