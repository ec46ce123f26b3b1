/**
 * `GET /v1/page/{title}/links/language` (CORE LanguageLinksHandler; docs/wikimedia-protocol.md §6.11): the
 * page's interlanguage links from its langlinks table, ordered by language code, each with the language's
 * name, the target's DB key and title. On Wikimedia these come from Wikidata's sitelinks; the sandbox reads
 * `[[de:Erde]]` in the wikitext, as a wiki without Wikibase does.
 */
import { LANGUAGE_AUTONYMS, revisionLinks } from "../content/links";
import { findPage, latestRevision, mwTimestamp } from "../content/pages";
import { json } from "../http";
import { nonexistentTitle, resolvePathTitle, type RestHandler } from "./common";

export const languageLinksHandler: RestHandler = (ctx) => {
  const resolved = resolvePathTitle(ctx, "/links/language");
  if (!resolved.ok) return resolved.response;
  const page = findPage(ctx.store, ctx.wiki, resolved.title);
  if (!page) return nonexistentTitle(ctx.params.title ?? resolved.title.dbKey);
  const latest = latestRevision(ctx.store, page);
  const links = revisionLinks(ctx.wiki, page, latest)
    .langlinks.slice()
    .sort((a, b) => (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0))
    .map(({ lang, title }) => {
      const text = title.charAt(0).toUpperCase() + title.slice(1);
      return { code: lang, name: LANGUAGE_AUTONYMS[lang] ?? lang, key: text.replaceAll(" ", "_"), title: text };
    });
  // LanguageLinksHandler::getETag: the latest revision and the page's touched time.
  return json(200, links, { etag: `"${latest.id}@${mwTimestamp(latest.timestamp)}"` });
};
