/**
 * action=query (CORE ApiQuery): the page set, then prop, list and meta submodules, `batchcomplete` and
 * `continue`. formatversion=1 keys `pages` by id; formatversion=2 makes it an array.
 */
import { badContinue, readApiDenied } from "./api-error";
import type { Api } from "./context";
import { QUERY_PARAMS, QUERY_SUBMODULES } from "./param-declarations";
import { validateParams, type ModuleParams } from "./param-validator";
import { pageBase, pageKey, resolvePageSet, type PageSetEntry } from "./page-set";
import { listAllPages, listSearch, listWatchlist, listWatchlistRaw, type ListOutcome } from "./query-lists";
import { metaGlobalUserInfo } from "./query-globaluserinfo";
import { listLogEvents } from "./query-logevents";
import { metaSiteInfo, metaTokens, metaUserInfo } from "./query-meta";
import { propDescription, propExtracts, propPageImages } from "./query-card-props";
import { listRecentChanges, listUserContribs } from "./query-changes";
import { listBacklinks, listCategoryMembers, propLinksHere } from "./query-links";
import { propInfo, propRevisions } from "./query-props";

const PROPS = ["info", "revisions", "extracts", "pageimages", "description", "linkshere"] as const;
const LISTS: Record<string, (api: Api) => ListOutcome> = {
  search: listSearch,
  allpages: listAllPages,
  watchlistraw: listWatchlistRaw,
  watchlist: listWatchlist,
  usercontribs: listUserContribs,
  recentchanges: listRecentChanges,
  categorymembers: listCategoryMembers,
  backlinks: listBacklinks,
  logevents: listLogEvents,
};
const METAS = ["tokens", "userinfo", "siteinfo", "globaluserinfo"] as const;
/** ApiQueryTokens and ApiQueryUserInfo are not read-mode: they work without the `read` right. */
const NON_READ_METAS = new Set(["tokens", "userinfo"]);
/** Lists whose results ApiQuery puts at the top level rather than under `query` (a long-standing quirk). */
const TOP_LEVEL_LISTS = new Set(["watchlistraw"]);

/** ApiQuery::getAllowedParams: the submodule names first, then its own and ApiPageSet's parameters. */
const PARAMS: ModuleParams = {
  prop: { type: PROPS, multi: true },
  list: { type: Object.keys(LISTS), multi: true },
  meta: { type: METAS, multi: true },
  ...QUERY_PARAMS,
};

/** Submodules whose answers depend on the user: one of them makes the whole answer private. */
const PRIVATE_SUBMODULES = new Set(["tokens", "userinfo", "watchlist", "watchlistraw"]);
/** prop=info properties that are the user's own (ApiQueryInfo::getCacheMode). */
const PRIVATE_INFO_PROPS = ["watched", "watchers", "visitingwatchers", "notificationtimestamp", "readable", "preload", "linkclasses"];

/** ApiQuery::getCacheMode: the most restrictive of its submodules' modes. */
function queryCacheMode(api: Api, modules: string[]): Api["cacheMode"] {
  if (modules.some((name) => PRIVATE_SUBMODULES.has(name))) return "private";
  // ApiQueryGlobalUserInfo::getCacheMode: private when it falls back to the caller.
  if (modules.includes("globaluserinfo") && api.params.raw("guiuser") === undefined && api.params.raw("guiid") === undefined) return "private";
  if (modules.includes("info") && api.params.multi("inprop").some((prop) => PRIVATE_INFO_PROPS.includes(prop))) return "private";
  return "public";
}

/** ApiContinuationManager: `continue` is `<generator part>||<done modules>`, or it is not one the API gave. */
function checkContinue(api: Api): void {
  const value = api.params.raw("continue");
  if (value !== undefined && value !== "" && value.split("||").length !== 2) throw badContinue("main");
}

/** ApiQuery::isReadMode: only non-read meta modules, and no page set, may run without `read`. */
export function queryNeedsRead(api: Api): boolean {
  const pageSetParams = ["titles", "pageids", "revids", "generator", "prop", "list"];
  if (pageSetParams.some((name) => api.params.raw(name) !== undefined)) return true;
  const metas = (api.params.raw("meta") ?? "").split("|").filter(Boolean);
  return metas.length === 0 || metas.some((meta) => !NON_READ_METAS.has(meta));
}

export function actionQuery(api: Api): Record<string, unknown> {
  if (!api.viewer.rights.has("read") && queryNeedsRead(api)) throw readApiDenied();
  const values = validateParams(api, "query", "", PARAMS);
  const props = (values.get("prop") ?? []) as string[];
  const lists = (values.get("list") ?? []) as string[];
  const metas = (values.get("meta") ?? []) as string[];
  checkContinue(api);
  api.cacheMode = queryCacheMode(api, [...props, ...lists, ...metas]);

  const query: Record<string, unknown> = {};
  const topLevel: Record<string, unknown> = {};
  const continueParams: Record<string, string | number> = {};
  let batchComplete = true;

  const set = resolvePageSet(api, "query");
  // Each submodule's extractRequestParams, in ApiQuery's order: prop, then list, then meta modules.
  for (const name of [...props, ...lists, ...metas]) {
    const submodule = QUERY_SUBMODULES[name];
    if (submodule) validateParams(api, `query+${name}`, submodule.prefix, submodule.params);
  }
  if (set.normalized.length > 0) query.normalized = set.normalized.map((n) => (api.fv2 ? { fromencoded: false, ...n } : n));
  if (set.redirects.length > 0) query.redirects = set.redirects;
  // ApiPageSet::getMissingRevisionIDsAsResult: keyed by revision id in both format versions.
  if (set.badRevids.length > 0) query.badrevids = Object.fromEntries(set.badRevids.map((revid) => [String(revid), { revid, missing: true }]));

  const records = new Map<PageSetEntry, Record<string, unknown>>();
  for (const entry of set.entries) records.set(entry, pageBase(entry));
  if (props.includes("info")) for (const entry of set.entries) propInfo(api, entry, records.get(entry)!);
  if (props.includes("revisions")) {
    const outcome = propRevisions(api, set.entries, records);
    if (outcome.continueValue) {
      continueParams.rvcontinue = outcome.continueValue;
      continueParams.continue = "||";
      batchComplete = false;
    }
  }
  if (props.includes("extracts")) propExtracts(api, set.entries, records);
  if (props.includes("pageimages")) propPageImages(api, set.entries, records);
  if (props.includes("description")) propDescription(api, set.entries, records);
  if (props.includes("linkshere")) {
    const more = propLinksHere(api, set.entries, records);
    if (Object.keys(more).length > 0) {
      Object.assign(continueParams, more);
      continueParams.continue = "||";
      batchComplete = false;
    }
  }
  if (set.entries.length > 0) {
    if (api.fv2) {
      query.pages = [...records.values()];
    } else {
      const keyed: Record<string, unknown> = {};
      for (const [entry, record] of records) keyed[pageKey(entry)] = record;
      query.pages = keyed;
    }
    if (api.params.bool("indexpageids")) query.pageids = set.entries.map(pageKey);
  }

  for (const list of lists) {
    const outcome = LISTS[list]!(api);
    if (TOP_LEVEL_LISTS.has(list)) topLevel[list] = outcome.rows;
    else {
      Object.assign(query, outcome.extra ?? {});
      query[list] = outcome.rows;
    }
    if (outcome.continueWith) {
      Object.assign(continueParams, outcome.continueWith);
      continueParams.continue ??= "-||";
    }
  }

  for (const meta of metas) {
    if (meta === "tokens") {
      const tokens = metaTokens(api);
      if (tokens) query.tokens = tokens;
    } else if (meta === "userinfo") query.userinfo = metaUserInfo(api);
    else if (meta === "siteinfo") Object.assign(query, metaSiteInfo(api));
    else if (meta === "globaluserinfo") query.globaluserinfo = metaGlobalUserInfo(api);
  }

  const result: Record<string, unknown> = {};
  if (batchComplete) result.batchcomplete = true;
  if (Object.keys(continueParams).length > 0) result.continue = continueParams;
  if (Object.keys(query).length > 0) result.query = query;
  Object.assign(result, topLevel);
  return result;
}

/** The fault-injection name: `api/query/tokens` when only tokens are asked for, else `api/query`. */
export function queryEndpoint(raw: (name: string) => string | undefined): string {
  const onlyTokens =
    raw("meta") === "tokens" && ["titles", "pageids", "revids", "generator", "prop", "list"].every((name) => raw(name) === undefined);
  return onlyTokens ? "api/query/tokens" : "api/query";
}
