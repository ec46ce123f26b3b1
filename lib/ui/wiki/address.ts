/** A Wikiport wiki address: `/wiki/<site>/<title>?action=…`, parsed and validated. */
import { parseSite, type Site } from "@/lib/wikimedia/sites";

export type WikiAction = "view" | "history" | "edit";

export interface WikiAddress {
  site: Site;
  /** The title as in the path (underscores), decoded. */
  title: string;
  action: WikiAction;
  /** The remaining query parameters of the address, for the action to read (e.g. `section`, `oldid`). */
  query: Record<string, string>;
}

const ACTIONS = new Set<WikiAction>(["view", "history", "edit"]);

export function parseWikiAddress(
  rawSite: string,
  titleSegments: string[],
  searchParams: Record<string, string | string[] | undefined>,
): WikiAddress | null {
  const site = parseSite(decodeURIComponent(rawSite));
  if (!site.ok) return null;
  const title = titleSegments.map((segment) => decodeURIComponent(segment)).join("/");
  if (!title || title.length > 512) return null;
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(searchParams)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) query[key] = first;
  }
  const action = (query.action ?? "view") as WikiAction;
  return { site: site.site, title, action: ACTIONS.has(action) ? action : "view", query };
}

/** The Wikiport address of a page: `/wiki/en.wikipedia.org/Solar_System`. */
export function wikiHref(site: Site, title: string, action: WikiAction = "view", extra: Record<string, string> = {}): string {
  const path = `/wiki/${site.host}/${encodeURIComponent(title.replaceAll(" ", "_")).replaceAll("%2F", "/").replaceAll("%3A", ":")}`;
  const query = new URLSearchParams({ ...(action === "view" ? {} : { action }), ...extra }).toString();
  return query ? `${path}?${query}` : path;
}
