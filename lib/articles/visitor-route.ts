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
  /** Next.js's own client navigation (`RSC` header): it expects React's flight data, not a document. */
  flight: boolean;
}

/** The same address under `/wiki/` (the React page's). */
export function wikiPathOf(pathname: string): string {
  return pathname.startsWith(VISITOR_ROUTE_PREFIX) ? `${WIKI_PREFIX}${pathname.slice(VISITOR_ROUTE_PREFIX.length)}` : pathname;
}

/** The same address under the visitor route. */
export function visitorPathOf(pathname: string): string {
  return pathname.startsWith(WIKI_PREFIX) ? `${VISITOR_ROUTE_PREFIX}${pathname.slice(WIKI_PREFIX.length)}` : pathname;
}

/** A visitor reading a page: GET or HEAD, no session, not a React navigation, no action but "view". */
export function isVisitorView({ method, pathname, searchParams, signedIn, flight }: ViewRequest): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  if (!wikiPathOf(pathname).startsWith(WIKI_PREFIX) || signedIn || flight) return false;
  const action = searchParams.get("action");
  return action === null || action === "view";
}
