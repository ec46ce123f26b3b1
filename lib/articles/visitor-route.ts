/**
 * Which requests proxy.ts answers with the visitor's article page built without React
 * (visitor-pages.ts, docs/decisions/020-visitor-pages.md); everything else goes on to the React page.
 */
import { chooseLanguage } from "@/lib/i18n/negotiate";

const WIKI_PREFIX = "/wiki/";

export interface ViewRequest {
  method: string;
  pathname: string;
  searchParams: URLSearchParams;
  /** A session cookie came with it: the React page, with the user's own token, no-store. */
  signedIn: boolean;
}

/**
 * A visitor reading a page: GET or HEAD of `/wiki/…`, no session, no action but "view". Next.js's own
 * client navigations (a React page's `<Link>`) are no exception: Next hides their `RSC` header from the
 * proxy (next/dist/server/web/adapter.js strips FLIGHT_HEADERS), so they get the document too, which the
 * router answers with a full page load of the same address.
 */
export function isVisitorView({ method, pathname, searchParams, signedIn }: ViewRequest): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  if (!pathname.startsWith(WIKI_PREFIX) || signedIn) return false;
  const action = searchParams.get("action");
  return action === null || action === "view";
}

/**
 * The interface language of a visitor's document, from what a React page's would be chosen from
 * (lib/i18n/request.ts): `?uselang=`, the language picker's cookie, `Accept-Language`. A visitor has no
 * account, so no account preference.
 */
export function visitorLanguage({ searchParams, cookie, acceptLanguage }: { searchParams: URLSearchParams; cookie: string | undefined; acceptLanguage: string | null }): string {
  // A served language (lib/i18n/negotiate.ts): shipped or qqx, never a tag Intl would refuse (`en-x` → en).
  return chooseLanguage({ uselang: searchParams.get("uselang")?.slice(0, 40) ?? null, chosen: cookie ?? null, acceptLanguage });
}
