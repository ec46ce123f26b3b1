/**
 * `GET /v1/search/page?q=&limit=` (CORE SearchHandler): full-text search over content pages. Redirects
 * are resolved to their targets, with `matched_title` naming the redirect that matched.
 */
import { seededDescription } from "../content/seed";
import { findMediaFile, imageUrlPath, scaledHeight } from "../content/media-files";
import { findPage, latestRevision, parseTitle, redirectTarget } from "../content/pages";
import { excerpt, plainText, searchTerms } from "../content/search-text";
import { json } from "../http";
import type { PageRecord } from "../state";
import type { SandboxStore } from "../store";
import type { Wiki } from "../wikis";
import { integerParam, parameterError, type RestHandler } from "./common";

export const SEARCH_DEFAULT_LIMIT = 50;
export const SEARCH_MAX_LIMIT = 100;
/** SearchHandler asks for thumbnails this wide. */
const SEARCH_THUMB_WIDTH = 60;

interface Hit {
  page: PageRecord;
  matchedTitle: string | null;
  score: number;
  text: string;
}

function thumbnail(publicUrl: string, content: string) {
  const match = /\[\[(?:File|Image|Datei|Bild|קובץ|תמונה):([^|\]]+)/i.exec(content);
  const file = match ? findMediaFile(match[1]!) : undefined;
  if (!file) return null;
  const width = Math.min(SEARCH_THUMB_WIDTH, file.width);
  return {
    mimetype: file.mime === "image/svg+xml" ? "image/png" : file.mime,
    width,
    height: scaledHeight(file, width),
    duration: null,
    url: `${publicUrl}${imageUrlPath(file, width)}`,
  };
}

/**
 * Every query term must occur in the title or the text (CirrusSearch's default AND). A redirect whose
 * title matches brings in its target; when the target's own title does not match, the redirect is what
 * matched, so it becomes `matched_title`.
 */
function search(store: SandboxStore, wiki: Wiki, terms: string[]): Hit[] {
  const hits = new Map<number, Hit>();
  const redirects: { page: PageRecord; target: string }[] = [];
  const titleMatches = (title: string) => terms.every((term) => title.toLowerCase().includes(term));
  for (const page of store.state.pages) {
    if (page.wiki !== wiki.host || page.ns !== 0) continue;
    const content = latestRevision(store, page).content;
    const target = redirectTarget(content);
    if (target !== null) {
      redirects.push({ page, target });
      continue;
    }
    const text = plainText(content);
    const lower = text.toLowerCase();
    const inTitle = titleMatches(page.title);
    if (!inTitle && !terms.every((term) => lower.includes(term))) continue;
    const occurrences = terms.reduce((sum, term) => sum + lower.split(term).length - 1, 0);
    const score = (inTitle ? 100 : 0) + (page.title.toLowerCase() === terms.join(" ") ? 100 : 0) + occurrences;
    hits.set(page.id, { page, matchedTitle: null, score, text });
  }
  for (const { page, target } of redirects) {
    if (!titleMatches(page.title)) continue;
    const targetTitle = parseTitle(wiki, target);
    const targetPage = targetTitle && findPage(store, wiki, targetTitle);
    if (!targetPage || targetPage.ns !== 0) continue;
    const existing = hits.get(targetPage.id);
    if (existing && titleMatches(targetPage.title)) continue;
    const text = existing?.text ?? plainText(latestRevision(store, targetPage).content);
    hits.set(targetPage.id, { page: targetPage, matchedTitle: page.title, score: (existing?.score ?? 0) + 100, text });
  }
  return [...hits.values()].sort((a, b) => b.score - a.score || a.page.title.localeCompare(b.page.title));
}

export const searchHandler: RestHandler = (ctx) => {
  const q = ctx.url.searchParams.get("q");
  if (q === null) return parameterError("q", null, "missingparam");
  const limit = integerParam(ctx, "limit", { min: 1, max: SEARCH_MAX_LIMIT });
  if (!limit.ok) return limit.response;
  const terms = searchTerms(q);
  if (terms.length === 0) return json(200, { pages: [] });
  const publicUrl = ctx.store.config.publicUrl.replace(/\/$/, "");
  const hits = search(ctx.store, ctx.wiki, terms).slice(0, limit.value ?? SEARCH_DEFAULT_LIMIT);
  return json(200, {
    pages: hits.map((hit) => {
      const content = latestRevision(ctx.store, hit.page).content;
      return {
        id: hit.page.id,
        key: hit.page.title.replaceAll(" ", "_"),
        title: hit.page.title,
        excerpt: excerpt(hit.text, terms),
        matched_title: hit.matchedTitle,
        description: seededDescription(ctx.wiki.host, hit.page.title),
        thumbnail: thumbnail(publicUrl, content),
      };
    }),
  });
};

/** SearchHandler's completion mode (`/v1/search/title`) answers 10 pages unless told otherwise. */
export const TITLE_SEARCH_DEFAULT_LIMIT = 10;
/** $wgSearchSuggestCacheExpiry: completion answers may be cached 20 minutes when everyone may read. */
const COMPLETION_CACHE_SECONDS = 1200;

/**
 * `GET /v1/search/title?q=&limit=` (CORE SearchHandler in completion mode; docs/wikimedia-protocol.md §6.11):
 * titles of content pages that start with `q` (first letter case-folded, as TitlePrefixSearch does), in
 * title order. A redirect that matches stands for its target, with `matched_title` naming it; `excerpt` is
 * the suggestion's text, the title that matched.
 */
export const searchTitleHandler: RestHandler = (ctx) => {
  const q = ctx.url.searchParams.get("q");
  if (q === null) return parameterError("q", null, "missingparam");
  const limit = integerParam(ctx, "limit", { min: 1, max: SEARCH_MAX_LIMIT });
  if (!limit.ok) return limit.response;
  const headers = { "cache-control": `public, max-age=${COMPLETION_CACHE_SECONDS}` };
  const prefix = parseTitle(ctx.wiki, q.trim())?.text ?? "";
  if (prefix === "" || prefix.includes(":")) return json(200, { pages: [] }, headers);
  const matches = ctx.store.state.pages
    .filter((page) => page.wiki === ctx.wiki.host && page.ns === 0 && page.title.startsWith(prefix))
    .sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
    .slice(0, limit.value ?? TITLE_SEARCH_DEFAULT_LIMIT);
  const publicUrl = ctx.store.config.publicUrl.replace(/\/$/, "");
  const results = new Map<number, { page: PageRecord; excerpt: string; matchedTitle: string | null }>();
  for (const matched of matches) {
    const target = redirectTarget(latestRevision(ctx.store, matched).content);
    const targetTitle = target !== null ? parseTitle(ctx.wiki, target) : null;
    const page = targetTitle ? findPage(ctx.store, ctx.wiki, targetTitle) : matched;
    if (!page) continue;
    const existing = results.get(page.id);
    // SearchHandler::buildPageObjects: a page met both as a redirect's target and itself keeps its first entry.
    if (existing) {
      if (existing.matchedTitle !== null) existing.excerpt = matched.title;
      continue;
    }
    results.set(page.id, { page, excerpt: matched.title, matchedTitle: page === matched ? null : matched.title });
  }
  return json(
    200,
    {
      pages: [...results.values()].map(({ page, excerpt, matchedTitle }) => ({
        id: page.id,
        key: page.title.replaceAll(" ", "_"),
        title: page.title,
        excerpt,
        matched_title: matchedTitle,
        description: seededDescription(ctx.wiki.host, page.title),
        thumbnail: thumbnail(publicUrl, latestRevision(ctx.store, page).content),
      })),
    },
    headers,
  );
};
