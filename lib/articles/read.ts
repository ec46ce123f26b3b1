/**
 * Reading a wiki for a person: an article (sanitized HTML, cached per revision), its history and search.
 * The functions take the request layer as parameters, so tests point them at a sandbox; `server.ts` wires
 * them to the process's clients and the viewer's credential. Every failure comes back as a value with a
 * sentence a person can act on, never as a thrown error, so pages can show it instead of an error page.
 */
import sanitizeHtml from "sanitize-html";
import { describeWikimediaError, type DescribedError } from "@/lib/wikimedia/errors";
import type { Credential } from "@/lib/wikimedia/http";
import type { RestClient, Revision } from "@/lib/wikimedia/rest";
import { pageUrl, type Site } from "@/lib/wikimedia/sites";
import { attributionOf, type Licence } from "./attribution";
import type { HtmlCache } from "./html-cache";
import { sanitizeArticleHtml } from "./sanitize";

export interface ReadDeps {
  rest: RestClient;
  /** Maps a host to its script path (config `wikiUrlTemplate`), for links to the page on the wiki. */
  wikiUrlTemplate: string;
  /** Allowed image prefix for the sanitizer (see media.ts). */
  mediaPrefix: string;
  cache: HtmlCache;
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: DescribedError };

export type { Licence } from "./attribution";

export interface Article {
  /** The page's title after normalization and a followed redirect, with spaces. */
  title: string;
  /** Prefixed DB key, with underscores: the form used in Wikiport addresses. */
  key: string;
  displayTitle: string;
  revisionId: number;
  /** Sanitized: safe to render as HTML. */
  html: string;
  redirectedFrom: string | null;
  lang: string;
  dir: "ltr" | "rtl";
  /** From Wikimedia's Attribution API, or the page's own licence when the wiki has no such route. */
  licence: Licence;
  /** Whom the text is credited to, e.g. "English Wikipedia"; null: name the wiki's host. */
  credit: string | null;
  /** ISO timestamp of the latest revision. */
  lastModified: string;
  /** The page on the wiki itself. */
  wikiUrl: string;
}

export interface HistoryPage {
  revisions: Revision[];
  /** Pass as `olderThan` for the next, older page; null on the last page. */
  olderThan: number | null;
  newerThan: number | null;
}

export interface SearchResult {
  key: string;
  title: string;
  /** Sanitized: only `<span class="searchmatch">` survives. */
  excerptHtml: string | null;
  description: string | null;
}

const HISTORY_PAGE_SIZE = 20;

function failed(error: unknown): { ok: false; error: DescribedError } {
  return { ok: false, error: describeWikimediaError(error) };
}

/** The content direction Parsoid declared on the document body, when it did; the site's otherwise. */
function bodyDirection(html: string, site: Site): { lang: string; dir: "ltr" | "rtl" } {
  const body = /<body\b([^>]*)>/i.exec(html)?.[1] ?? "";
  const dir = /\bdir="(ltr|rtl)"/i.exec(body)?.[1]?.toLowerCase();
  const lang = /\blang="([a-zA-Z0-9-]{1,35})"/.exec(body)?.[1];
  return { lang: lang ?? site.lang, dir: dir === "rtl" || dir === "ltr" ? dir : site.dir };
}

export async function readArticle(deps: ReadDeps, as: Credential, site: Site, title: string): Promise<ReadResult<Article>> {
  try {
    const page = await deps.rest.getPageWithHtml(as, site, title);
    // A revision never changes: sanitize its HTML once, whoever reads it.
    const html = deps.cache.get(site.host, page.latest.id, () => sanitizeArticleHtml(page.html, { site, mediaPrefix: deps.mediaPrefix }));
    const attribution = await attributionOf(deps, as, site, { key: page.key, revisionId: page.latest.id }, page.license);
    return {
      ok: true,
      value: {
        title: page.title,
        key: page.key,
        displayTitle: page.title,
        revisionId: page.latest.id,
        html,
        redirectedFrom: page.redirectedFrom,
        ...bodyDirection(page.html, site),
        licence: attribution.licence,
        credit: attribution.credit,
        lastModified: page.latest.timestamp,
        wikiUrl: pageUrl(site, deps.wikiUrlTemplate, page.key),
      },
    };
  } catch (error) {
    return failed(error);
  }
}

export async function readHistory(
  deps: Pick<ReadDeps, "rest">,
  as: Credential,
  site: Site,
  title: string,
  paging: { olderThan?: number; newerThan?: number } = {},
): Promise<ReadResult<HistoryPage>> {
  try {
    const history = await deps.rest.getHistory(as, site, title, paging);
    return { ok: true, value: { revisions: history.revisions.slice(0, HISTORY_PAGE_SIZE), olderThan: history.olderThan, newerThan: history.newerThan } };
  } catch (error) {
    return failed(error);
  }
}

/** Search excerpts are wiki HTML too: only the highlight of the match is kept. */
export function sanitizeExcerpt(excerpt: string): string {
  return sanitizeHtml(excerpt, {
    allowedTags: ["span"],
    allowedAttributes: { span: ["class"] },
    allowedClasses: { span: ["searchmatch"] },
    nonTextTags: ["script", "style", "textarea", "noscript", "option", "title", "template", "svg", "math", "iframe"],
  });
}

/** Results per search when the caller asks for no number. */
export const SEARCH_LIMIT = 20;

export async function searchPages(
  deps: Pick<ReadDeps, "rest">,
  as: Credential,
  site: Site,
  query: string,
  limit = SEARCH_LIMIT,
): Promise<ReadResult<SearchResult[]>> {
  try {
    const hits = await deps.rest.search(as, site, query, { limit });
    return {
      ok: true,
      value: hits.map((hit) => ({
        key: hit.key,
        title: hit.title,
        excerptHtml: hit.excerpt === null ? null : sanitizeExcerpt(hit.excerpt),
        description: hit.description,
      })),
    };
  } catch (error) {
    return failed(error);
  }
}

export function wikiPageUrl(wikiUrlTemplate: string, site: Site, title: string): string {
  return pageUrl(site, wikiUrlTemplate, title);
}
