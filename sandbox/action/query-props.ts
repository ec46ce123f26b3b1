/** prop=info and prop=revisions (CORE ApiQueryInfo, ApiQueryRevisions / ApiQueryRevisionsBase). */
import { contentSha1 } from "../content/edit";
import { byteLength, isoTimestamp, latestRevision, pageRevisions, redirectTarget } from "../content/pages";
import type { RevisionRecord } from "../state";
import { ApiError, badContinue } from "./api-error";
import type { Api } from "./context";
import { contentKey, warn } from "./context";
import type { PageSetEntry } from "./page-set";

function isWatched(api: Api, title: string): boolean {
  if (api.viewer.kind !== "user") return false;
  const userId = api.viewer.user.id;
  const now = api.store.now();
  return api.store.state.watchlist.some(
    (w) => w.userId === userId && w.wiki === api.wiki.host && w.title === title && (w.expiry === null || w.expiry > now),
  );
}

function pageUrl(api: Api, title: string): string {
  return `${api.store.config.publicUrl}/${api.wiki.host}/wiki/${encodeURIComponent(title.replaceAll(" ", "_")).replace(/%2F/g, "/").replace(/%3A/g, ":")}`;
}

export function propInfo(api: Api, entry: PageSetEntry, record: Record<string, unknown>): void {
  if (entry.kind === "invalid" || entry.kind === "missing-id") return;
  const props = new Set(api.params.multi("inprop"));
  const title = entry.kind === "page" ? entry.page.title : entry.title.text;
  record.contentmodel = "wikitext";
  record.pagelanguage = api.wiki.lang;
  record.pagelanguagehtmlcode = api.wiki.lang;
  record.pagelanguagedir = api.wiki.dir;
  if (entry.kind === "page") {
    const latest = latestRevision(api.store, entry.page);
    record.touched = isoTimestamp(latest.timestamp);
    record.lastrevid = latest.id;
    record.length = byteLength(latest.content);
    if (redirectTarget(latest.content)) record.redirect = true;
    if (pageRevisions(api.store, entry.page).length === 1) record.new = true;
  }
  if (props.has("protection")) {
    const protection = entry.kind === "page" ? entry.page.protection : {};
    record.protection = Object.entries(protection).map(([type, level]) => ({ type, level, expiry: "infinity" }));
    record.restrictiontypes = entry.kind === "page" ? ["edit", "move"] : ["create"];
  }
  // ApiQueryInfo drops `watched` silently without the `viewmywatchlist` right.
  if (props.has("watched") && api.viewer.rights.has("viewmywatchlist")) record.watched = isWatched(api, title);
  if (props.has("url")) {
    record.fullurl = pageUrl(api, title);
    record.editurl = `${pageUrl(api, title)}?action=edit`;
    record.canonicalurl = pageUrl(api, title);
  }
  // `intestactions` (intestactionsdetail=boolean): whether this viewer may do each action to the page.
  // Only the viewer's rights decide here; core also asks hooks, page protection and blocks.
  const actions = api.params.multi("intestactions");
  if (actions.length > 0) record.actions = Object.fromEntries(actions.map((action) => [action, api.viewer.rights.has(action)]));
  if (props.has("displaytitle")) record.displaytitle = title;
  if (props.has("varianttitles")) record.varianttitles = { [api.wiki.lang]: title };
}

const DEFAULT_RVPROP = ["ids", "timestamp", "flags", "comment", "user"];
const REVISION_PROPS = new Set(["ids", "flags", "timestamp", "user", "userid", "size", "slotsize", "sha1", "slotsha1", "contentmodel", "comment", "parsedcomment", "content", "tags", "roles", "parsetree"]);
const MAX_REVISIONS = 500;

function revisionRecord(api: Api, revision: RevisionRecord, props: Set<string>, slots: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (props.has("ids")) {
    out.revid = revision.id;
    out.parentid = revision.parentId;
  }
  if (props.has("flags")) out.minor = revision.minor;
  if (props.has("user")) out.user = revision.userName;
  if (props.has("userid")) out.userid = revision.userId;
  if (props.has("timestamp")) out.timestamp = isoTimestamp(revision.timestamp);
  if (props.has("size")) out.size = byteLength(revision.content);
  if (props.has("sha1")) out.sha1 = contentSha1(revision.content);
  if (props.has("comment")) out.comment = revision.comment;
  if (props.has("parsedcomment")) out.parsedcomment = revision.comment;
  if (props.has("tags")) out.tags = revision.tags;
  const wantsContent = props.has("content");
  if (slots) {
    if (wantsContent || props.has("contentmodel")) {
      out.slots = {
        main: {
          // Slot sizes come only with rvprop=slotsize (ApiQueryRevisionsBase), not with rvprop=size.
          ...(props.has("slotsize") ? { size: byteLength(revision.content) } : {}),
          contentmodel: "wikitext",
          contentformat: "text/x-wiki",
          ...(wantsContent ? { [contentKey(api, "content")]: revision.content } : {}),
        },
      };
    }
  } else if (wantsContent) {
    out.contentformat = "text/x-wiki";
    out.contentmodel = "wikitext";
    out[contentKey(api, "content")] = revision.content;
  }
  return out;
}

export interface RevisionsOutcome {
  /** rvcontinue for the enumeration mode, when more revisions remain. */
  continueValue?: string;
}

/**
 * Two modes as in ApiQueryRevisions: the latest revision of each page, or (with rvlimit, rvstartid,
 * rvdir=newer and the like, and one page) an enumeration of its history.
 */
export function propRevisions(api: Api, entries: PageSetEntry[], records: Map<PageSetEntry, Record<string, unknown>>): RevisionsOutcome {
  const requested = api.params.multi("rvprop").filter((prop) => REVISION_PROPS.has(prop));
  const props = new Set(api.params.raw("rvprop") !== undefined ? requested : DEFAULT_RVPROP);
  const slots = api.params.raw("rvslots") !== undefined;
  if (!slots && props.has("content")) {
    warn(api, "query+revisions", "deprecation", 'Because "rvslots" was not specified, a legacy format has been used for the output. This format is deprecated, and in the future the new format will always be used.');
  }
  // ApiQueryRevisions::run: these (and rvdir=newer, but not rvcontinue) switch to enumerating one page's history.
  const enumerating =
    ["rvuser", "rvexcludeuser", "rvlimit", "rvstartid", "rvendid", "rvstart", "rvend"].some((name) => api.params.raw(name) !== undefined) ||
    api.params.raw("rvdir") === "newer";
  const pages = entries.filter((entry): entry is Extract<PageSetEntry, { kind: "page" }> => entry.kind === "page");
  const byRevid = pages.some((entry) => entry.revisions !== undefined);
  if (byRevid && enumerating) {
    throw new ApiError(
      "invalidparammix",
      'The "revids" parameter may not be used with the list options ("rvlimit", "rvstartid", "rvendid", "rvdir=newer", "rvuser", "rvexcludeuser", "rvstart", and "rvend").',
      {},
      "query+revisions",
      { key: "apierror-revisions-norevids", params: ["rv"] },
    );
  }
  if (pages.length > 1 && enumerating) {
    throw new ApiError(
      "invalidparammix",
        '"titles", "pageids" or a generator was used to supply multiple pages, but the "rvlimit", "rvstartid", "rvendid", "rvdir=newer", "rvuser", "rvexcludeuser", "rvstart", and "rvend" parameters may only be used on a single page.',
      {},
      "query+revisions",
      { key: "apierror-revisions-singlepage", params: ["rv"] },
    );
  }
  const continueFrom = api.params.get("rvcontinue");
  if (!enumerating) {
    // Non-enumerating continuation is `<pageid>|<revid>` (ApiQueryRevisions::run).
    if (continueFrom !== undefined && continueFrom.split("|").length !== 2) throw badContinue("query+revisions");
    for (const entry of pages) {
      // With `revids`, exactly the revisions asked for (ApiQueryRevisions over getLiveRevisionIDs).
      const revisions = entry.revisions ?? [latestRevision(api.store, entry.page)];
      records.get(entry)!.revisions = revisions.map((revision) => revisionRecord(api, revision, props, slots));
    }
    return {};
  }
  const entry = pages[0];
  if (!entry) return {};
  const limit = api.params.limit("rvlimit", 10, props.has("content") ? 50 : MAX_REVISIONS);
  const newer = api.params.raw("rvdir") === "newer";
  let revisions = pageRevisions(api.store, entry.page);
  if (newer) revisions = revisions.reverse();
  if (continueFrom !== undefined) {
    // `<timestamp>|<revid>`: two parts, the second an integer as PHP's (int) reads it back.
    const parts = continueFrom.split("|");
    if (parts.length !== 2 || String(parseInt(parts[1]!, 10) || 0) !== parts[1]) throw badContinue("query+revisions");
    const id = Number(parts[1]);
    revisions = revisions.filter((revision) => (newer ? revision.id >= id : revision.id <= id));
  }
  const startId = api.params.int("rvstartid");
  if (startId !== undefined) revisions = revisions.filter((revision) => (newer ? revision.id >= startId : revision.id <= startId));
  const endId = api.params.int("rvendid");
  if (endId !== undefined) revisions = revisions.filter((revision) => (newer ? revision.id <= endId : revision.id >= endId));
  const page = revisions.slice(0, limit);
  records.get(entry)!.revisions = page.map((revision) => revisionRecord(api, revision, props, slots));
  const next = revisions[limit];
  return next ? { continueValue: `${next.timestamp ? isoTimestamp(next.timestamp).replace(/[-:TZ]/g, "") : ""}|${next.id}` } : {};
}
