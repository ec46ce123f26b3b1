/**
 * `GET /v1/page/{title}/history/counts/{type}` (CORE PageHistoryCountHandler; docs/wikimedia-protocol.md
 * §6.10): how many edits, editors, anonymous, bot, minor or reverted edits a page has, capped per type
 * with `limit: true` when the cap is hit. `from`/`to` narrow `edits` and `editors` to the revisions between
 * two, exclusive. The old type names still work, with a `Deprecation` header.
 */
import { findPage, getRevision, pageRevisions } from "../content/pages";
import { restError } from "../errors";
import { json } from "../http";
import type { RevisionRecord } from "../state";
import { integerParam, nonexistentTitle, parameterError, resolvePathTitle, type RestHandler } from "./common";

const COUNT_LIMITS = { anonymous: 10_000, bot: 10_000, editors: 25_000, edits: 30_000, minor: 1_000, reverted: 30_000 } as const;
type CountType = keyof typeof COUNT_LIMITS;
const DEPRECATED_TYPES: Record<string, CountType> = { anonedits: "anonymous", botedits: "bot", revertededits: "reverted" };
const TYPES = [...Object.keys(COUNT_LIMITS), ...Object.keys(DEPRECATED_TYPES)];

function invalidCombination() {
  return restError(400, "rest-pagehistorycount-parameters-invalid", "The specified combination of parameters is not supported.");
}

export const historyCountsHandler: RestHandler = (ctx) => {
  const requestedType = ctx.params.type ?? "";
  const resolved = resolvePathTitle(ctx, `/history/counts/${requestedType}`);
  if (!resolved.ok) return resolved.response;
  // Handler::validate: the path's `type` against its enum, then `from` and `to`, before run().
  if (!TYPES.includes(requestedType)) return parameterError("type", requestedType, "badvalue");
  const from = integerParam(ctx, "from");
  if (!from.ok) return from.response;
  const to = integerParam(ctx, "to");
  if (!to.ok) return to.response;
  const type = DEPRECATED_TYPES[requestedType] ?? (requestedType as CountType);
  // validateParameterCombination: from/to only for edits and editors, and then both of them.
  if (from.value || to.value) {
    if (type !== "edits" && type !== "editors") return invalidCombination();
    if (!from.value || !to.value) return invalidCombination();
  }
  const page = findPage(ctx.store, ctx.wiki, resolved.title);
  if (!page) return nonexistentTitle(ctx.params.title ?? resolved.title.dbKey);

  let revisions: RevisionRecord[] = pageRevisions(ctx.store, page);
  if (from.value && to.value) {
    const bounds: RevisionRecord[] = [];
    for (const id of [from.value, to.value]) {
      const revision = getRevision(ctx.store, ctx.wiki, id);
      if (!revision) return restError(404, "rest-nonexistent-revision", `The specified revision (${id}) does not exist`);
      bounds.push(revision);
    }
    // orderRevisions, then RevisionStore::countRevisionsBetween: both ends excluded.
    const [low, high] = bounds.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id) as [RevisionRecord, RevisionRecord];
    revisions = revisions.filter((r) => (r.timestamp > low.timestamp || (r.timestamp === low.timestamp && r.id > low.id)) && (r.timestamp < high.timestamp || (r.timestamp === high.timestamp && r.id < high.id)));
  }
  const bots = new Set(ctx.store.state.users.filter((user) => user.groups.includes("bot")).map((user) => user.id));
  const count = (() => {
    switch (type) {
      case "anonymous":
        return revisions.filter((r) => r.userId === 0).length;
      case "bot":
        return revisions.filter((r) => bots.has(r.userId)).length;
      case "editors":
        return new Set(revisions.map((r) => r.userName)).size;
      case "edits":
        return revisions.length;
      case "minor":
        return revisions.filter((r) => r.minor).length;
      case "reverted":
        return revisions.filter((r) => r.tags.includes("mw-reverted")).length;
    }
  })();
  const limit = COUNT_LIMITS[type];
  const headers: Record<string, string> = { "cache-control": "max-age=60" };
  if (DEPRECATED_TYPES[requestedType]) {
    headers.deprecation = 'version="v1"';
    headers.link = '<https://www.mediawiki.org/wiki/API:REST/History_API#Get_page_history_counts>; rel="deprecation"';
  }
  return json(200, { count: Math.min(count, limit), limit: count > limit }, headers);
};
