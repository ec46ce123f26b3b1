/** action=watch (CORE ApiWatch; docs/wikimedia-protocol.md §5.5). */
import { setWatch } from "../content/edit";
import { findPage, isoTimestamp, parseTitle } from "../content/pages";
import { ApiError } from "./api-error";
import type { Api } from "./context";
import { warn } from "./context";
import { pageBase, resolvePageSet } from "./page-set";

function parseExpiry(api: Api, value: string | undefined): number | null {
  if (value === undefined || value === "" || ["infinite", "indefinite", "infinity", "never"].includes(value)) return null;
  const relative = /^(\d+)\s*(second|minute|hour|day|week|month|year)s?$/.exec(value.trim());
  const units: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800, month: 2592000, year: 31536000 };
  const ms = relative ? api.store.now() + Number(relative[1]) * units[relative[2]!]! * 1000 : Date.parse(value);
  if (Number.isNaN(ms)) throw new ApiError("badexpiry", `Invalid value "${value}" for expiry parameter "expiry".`);
  if (ms <= api.store.now()) throw new ApiError("badexpiry-past", `Value "${value}" for expiry parameter "expiry" is in the past.`);
  return ms;
}

export function actionWatch(api: Api): Record<string, unknown> {
  if (api.viewer.kind !== "user") throw new ApiError("notloggedin", "You must be logged in to have a watchlist.");
  if (!api.viewer.rights.has("editmywatchlist")) {
    throw new ApiError("permissiondenied", "You don't have permission to edit your watchlist.");
  }
  const userId = api.viewer.user.id;
  const unwatch = api.params.bool("unwatch");
  const expiry = parseExpiry(api, api.params.get("expiry"));
  api.params.markUsed("labels");

  const legacyTitle = api.params.get("title");
  if (legacyTitle !== undefined) {
    warn(api, "watch", "deprecation", 'The parameter "title" has been deprecated. Use "titles" instead.');
  }
  const set = resolvePageSet(api, "watch");
  let entries = set.entries;
  if (legacyTitle !== undefined) {
    const parsed = parseTitle(api.wiki, legacyTitle);
    if (!parsed) throw new ApiError("invalidtitle", `Bad title "${legacyTitle}".`);
    const page = findPage(api.store, api.wiki, parsed);
    entries = [page ? { kind: "page", page, title: parsed } : { kind: "missing", title: parsed, fakeId: -1 }];
  }
  if (entries.length === 0) {
    throw new ApiError("missingparam", 'One of the parameters "titles", "pageids", "revids" and "generator" is required.');
  }

  const rows = entries.map((entry) => {
    if (entry.kind === "invalid" || entry.kind === "missing-id") return pageBase(entry);
    const title = entry.kind === "page" ? entry.page.title : entry.title.text;
    const ns = entry.kind === "page" ? entry.page.ns : entry.title.ns;
    if (ns < 0) return { ns, title, watchable: 0 };
    setWatch(api.store, userId, api.wiki, title, !unwatch, expiry);
    const row: Record<string, unknown> = { ns, title };
    if (entry.kind === "missing") row.missing = true;
    if (unwatch) row.unwatched = true;
    else {
      row.watched = true;
      if (api.params.get("expiry") !== undefined) row.expiry = expiry === null ? "infinity" : isoTimestamp(expiry);
    }
    return row;
  });
  return { batchcomplete: true, watch: rows };
}
