/**
 * What links where (docs/wikimedia-protocol.md §5.8): list=backlinks and prop=linkshere (CORE
 * ApiQueryBacklinks, ApiQueryBacklinksprop) over pagelinks, list=categorymembers (ApiQueryCategoryMembers)
 * over categorylinks. The tables are the pages' current link tables (content/links.ts).
 */
import { wikiLinkTables } from "../content/links";
import { findPageById, latestRevision, mwTimestamp, isoTimestamp, parseTitle, redirectTarget, type ParsedTitle } from "../content/pages";
import type { PageRecord } from "../state";
import { ApiError, badContinue, invalidParamMix } from "./api-error";
import type { Api } from "./context";
import type { PageSetEntry } from "./page-set";
import { QUERY_SUBMODULES } from "./param-declarations";
import { validateParams } from "./param-validator";
import type { ListOutcome } from "./query-lists";

function isRedirect(api: Api, page: PageRecord): boolean {
  return redirectTarget(latestRevision(api.store, page).content) !== null;
}

/**
 * ApiBase::getTitleFromTitleOrPageId: exactly one of `<prefix>title` and `<prefix>pageid`, a valid title,
 * an existing page id.
 */
function titleOrPageId(api: Api, path: string, prefix: string, title: string | undefined, pageid: number | undefined): ParsedTitle {
  if (title !== undefined && pageid !== undefined) throw invalidParamMix([`${prefix}title`, `${prefix}pageid`], path);
  if (pageid !== undefined) {
    const page = findPageById(api.store, api.wiki, pageid);
    if (!page) throw new ApiError("nosuchpageid", `There is no page with ID ${pageid}.`, {}, path, { key: "apierror-nosuchpageid", params: [pageid] });
    return parseTitle(api.wiki, page.title)!;
  }
  if (title === undefined) {
    throw new ApiError("missingparam", `One of the parameters "${prefix}title" and "${prefix}pageid" is required.`, {}, path, {
      key: "apierror-missingparam-one-of",
      params: [{ list: [`<var>${prefix}title</var>`, `<var>${prefix}pageid</var>`], type: "text" }, 2],
    });
  }
  const parsed = parseTitle(api.wiki, title);
  if (!parsed) throw new ApiError("invalidtitle", `Bad title "${title}".`, {}, path, { key: "apierror-invalidtitle", params: [title] });
  return parsed;
}

/** Pages whose links include `target`, ordered as the pagelinks index is: source namespace, then page id. */
function linkingPages(api: Api, target: string): PageRecord[] {
  return wikiLinkTables(api.store, api.wiki)
    .filter(({ tables }) => tables.links.some((link) => link.text === target))
    .map(({ page }) => page)
    .sort((a, b) => a.ns - b.ns || a.id - b.id);
}

export function listBacklinks(api: Api): ListOutcome {
  const path = "query+backlinks";
  const values = validateParams(api, path, "bl", QUERY_SUBMODULES.backlinks!.params);
  const target = titleOrPageId(api, path, "bl", values.get("title") as string | undefined, values.get("pageid") as number | undefined);
  const namespaces = values.get("namespace") as number[] | undefined;
  const filter = (values.get("filterredir") as string | undefined) ?? "all";
  const descending = values.get("dir") === "descending";
  const limit = (values.get("limit") as number | undefined) ?? 10;
  let pages = linkingPages(api, target.text)
    .filter((page) => !namespaces || namespaces.includes(page.ns))
    .filter((page) => filter === "all" || (filter === "redirects") === isRedirect(api, page));
  if (descending) pages = pages.reverse();
  const continueValue = values.get("continue") as string | undefined;
  if (continueValue !== undefined) {
    // `<from namespace>|<from page id>`, both integers (ApiQueryBacklinks::run).
    const parts = continueValue.split("|");
    if (parts.length !== 2 || parts.some((part) => String(parseInt(part, 10)) !== part)) throw badContinue(path);
    const [ns, id] = parts.map(Number) as [number, number];
    pages = pages.filter((page) => (descending ? page.ns < ns || (page.ns === ns && page.id <= id) : page.ns > ns || (page.ns === ns && page.id >= id)));
  }
  const withRedirects = values.get("redirect") === true;
  const rows = pages.slice(0, limit).map((page) => {
    const row: Record<string, unknown> = { pageid: page.id, ns: page.ns, title: page.title };
    if (isRedirect(api, page)) {
      row.redirect = true;
      // blredirect: pages that link through the redirect, listed under it.
      if (withRedirects) row.redirlinks = linkingPages(api, page.title).map((via) => ({ pageid: via.id, ns: via.ns, title: via.title }));
    }
    return row;
  });
  const next = pages[limit];
  return { rows, ...(next ? { continueWith: { blcontinue: `${next.ns}|${next.id}` } } : {}) };
}

/**
 * prop=linkshere for the page set's titles: one list per page, ordered by the linking page's id (and by
 * title first when several titles are asked for), continued with those keys joined by `|`.
 */
export function propLinksHere(api: Api, entries: PageSetEntry[], records: Map<PageSetEntry, Record<string, unknown>>): Record<string, string> {
  const path = "query+linkshere";
  const values = validateParams(api, path, "lh", QUERY_SUBMODULES.linkshere!.params);
  const props = new Set((values.get("prop") as string[] | undefined) ?? ["pageid", "title", "redirect"]);
  const namespaces = values.get("namespace") as number[] | undefined;
  const show = new Set((values.get("show") as string[] | undefined) ?? []);
  if (show.has("redirect") && show.has("!redirect")) {
    throw new ApiError("show", "Incorrect parameter - mutually exclusive values may not be supplied.", {}, path, { key: "apierror-show", params: [] });
  }
  const limit = (values.get("limit") as number | undefined) ?? 10;
  const targets: { entry: PageSetEntry; title: ParsedTitle }[] = entries.flatMap((entry) =>
    entry.kind === "page" || entry.kind === "missing" ? [{ entry: entry as PageSetEntry, title: entry.title }] : [],
  );
  const byTitle = targets.length > 1;
  const pairs = targets
    .sort((a, b) => (a.title.dbKey < b.title.dbKey ? -1 : a.title.dbKey > b.title.dbKey ? 1 : 0))
    .flatMap(({ entry, title }) =>
      linkingPages(api, title.text)
        .filter((page) => !namespaces || namespaces.includes(page.ns))
        .filter((page) => !show.has("redirect") || isRedirect(api, page))
        .filter((page) => !show.has("!redirect") || !isRedirect(api, page))
        .sort((a, b) => a.id - b.id)
        .map((page) => ({ entry, key: title.dbKey.slice(title.dbKey.indexOf(":") + 1), page })),
    );
  let remaining = pairs;
  const continueValue = values.get("continue") as string | undefined;
  if (continueValue !== undefined) {
    const parts = continueValue.split("|");
    const fromPart = parts[parts.length - 1]!;
    if (parts.length !== (byTitle ? 2 : 1) || String(parseInt(fromPart, 10)) !== fromPart) throw badContinue(path);
    const from = Number(fromPart);
    const at = remaining.findIndex((pair) => (byTitle ? pair.key === parts[0] : true) && pair.page.id >= from);
    remaining = at < 0 ? [] : remaining.slice(at);
  }
  for (const { entry, page } of remaining.slice(0, limit)) {
    const row: Record<string, unknown> = {};
    if (props.has("pageid")) row.pageid = page.id;
    if (props.has("title")) Object.assign(row, { ns: page.ns, title: page.title });
    if (props.has("redirect")) row.redirect = isRedirect(api, page);
    const record = records.get(entry)!;
    ((record.linkshere ??= []) as Record<string, unknown>[]).push(row);
  }
  const next = remaining[limit];
  return next ? { lhcontinue: byTitle ? `${next.key}|${next.page.id}` : String(next.page.id) } : {};
}

const TYPE_ORDER = ["page", "subcat", "file"] as const;

function memberType(page: PageRecord): (typeof TYPE_ORDER)[number] {
  return page.ns === 14 ? "subcat" : page.ns === 6 ? "file" : "page";
}

/**
 * Collation "uppercase" (MediaWiki's default; Wikimedia's wikis use ICU collations whose keys are opaque
 * bytes too): the sort key prefix, if any, then the title without its namespace, upper-cased.
 */
function sortKey(page: PageRecord, prefix: string): string {
  const name = page.ns === 0 ? page.title : page.title.slice(page.title.indexOf(":") + 1);
  return (prefix ? `${prefix}\n${name}` : name).toUpperCase();
}

function hex(value: string): string {
  return Buffer.from(value, "utf8").toString("hex");
}

export function listCategoryMembers(api: Api): ListOutcome {
  const path = "query+categorymembers";
  const values = validateParams(api, path, "cm", QUERY_SUBMODULES.categorymembers!.params);
  const category = titleOrPageId(api, path, "cm", values.get("title") as string | undefined, values.get("pageid") as number | undefined);
  if (category.ns !== 14) {
    throw new ApiError("invalidcategory", "The category name you entered is not valid.", {}, path, { key: "apierror-invalidcategory", params: [] });
  }
  const props = new Set((values.get("prop") as string[] | undefined) ?? ["ids", "title"]);
  const types = new Set((values.get("type") as string[] | undefined) ?? TYPE_ORDER);
  const namespaces = values.get("namespace") as number[] | undefined;
  const limit = (values.get("limit") as number | undefined) ?? 10;
  const byTimestamp = values.get("sort") === "timestamp";
  const descending = ["desc", "descending", "older"].includes((values.get("dir") as string | undefined) ?? "ascending");
  let members = wikiLinkTables(api.store, api.wiki).flatMap(({ page, tables }) => {
    const link = tables.categories.find((c) => c.title.text === category.text);
    if (!link) return [];
    const added = latestRevision(api.store, page).timestamp;
    return [{ page, type: memberType(page), prefix: link.sortkey, key: sortKey(page, link.sortkey), added }];
  });
  members = members
    .filter((m) => types.has(m.type))
    .filter((m) => !namespaces || namespaces.includes(m.page.ns))
    .sort((a, b) =>
      byTimestamp
        ? Math.floor(a.added / 1000) - Math.floor(b.added / 1000) || a.page.id - b.page.id
        : TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.page.id - b.page.id,
    );
  if (descending) members = members.reverse();
  const position = (m: (typeof members)[number]) => (byTimestamp ? `${mwTimestamp(m.added)}|${m.page.id}` : `${m.type}|${hex(m.key)}|${m.page.id}`);
  const continueValue = values.get("continue") as string | undefined;
  if (continueValue !== undefined) {
    const parts = continueValue.split("|");
    const valid = byTimestamp
      ? parts.length === 2 && String(parseInt(parts[1]!, 10)) === parts[1]
      : parts.length === 3 && /^(?:[a-fA-F0-9]{2})*$/.test(parts[1]!);
    if (!valid) throw badContinue(path);
    const at = members.findIndex((m) => position(m) === continueValue);
    members = at < 0 ? [] : members.slice(at);
  }
  const rows = members.slice(0, limit).map((m) => {
    const row: Record<string, unknown> = {};
    if (props.has("ids")) row.pageid = m.page.id;
    if (props.has("title")) Object.assign(row, { ns: m.page.ns, title: m.page.title });
    if (props.has("sortkey")) row.sortkey = hex(m.key);
    if (props.has("sortkeyprefix")) row.sortkeyprefix = m.prefix;
    if (props.has("type")) row.type = m.type;
    if (props.has("timestamp")) row.timestamp = isoTimestamp(m.added);
    return row;
  });
  const next = members[limit];
  return { rows, ...(next ? { continueWith: { cmcontinue: position(next) } } : {}) };
}

