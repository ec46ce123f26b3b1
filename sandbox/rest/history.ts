/**
 * `GET /v1/page/{title}/history` (CORE PageHistoryHandler, Schema/PageHistory.json): 20 revisions per
 * page, newest first, paged with `older_than` / `newer_than` and narrowed with `filter`.
 */
import { byteLength, findPage, getRevision, pageRevisions } from "../content/pages";
import { isoTimestamp } from "../content/pages";
import { restError } from "../errors";
import { json } from "../http";
import type { RevisionRecord, UserRecord } from "../state";
import {
  CACHE_CONTROL,
  integerParam,
  nonexistentTitle,
  pageRoute,
  parameterError,
  resolvePathTitle,
  routeUrl,
  type RestHandler,
} from "./common";

export const HISTORY_LIMIT = 20;

const FILTERS = ["anonymous", "bot", "reverted", "minor"] as const;
type HistoryFilter = (typeof FILTERS)[number];

function matchesFilter(filter: HistoryFilter | null, revision: RevisionRecord, users: readonly UserRecord[]): boolean {
  switch (filter) {
    case null:
      return true;
    case "anonymous":
      return revision.userId === 0;
    case "bot":
      return users.some((user) => user.id === revision.userId && user.groups.includes("bot"));
    case "reverted":
      return revision.tags.includes("mw-reverted");
    case "minor":
      return revision.minor;
  }
}

export const historyHandler: RestHandler = (ctx) => {
  const resolved = resolvePathTitle(ctx, "/history");
  if (!resolved.ok) return resolved.response;
  const olderThan = integerParam(ctx, "older_than");
  if (!olderThan.ok) return olderThan.response;
  const newerThan = integerParam(ctx, "newer_than");
  if (!newerThan.ok) return newerThan.response;
  const rawFilter = ctx.url.searchParams.get("filter");
  if (rawFilter !== null && !(FILTERS as readonly string[]).includes(rawFilter)) return parameterError("filter", rawFilter, "badvalue");
  const filter = rawFilter as HistoryFilter | null;
  if (olderThan.value !== null && newerThan.value !== null) {
    return restError(400, "rest-pagehistory-incompatible-params", "Parameters older_than and newer_than cannot both be specified");
  }

  const page = findPage(ctx.store, ctx.wiki, resolved.title);
  if (!page) return nonexistentTitle(ctx.params.title ?? resolved.title.dbKey);
  const relativeId = olderThan.value ?? newerThan.value;
  if (relativeId !== null) {
    const relative = getRevision(ctx.store, ctx.wiki, relativeId);
    if (!relative || relative.pageId !== page.id) {
      // PageHistoryHandler: the message alone, no `revid` in the body (seen on 1.39).
      return restError(404, "rest-nonexistent-title-revision", `The specified revision (${relativeId}) does not exist on page (${page.title})`);
    }
  }

  const all = pageRevisions(ctx.store, page); // newest first
  const candidates = all.filter((revision) => matchesFilter(filter, revision, ctx.store.state.users));
  let selected: RevisionRecord[];
  if (newerThan.value !== null) {
    const newer = candidates.filter((revision) => revision.id > newerThan.value!);
    selected = newer.slice(Math.max(0, newer.length - HISTORY_LIMIT));
  } else {
    const older = olderThan.value === null ? candidates : candidates.filter((revision) => revision.id < olderThan.value!);
    selected = older.slice(0, HISTORY_LIMIT);
  }

  const sizes = new Map(all.map((revision) => [revision.id, byteLength(revision.content)]));
  const revisions = selected.map((revision) => {
    const size = sizes.get(revision.id)!;
    const parentSize = revision.parentId ? sizes.get(revision.parentId) : undefined;
    return {
      id: revision.id,
      timestamp: isoTimestamp(revision.timestamp),
      minor: revision.minor,
      size,
      comment: revision.comment,
      user: { id: revision.userId === 0 ? null : revision.userId, name: revision.userName },
      delta: parentSize === undefined ? null : size - parentSize,
    };
  });

  const base = routeUrl(ctx, ctx.wiki, pageRoute(page.title.replaceAll(" ", "_"), "/history"));
  const link = (extra: Record<string, string>) => {
    const query = new URLSearchParams({ ...(filter ? { filter } : {}), ...extra });
    const search = query.toString();
    return search ? `${base}?${search}` : base;
  };
  const body: Record<string, unknown> = { revisions, latest: link({}) };
  const first = selected[0];
  const last = selected[selected.length - 1];
  if (last && candidates.some((revision) => revision.id < last.id)) body.older = link({ older_than: String(last.id) });
  if (first && candidates.some((revision) => revision.id > first.id)) body.newer = link({ newer_than: String(first.id) });
  return json(200, body, { "cache-control": CACHE_CONTROL });
};
