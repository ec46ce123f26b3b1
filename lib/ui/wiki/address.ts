/** A Wikiport wiki address: `/wiki/<site>/<title>?action=…`, parsed and validated. */
import { parsePageAddress } from "@/lib/wikimedia/address";
import type { Site } from "@/lib/wikimedia/sites";
import { titlePath, type PageTitle } from "@/lib/wikimedia/titles";

export type WikiAction = "view" | "history" | "edit";

export interface WikiAddress {
  site: Site;
  /** The title's DB-key form (underscores), as in the path. */
  title: string;
  /** Both forms of the title. */
  page: PageTitle;
  action: WikiAction;
  /** The remaining query parameters of the address, for the action to read (e.g. `section`, `oldid`). */
  query: Record<string, string>;
}

const ACTIONS = new Set<WikiAction>(["view", "history", "edit"]);

/**
 * How Next.js hands `/wiki/[site]/[...title]`'s params over. Measured on a production build of 16.4:
 * `generateMetadata` gets them decoded, the page component percent-encoded again, each segment through
 * encodeURIComponent (vercel/next.js#95343, a difference since 16.2). e2e/addresses.spec.ts checks both
 * with `/wiki/…/100%25`, so a Next.js upgrade that changes either fails there, not silently.
 */
export type ParamsForm = "decoded" | "encoded";

function decodedParam(value: string, form: ParamsForm): string | null {
  if (form === "decoded") return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** The route's params, decoded exactly once whatever `form` they came in, through the one address parser. */
export function parseWikiAddress(
  params: { site: string; title: readonly string[] },
  form: ParamsForm,
  searchParams: Record<string, string | string[] | undefined>,
): WikiAddress | null {
  const site = decodedParam(params.site, form);
  const segments = params.title.map((segment) => decodedParam(segment, form));
  if (site === null || segments.some((segment) => segment === null)) return null;
  const parsed = parsePageAddress(site, segments as string[]);
  if (!parsed.ok) return null;
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(searchParams)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) query[key] = first;
  }
  const action = (query.action ?? "view") as WikiAction;
  const { title } = parsed.address;
  return { site: parsed.address.site, title: title.dbKey, page: title, action: ACTIONS.has(action) ? action : "view", query };
}

/** The Wikiport address of a page: `/wiki/en.wikipedia.org/Solar_System`. */
export function wikiHref(site: Site, title: string, action: WikiAction = "view", extra: Record<string, string> = {}): string {
  const path = `/wiki/${site.host}/${titlePath(title)}`;
  const query = new URLSearchParams({ ...(action === "view" ? {} : { action }), ...extra }).toString();
  return query ? `${path}?${query}` : path;
}
