/**
 * What the article page shows in both of its forms, the React page (app/wiki) and the visitor's
 * document built without React (lib/articles/visitor-document.ts), so that the two cannot drift apart.
 */

/** The wikis offered by the switcher; any other allow-listed wiki is reachable by its address. */
export const COMMON_WIKIS = [
  "en.wikipedia.org",
  "de.wikipedia.org",
  "fr.wikipedia.org",
  "es.wikipedia.org",
  "he.wikipedia.org",
  "ar.wikipedia.org",
  "ja.wikipedia.org",
  "meta.wikimedia.org",
  "commons.wikimedia.org",
];

/** The switcher's wikis for a page on `host`: the common ones, with `host` first when it is not one of them. */
export function switcherWikis(host: string): string[] {
  return COMMON_WIKIS.includes(host) ? COMMON_WIKIS : [host, ...COMMON_WIKIS];
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${dateFormat.format(date)} UTC`;
}

export function displayTitle(title: string): string {
  return title.replaceAll("_", " ");
}

/** What a visitor is told about a page that does not exist (signed in, they are offered to create it). */
export const MISSING_PAGE_VISITOR_HINT = "Check the title, search for it, or sign in to create the page.";
