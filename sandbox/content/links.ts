/**
 * A revision's link tables, as LinksUpdate fills pagelinks, templatelinks, categorylinks and langlinks
 * from the parser's output (docs/wikimedia-protocol.md §5.8). The same wikiparser-node parse that
 * renders `/html` (render.ts) finds them, so what a page links to and how it renders always agree.
 */
import Parser from "wikiparser-node";
import type { PageRecord, RevisionRecord } from "../state";
import type { SandboxStore } from "../store";
import type { Wiki } from "../wikis";
import { latestRevision, parseTitle, redirectTarget, type ParsedTitle } from "./pages";
import { parserConfig, sha1 } from "./render";

/**
 * Language names as LanguageNameUtils::getLanguageName gives them (autonyms), for the interlanguage
 * prefixes the sandbox knows: its own wikis' languages and a few common ones.
 */
export const LANGUAGE_AUTONYMS: Readonly<Record<string, string>> = {
  ar: "العربية", de: "Deutsch", en: "English", es: "español", fr: "français", he: "עברית", it: "italiano",
  ja: "日本語", nl: "Nederlands", pl: "polski", pt: "português", ru: "русский", zh: "中文",
};

export interface LinkTables {
  /** pagelinks: every wiki link target in the page's own namespace space, in order of appearance, once each. */
  links: ParsedTitle[];
  /** templatelinks: transcluded pages (Template: unless prefixed otherwise). */
  templates: ParsedTitle[];
  /** categorylinks, with the sort key given in `[[Category:X|key]]` ("" when none). */
  categories: { title: ParsedTitle; sortkey: string }[];
  /** langlinks: `[[de:Erde]]` at the top level, language code and target title. */
  langlinks: { lang: string; title: string }[];
}

/** `[[xx:Title]]` without a leading colon is an interlanguage link: it leaves the text and goes to langlinks. */
const LANGLINK = new RegExp(`\\[\\[(${Object.keys(LANGUAGE_AUTONYMS).join("|")}):([^\\]|]+?)\\]\\]`, "g");

/** The wikitext with interlanguage links taken out, and the links themselves. */
export function splitLanguageLinks(wiki: Wiki, content: string): { text: string; langlinks: LinkTables["langlinks"] } {
  const langlinks: LinkTables["langlinks"] = [];
  const seen = new Set<string>();
  const text = content.replace(LANGLINK, (whole, lang: string, title: string) => {
    // A prefix naming the wiki's own language is an ordinary link to a page (MediaWiki does the same).
    if (lang === wiki.lang) return whole;
    // ParserOutput::addLanguageLink keeps the first link per language.
    if (!seen.has(lang)) {
      seen.add(lang);
      langlinks.push({ lang, title: title.trim().replaceAll("_", " ") });
    }
    return "";
  });
  return { text, langlinks };
}

function computeTables(wiki: Wiki, pageTitle: string, content: string): LinkTables {
  const { text, langlinks } = splitLanguageLinks(wiki, content);
  const root = Parser.parse(text, false, undefined, parserConfig(wiki), pageTitle);
  const unique = (titles: (ParsedTitle | null)[]) => {
    const out = new Map<string, ParsedTitle>();
    for (const title of titles) if (title && title.ns >= 0 && !out.has(title.text)) out.set(title.text, title);
    return [...out.values()];
  };
  // A redirect's target is a link of the redirect page (WikitextContent::getRedirectTarget, LinksUpdate).
  const target = redirectTarget(content);
  const links = unique([
    target !== null ? parseTitle(wiki, target) : null,
    ...root.querySelectorAll("link").map((token) => {
      const link = token as unknown as { name: string; interwiki?: string };
      return link.interwiki ? null : parseTitle(wiki, link.name);
    }),
  ]);
  const templates = unique(
    root.querySelectorAll("template").map((token) => parseTitle(wiki, (token as unknown as { name: string }).name)),
  );
  const categories = new Map<string, { title: ParsedTitle; sortkey: string }>();
  for (const token of root.querySelectorAll("category")) {
    const category = token as unknown as { name: string; sortkey?: string };
    const title = parseTitle(wiki, category.name);
    if (title && title.ns === 14 && !categories.has(title.text)) categories.set(title.text, { title, sortkey: category.sortkey ?? "" });
  }
  return { links, templates, categories: [...categories.values()], langlinks };
}

const cache = new Map<string, LinkTables>();
const MAX_CACHED = 2000;

/**
 * The link tables of one revision, kept by its text's hash: a revision's text never changes, but a reset
 * sandbox hands the same ids out again for other text.
 */
export function revisionLinks(wiki: Wiki, page: PageRecord, revision: RevisionRecord): LinkTables {
  const key = `${wiki.host}\u0000${page.title}\u0000${sha1(revision.content)}`;
  let tables = cache.get(key);
  if (!tables) {
    tables = computeTables(wiki, page.title, revision.content);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, tables);
  }
  return tables;
}

/** Link tables of arbitrary wikitext (action=parse with `text`). */
export function textLinks(wiki: Wiki, title: string, content: string): LinkTables {
  return computeTables(wiki, title, content);
}

/** The current link tables of every page of a wiki: what the links tables of its database hold. */
export function wikiLinkTables(store: SandboxStore, wiki: Wiki): { page: PageRecord; tables: LinkTables }[] {
  return store.state.pages
    .filter((page) => page.wiki === wiki.host)
    .map((page) => ({ page, tables: revisionLinks(wiki, page, latestRevision(store, page)) }));
}
