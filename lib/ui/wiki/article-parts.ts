/**
 * What the article page shows in both of its forms, the React page (app/wiki) and the visitor's
 * document built without React (lib/articles/visitor-document.ts), so that the two cannot drift apart:
 * the same lists, the same date format and the same message keys for the same text.
 */
import type { Translator } from "@/lib/i18n/translate";

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

/**
 * A wiki timestamp in the interface language, in UTC as the wikis give it (every reader of a kept visitor
 * document sees the same bytes, so it cannot be in the reader's own time zone).
 */
export function formatTimestamp(t: Translator, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return t.msg("wikiport-article-time-utc", t.date(date, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }));
}

export function displayTitle(title: string): string {
  return title.replaceAll("_", " ");
}

/** The document title of a wiki page: `<title> — <host>` (the layout's template adds the site name). */
export function articleDocumentTitle(t: Translator, title: string, host: string): string {
  return t.msg("wikiport-article-document-title", displayTitle(title), host);
}

/** The toolbar's words, in the order both pages show them. */
export function toolbarLabels(t: Translator, host: string) {
  return {
    nav: t.msg("wikiport-article-toolbar-label"),
    view: t.msg("wikiport-article-read"),
    edit: t.msg("wikiport-article-edit"),
    history: t.msg("wikiport-article-history"),
    onWiki: t.msg("wikiport-article-view-on", host),
  };
}

/** The search box and wiki switcher's words above every wiki page. */
export function toolsLabels(t: Translator, host: string) {
  return {
    search: t.msg("wikiport-article-search-label", host),
    searchButton: t.msg("wikiport-search-button"),
    switcher: t.msg("wikiport-article-switcher-label"),
    go: t.msg("wikiport-article-switcher-go"),
  };
}
