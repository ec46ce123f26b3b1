/**
 * A wiki address as Wikiport's routes take it (`/wiki/<site>/<title>`, `/embed/<site>/<title>`,
 * `/api/v1/wikis/<site>/pages/<title>`): the site and the title, parsed once, and the title's two forms.
 *
 * Next.js hands pages and route handlers their params already percent-decoded (each segment once, by its
 * route matcher), and answers a path it cannot decode before any route runs (proxy.ts refuses those with
 * a 400 first). So nothing here decodes again: decoding twice turned `/embed/…/100%25` (the page `100%`)
 * into a broken `%` sequence.
 */
import { parseSite, type Site, type SiteError } from "./sites";
import { parsePageTitle, type PageTitle, type TitleError } from "./titles";

export type AddressError = SiteError | TitleError;

export interface PageAddress {
  site: Site;
  title: PageTitle;
}

/** A route's site and title (already decoded by Next.js) as a `Site` and a `PageTitle`, or why not. */
export function parsePageAddress(site: string, title: string | readonly string[]): { ok: true; address: PageAddress } | { ok: false; error: AddressError } {
  const parsedSite = parseSite(site);
  if (!parsedSite.ok) return parsedSite;
  const parsedTitle = parsePageTitle(title);
  if (!parsedTitle.ok) return parsedTitle;
  return { ok: true, address: { site: parsedSite.site, title: parsedTitle.title } };
}
