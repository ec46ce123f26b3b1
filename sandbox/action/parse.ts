/**
 * action=parse (CORE ApiParse; docs/wikimedia-protocol.md §5.8): a page (`page`, `pageid`, `oldid`, with
 * `redirects`) or wikitext (`text`, `title`), answered with the `prop`s asked for. The HTML and the link
 * tables come from the same parse as REST `/html` (content/parser-output.ts, content/links.ts).
 */
import { revisionLinks, textLinks, LANGUAGE_AUTONYMS, type LinkTables } from "../content/links";
import { displayTitleHtml, parserOutputHtml, parserSections, showsToc } from "../content/parser-output";
import { findPage, findPageById, getRevision, latestRevision, parseTitle, redirectTarget } from "../content/pages";
import type { PageRecord, RevisionRecord } from "../state";
import { ApiError, invalidParamMix } from "./api-error";
import type { Api } from "./context";
import { contentKey } from "./context";

/** ApiParse's default `prop`. */
const DEFAULT_PROPS = ["text", "langlinks", "categories", "links", "templates", "images", "externallinks", "sections", "revid", "displaytitle", "iwlinks", "properties", "parsewarnings"];

interface Source {
  title: string;
  pageid: number;
  /** Set when a page's revision is parsed and ApiParse reports it (`oldid`, or `prop=revid`). */
  revid?: number;
  content: string;
  tables: LinkTables;
  redirects?: { from: string; to: string }[];
}

function missingTitle(): ApiError {
  return new ApiError("missingtitle", "The page you specified doesn't exist.", {}, undefined, { key: "apierror-missingtitle", params: [] });
}

function ownerOf(api: Api, revision: RevisionRecord): PageRecord {
  return api.store.state.pages.find((p) => p.wiki === api.wiki.host && p.id === revision.pageId)!;
}

function fromRevision(api: Api, page: PageRecord, revision: RevisionRecord, reportRevid: boolean): Source {
  return {
    title: page.title,
    pageid: page.id,
    ...(reportRevid ? { revid: revision.id } : {}),
    content: revision.content,
    tables: revisionLinks(api.wiki, page, revision),
  };
}

/** ApiParse::execute's page branch: `pageid` or `page`, through ApiPageSet when `redirects` is set. */
function fromPage(api: Api, props: Set<string>): Source {
  const pageId = api.params.get("pageid");
  const pageParam = api.params.get("page");
  let page: PageRecord | undefined;
  if (pageId !== undefined) {
    page = findPageById(api.store, api.wiki, Number(pageId));
    if (!page) throw new ApiError("nosuchpageid", `There is no page with ID ${pageId}.`, {}, undefined, { key: "apierror-nosuchpageid", params: [pageId] });
  } else {
    const parsed = parseTitle(api.wiki, pageParam!);
    if (!parsed) {
      throw new ApiError("invalidtitle", `Bad title "${pageParam}".`, {}, undefined, { key: "apierror-invalidtitle", params: [pageParam!] });
    }
    page = findPage(api.store, api.wiki, parsed);
  }
  if (!page) throw missingTitle();
  const redirects: { from: string; to: string }[] = [];
  if (api.params.bool("redirects")) {
    const target = redirectTarget(latestRevision(api.store, page).content);
    const targetTitle = target ? parseTitle(api.wiki, target) : null;
    if (targetTitle) {
      redirects.push({ from: page.title, to: targetTitle.text });
      page = findPage(api.store, api.wiki, targetTitle);
      if (!page) throw missingTitle();
    }
  }
  const source = fromRevision(api, page, latestRevision(api.store, page), props.has("revid"));
  return api.params.bool("redirects") ? { ...source, redirects } : source;
}

function fromOldid(api: Api): Source {
  const oldid = Number(api.params.get("oldid"));
  const revision = getRevision(api.store, api.wiki, oldid);
  if (!revision) throw new ApiError("nosuchrevid", `There is no revision with ID ${oldid}.`, {}, undefined, { key: "apierror-nosuchrevid", params: [oldid] });
  return fromRevision(api, ownerOf(api, revision), revision, true);
}

function fromText(api: Api): Source {
  const title = parseTitle(api.wiki, api.params.get("title") ?? "API")?.text ?? "API";
  const content = api.params.get("text") ?? "";
  return { title, pageid: 0, content, tables: textLinks(api.wiki, title, content) };
}

/** ApiParse::formatLinks: `ns`, the title as content, `exists`. */
function formatLinks(api: Api, titles: LinkTables["links"]): Record<string, unknown>[] {
  return titles.map((title) => {
    const exists = findPage(api.store, api.wiki, title) !== undefined;
    return { ns: title.ns, [contentKey(api, "title")]: title.text, exists };
  });
}

function formatCategories(api: Api, categories: LinkTables["categories"]): Record<string, unknown>[] {
  return categories.map(({ title, sortkey }) => {
    const entry: Record<string, unknown> = { sortkey, [contentKey(api, "category")]: title.dbKey.slice(title.dbKey.indexOf(":") + 1) };
    if (!findPage(api.store, api.wiki, title)) entry.missing = true;
    return entry;
  });
}

function formatLangLinks(api: Api, langlinks: LinkTables["langlinks"]): Record<string, unknown>[] {
  const origin = api.store.config.publicUrl.replace(/\/$/, "");
  return langlinks.map(({ lang, title }) => {
    const host = `${lang}.wikipedia.org`;
    const name = LANGUAGE_AUTONYMS[lang] ?? lang;
    return {
      lang,
      url: `${origin}/${host}/wiki/${encodeURIComponent(title.replaceAll(" ", "_"))}`,
      langname: name,
      autonym: name,
      [contentKey(api, "title")]: title,
    };
  });
}

export function actionParse(api: Api): Record<string, unknown> {
  // ApiParse::execute: text, title and revid go with each other but not with a page, in three checks; the
  // names are listed in the order ApiParse declares them.
  const given = (names: string[]) => names.filter((name) => api.params.raw(name) !== undefined);
  for (const source of ["text", "title", "revid"]) {
    const clash = given([source, "page", "pageid", "oldid"]);
    if (clash.length > 1) throw invalidParamMix(clash);
  }
  const requested = api.params.raw("prop") !== undefined ? api.params.multi("prop") : DEFAULT_PROPS;
  const props = new Set(requested);
  const source =
    api.params.raw("oldid") !== undefined
      ? fromOldid(api)
      : api.params.raw("page") !== undefined || api.params.raw("pageid") !== undefined
        ? fromPage(api, props)
        : fromText(api);

  const parse: Record<string, unknown> = { title: source.title, pageid: source.pageid };
  if (source.revid !== undefined) parse.revid = source.revid;
  if (source.redirects) parse.redirects = source.redirects;
  if (props.has("text")) {
    const html = parserOutputHtml(api.store, api.wiki, source.title, source.content);
    parse.text = api.fv2 ? html : { "*": html };
  }
  if (props.has("langlinks")) parse.langlinks = formatLangLinks(api, source.tables.langlinks);
  if (props.has("categories")) parse.categories = formatCategories(api, source.tables.categories);
  if (props.has("links")) parse.links = formatLinks(api, source.tables.links);
  if (props.has("templates")) parse.templates = formatLinks(api, source.tables.templates);
  if (props.has("images")) parse.images = [];
  if (props.has("externallinks")) parse.externallinks = [];
  if (props.has("sections")) {
    const sections = parserSections(api.wiki, source.title, source.content);
    parse.sections = sections;
    parse.showtoc = showsToc(source.content, sections);
  }
  if (props.has("parsewarnings")) parse.parsewarnings = [];
  if (props.has("displaytitle")) parse.displaytitle = displayTitleHtml(api.wiki, source.title);
  if (props.has("iwlinks")) parse.iwlinks = [];
  // ApiResult's BCkvp array type: an object by name in formatversion=2, a list of pairs in 1.
  if (props.has("properties")) parse.properties = api.fv2 ? {} : [];
  return { parse };
}
