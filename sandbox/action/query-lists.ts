/**
 * list=search, list=allpages, list=watchlistraw and list=watchlist (CORE ApiQuerySearch, ApiQueryAllPages,
 * ApiQueryWatchlistRaw, ApiQueryWatchlist). Each returns its rows and, when more remain, its continue value.
 */
import { byteLength, isoTimestamp, latestRevision, namespaceName, pageRevisions, parseTitle, redirectTarget } from "../content/pages";
import type { PageRecord } from "../state";
import { ApiError, notLoggedIn } from "./api-error";
import type { Api } from "./context";

export interface ListOutcome {
  rows: Record<string, unknown>[];
  /** Continue parameters to hand back, e.g. `{ sroffset: 10 }`. */
  continueWith?: Record<string, string | number>;
  /** Extra keys under `query`, e.g. `searchinfo`. */
  extra?: Record<string, unknown>;
}

const DAY_MS = 24 * 3600 * 1000;

function wikiPages(api: Api): PageRecord[] {
  return api.store.state.pages.filter((page) => page.wiki === api.wiki.host);
}

function plainText(wikitext: string): string {
  let text = wikitext;
  // Templates, tables, files and categories are not part of the indexed text.
  for (let previous = ""; previous !== text; ) {
    previous = text;
    text = text.replace(/\{\{[^{}]*\}\}/g, "").replace(/\{\|[\s\S]*?\|\}/g, "");
  }
  text = text.replace(/^\[\[(?:File|Image|Category):.*$/gim, "").replace(/\[https?:\/\/\S+\s*([^\]]*)\]/g, "$1");
  return text
    .replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, "$1")
    .replace(/'{2,}/g, "")
    .replace(/^=+\s*(.*?)\s*=+\s*$/gm, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function escapeHtml(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** CirrusSearch's snippet: a window of text around the first hit, hits wrapped in span.searchmatch. */
function snippet(text: string, terms: string[]): string {
  const lower = text.toLowerCase();
  const first = Math.min(...terms.map((term) => lower.indexOf(term)).filter((at) => at >= 0), text.length);
  const start = first === text.length ? 0 : Math.max(0, first - 60);
  const window = text.slice(start, start + 150);
  const pattern = new RegExp(`(${terms.map(escapeRegExp).join("|")})`, "gi");
  return escapeHtml(window).replace(pattern, '<span class="searchmatch">$1</span>');
}

export function listSearch(api: Api): ListOutcome {
  const query = api.params.required("srsearch");
  const limit = api.params.limit("srlimit", 10, 500);
  const offset = api.params.int("sroffset", { min: 0, fallback: 0 }) ?? 0;
  const namespaces = api.params.multi("srnamespace").map(Number);
  const what = api.params.enumValue("srwhat", ["text", "title", "nearmatch"] as const, "text");
  const propsParam = api.params.multi("srprop");
  const props = new Set(propsParam.length > 0 ? propsParam : ["size", "wordcount", "timestamp", "snippet"]);
  api.params.markUsed("srinfo", "srqiprofile", "srsort", "srinterwiki", "srenablerewrites");
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const allowedNs = new Set(namespaces.length > 0 ? namespaces : [0]);

  const scored = wikiPages(api)
    .filter((page) => allowedNs.has(page.ns))
    .map((page) => {
      const content = latestRevision(api.store, page).content;
      return { page, content, text: plainText(content) };
    })
    // CirrusSearch indexes redirects as part of their target, never as results of their own.
    .filter(({ content }) => !redirectTarget(content))
    .map((row) => {
      const title = row.page.title.toLowerCase();
      const inTitle = terms.every((term) => title.includes(term));
      const inText = terms.every((term) => row.text.toLowerCase().includes(term));
      const matches = what === "title" || what === "nearmatch" ? inTitle : inTitle || inText;
      return { ...row, matches, score: (inTitle ? 2 : 0) + (inText ? 1 : 0) };
    })
    .filter((row) => row.matches)
    .sort((a, b) => b.score - a.score || a.page.title.localeCompare(b.page.title));

  const rows = scored.slice(offset, offset + limit).map(({ page, content, text }) => {
    const row: Record<string, unknown> = { ns: page.ns, title: page.title, pageid: page.id };
    if (props.has("size")) row.size = byteLength(content);
    if (props.has("wordcount")) row.wordcount = text ? text.split(" ").length : 0;
    if (props.has("snippet")) row.snippet = snippet(text, terms);
    if (props.has("timestamp")) row.timestamp = isoTimestamp(latestRevision(api.store, page).timestamp);
    return row;
  });
  return {
    rows,
    extra: { searchinfo: { totalhits: scored.length } },
    ...(offset + limit < scored.length ? { continueWith: { sroffset: offset + limit } } : {}),
  };
}

export function listAllPages(api: Api): ListOutcome {
  const ns = api.params.int("apnamespace", { fallback: 0 }) ?? 0;
  const limit = api.params.limit("aplimit", 10, 500);
  const from = api.params.get("apcontinue") ?? api.params.get("apfrom");
  const to = api.params.get("apto");
  const prefix = api.params.get("apprefix");
  const filter = api.params.enumValue("apfilterredir", ["all", "redirects", "nonredirects"] as const, "all");
  const descending = api.params.enumValue("apdir", ["ascending", "descending"] as const, "ascending") === "descending";
  const key = (page: PageRecord) => {
    const name = ns === 0 ? page.title : page.title.slice(page.title.indexOf(":") + 1);
    return name.replaceAll(" ", "_");
  };
  const norm = (value: string) => value.replaceAll(" ", "_");
  let pages = wikiPages(api)
    .filter((page) => page.ns === ns)
    .filter((page) => {
      const isRedirect = redirectTarget(latestRevision(api.store, page).content) !== null;
      return filter === "all" || (filter === "redirects") === isRedirect;
    })
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (descending) pages = pages.reverse();
  if (prefix) pages = pages.filter((page) => key(page).startsWith(norm(prefix)));
  if (from) pages = pages.filter((page) => (descending ? key(page) <= norm(from) : key(page) >= norm(from)));
  if (to) pages = pages.filter((page) => (descending ? key(page) >= norm(to) : key(page) <= norm(to)));
  const rows = pages.slice(0, limit).map((page) => ({ pageid: page.id, ns: page.ns, title: page.title }));
  const next = pages[limit];
  return { rows, ...(next ? { continueWith: { apcontinue: key(next) } } : {}) };
}

interface WatchedTitle {
  ns: number;
  title: string;
  expiry: number | null;
}

/** WatchedItemStore keeps a subject page and its talk page together; both show up in the lists. */
function watchedTitles(api: Api, userId: number): WatchedTitle[] {
  const now = api.store.now();
  const out: WatchedTitle[] = [];
  for (const record of api.store.state.watchlist) {
    if (record.userId !== userId || record.wiki !== api.wiki.host) continue;
    if (record.expiry !== null && record.expiry <= now) continue;
    const parsed = parseTitle(api.wiki, record.title);
    if (!parsed) continue;
    out.push({ ns: parsed.ns, title: parsed.text, expiry: record.expiry });
    const talkNs = parsed.ns % 2 === 0 ? parsed.ns + 1 : parsed.ns - 1;
    const prefix = namespaceName(api.wiki, talkNs);
    if (talkNs === 0 || prefix) {
      const bare = parsed.ns === 0 ? parsed.text : parsed.text.slice(parsed.text.indexOf(":") + 1);
      const talk = talkNs === 0 ? bare : `${prefix}:${bare}`;
      out.push({ ns: talkNs, title: talk, expiry: record.expiry });
    }
  }
  const unique = new Map(out.map((item) => [item.title, item]));
  return [...unique.values()].sort((a, b) => a.ns - b.ns || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
}

function watchlistOwner(api: Api): number {
  if (api.viewer.kind !== "user") throw notLoggedIn("view your watchlist");
  if (!api.viewer.rights.has("viewmywatchlist")) throw new ApiError("permissiondenied", "You don't have permission to view your watchlist.");
  return api.viewer.user.id;
}

export function listWatchlistRaw(api: Api): ListOutcome {
  const userId = watchlistOwner(api);
  const limit = api.params.limit("wrlimit", 10, 500);
  const namespaces = api.params.multi("wrnamespace").map(Number);
  const props = new Set(api.params.multi("wrprop"));
  const descending = api.params.enumValue("wrdir", ["ascending", "descending"] as const, "ascending") === "descending";
  const from = api.params.get("wrcontinue") ?? api.params.get("wrfromtitle");
  let titles = watchedTitles(api, userId).filter((item) => namespaces.length === 0 || namespaces.includes(item.ns));
  if (descending) titles = titles.reverse();
  if (from) {
    const [nsPart, ...rest] = from.split("|");
    const fromNs = Number(nsPart);
    const fromTitle = rest.join("|").replaceAll("_", " ");
    const at = titles.findIndex((item) => item.ns === fromNs && item.title.endsWith(fromTitle));
    if (at >= 0) titles = titles.slice(at);
  }
  const rows = titles.slice(0, limit).map((item) => {
    const row: Record<string, unknown> = { ns: item.ns, title: item.title };
    if (props.has("changed")) {
      const page = api.store.state.pages.find((p) => p.wiki === api.wiki.host && p.title === item.title);
      if (page) row.changed = isoTimestamp(latestRevision(api.store, page).timestamp);
    }
    return row;
  });
  const next = titles[limit];
  const bare = next ? (next.ns === 0 ? next.title : next.title.slice(next.title.indexOf(":") + 1)) : "";
  return { rows, ...(next ? { continueWith: { wrcontinue: `${next.ns}|${bare.replaceAll(" ", "_")}` } } : {}) };
}

export function listWatchlist(api: Api): ListOutcome {
  const userId = watchlistOwner(api);
  const limit = api.params.limit("wllimit", 10, 500);
  const propsParam = api.params.multi("wlprop");
  const props = new Set(propsParam.length > 0 ? propsParam : ["ids", "title", "flags"]);
  const allRevisions = api.params.bool("wlallrev");
  const excludeUser = api.params.get("wlexcludeuser");
  api.params.markUsed("wltype", "wlshow", "wldir", "wlstart", "wlend", "wlnamespace");
  const since = api.store.now() - 30 * DAY_MS; // $wgRCMaxAge on Wikimedia
  const watched = new Set(watchedTitles(api, userId).map((item) => item.title));
  const changes = wikiPages(api)
    .filter((page) => watched.has(page.title))
    .flatMap((page) => {
      const revisions = pageRevisions(api.store, page).filter((revision) => revision.timestamp >= since && revision.userName !== excludeUser);
      return (allRevisions ? revisions : revisions.slice(0, 1)).map((revision) => ({ page, revision }));
    })
    .sort((a, b) => b.revision.timestamp - a.revision.timestamp || b.revision.id - a.revision.id);
  const continueFrom = api.params.get("wlcontinue");
  if (continueFrom) {
    const [timestamp, id] = continueFrom.split("|").map(Number);
    const at = changes.findIndex((change) => change.revision.timestamp === timestamp && change.revision.id === id);
    if (at < 0) throw new ApiError("badcontinue", "Invalid continue param. You should pass the original value returned by the previous query.", {}, "query+watchlist");
    changes.splice(0, at);
  }
  const rows = changes.slice(0, limit).map(({ page, revision }) => {
    const row: Record<string, unknown> = { type: revision.parentId === 0 ? "new" : "edit" };
    if (props.has("title")) Object.assign(row, { ns: page.ns, title: page.title });
    if (props.has("ids")) Object.assign(row, { pageid: page.id, revid: revision.id, old_revid: revision.parentId });
    if (props.has("flags")) Object.assign(row, { new: revision.parentId === 0, minor: revision.minor, bot: false });
    if (props.has("userid")) row.userid = revision.userId;
    if (props.has("user")) row.user = revision.userName;
    // ApiQueryWatchlist: with either user prop, `anon` says whether the change was logged out (a boolean).
    if (props.has("user") || props.has("userid")) row.anon = revision.userId === 0;
    if (props.has("comment")) row.comment = revision.comment;
    if (props.has("timestamp")) row.timestamp = isoTimestamp(revision.timestamp);
    if (props.has("sizes")) {
      const parent = api.store.state.revisions.find((r) => r.wiki === api.wiki.host && r.id === revision.parentId);
      Object.assign(row, { oldlen: parent ? byteLength(parent.content) : 0, newlen: byteLength(revision.content) });
    }
    return row;
  });
  const next = changes[limit];
  return { rows, ...(next ? { continueWith: { wlcontinue: `${next.revision.timestamp}|${next.revision.id}` } } : {}) };
}
