/**
 * list=usercontribs and list=recentchanges (CORE ApiQueryUserContribs, ApiQueryRecentChanges;
 * docs/wikimedia-protocol.md §5.8): both walk the wiki's revisions, newest first unless `dir=newer`, and
 * continue with `<TS_MW timestamp>|<id>`. The sandbox keeps no separate recentchanges table: every
 * revision younger than $wgRCMaxAge is a change, numbered by its revision id.
 */
import { contentSha1 } from "../content/edit";
import { byteLength, isoTimestamp, mwTimestamp, parseTitle, redirectTarget } from "../content/pages";
import type { PageRecord, RevisionRecord } from "../state";
import { badContinue, invalidParamMix, ApiError } from "./api-error";
import type { Api } from "./context";
import { QUERY_SUBMODULES } from "./param-declarations";
import { validateParams } from "./param-validator";
import type { ListOutcome } from "./query-lists";

/** $wgRCMaxAge: recent changes are kept 90 days. */
const RC_MAX_AGE_MS = 90 * 24 * 3600 * 1000;

interface Change {
  page: PageRecord;
  revision: RevisionRecord;
}

/** ApiParamValidator's timestamp forms, to epoch ms (the validator has already refused anything else). */
function timestampMs(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (value === "now") return Date.now();
  const mw = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(value);
  if (mw) return Date.UTC(+mw[1]!, +mw[2]! - 1, +mw[3]!, +mw[4]!, +mw[5]!, +mw[6]!);
  const ms = Date.parse(value.includes("T") || value.endsWith("Z") ? value : `${value.replace(" ", "T")}Z`);
  return Number.isNaN(ms) ? null : ms;
}

function wikiChanges(api: Api): Change[] {
  const pages = new Map(api.store.state.pages.filter((page) => page.wiki === api.wiki.host).map((page) => [page.id, page]));
  const out: Change[] = [];
  for (const revision of api.store.state.revisions) {
    if (revision.wiki !== api.wiki.host) continue;
    const page = pages.get(revision.pageId);
    if (page) out.push({ page, revision });
  }
  return out;
}

/** Newest first (`older`) or oldest first (`newer`), ties broken by id, as both modules' ORDER BY does. */
function ordered(changes: Change[], newer: boolean): Change[] {
  const sign = newer ? 1 : -1;
  return changes.sort((a, b) => sign * (Math.floor(a.revision.timestamp / 1000) - Math.floor(b.revision.timestamp / 1000) || a.revision.id - b.revision.id));
}

/** `start` / `end` as ApiQueryBase::addTimestampWhereRange reads them: `start` is where the walk begins. */
function inRange(change: Change, newer: boolean, start: number | null, end: number | null): boolean {
  const at = Math.floor(change.revision.timestamp / 1000) * 1000;
  const [low, high] = newer ? [start, end] : [end, start];
  return (low === null || at >= low) && (high === null || at <= high);
}

/** `<TS_MW>|<id>`: where a continued walk resumes, checked as dieContinueUsageIf does. */
function applyContinue(changes: Change[], value: string | undefined, newer: boolean, path: string, idOf: (c: Change) => number): Change[] {
  if (value === undefined) return changes;
  const parts = value.split("|");
  if (parts.length !== 2 || !/^\d{14}$/.test(parts[0]!) || String(parseInt(parts[1]!, 10)) !== parts[1]) throw badContinue(path);
  const ts = parts[0]!;
  const id = Number(parts[1]);
  return changes.filter((change) => {
    const own = mwTimestamp(change.revision.timestamp);
    if (own !== ts) return newer ? own > ts : own < ts;
    return newer ? idOf(change) >= id : idOf(change) <= id;
  });
}

function parentSize(api: Api, revision: RevisionRecord): number {
  if (revision.parentId === 0) return 0;
  const parent = api.store.state.revisions.find((r) => r.wiki === revision.wiki && r.id === revision.parentId);
  return parent ? byteLength(parent.content) : 0;
}

function normalizeUserName(name: string): string {
  const spaced = name.replaceAll("_", " ").trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function missingOneOf(names: string[], path: string): ApiError {
  const quoted = names.map((name) => `"${name}"`);
  return new ApiError("missingparam", `One of the parameters ${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)} is required.`, {}, path, {
    key: "apierror-missingparam-one-of",
    params: [{ list: names.map((name) => `<var>${name}</var>`), type: "text" }, names.length],
  });
}

export function listUserContribs(api: Api): ListOutcome {
  const path = "query+usercontribs";
  const values = validateParams(api, path, "uc", QUERY_SUBMODULES.usercontribs!.params);
  const users = values.get("user") as string[] | undefined;
  const userIds = values.get("userids") as number[] | undefined;
  const prefix = values.get("userprefix") as string | undefined;
  const ipRange = values.get("iprange") as string | undefined;
  // ApiBase::requireOnlyOneParameter: the clash lists them in getAllowedParams' order, the "one of" in the call's.
  const chosen = (["user", "userids", "userprefix", "iprange"] as const).filter(
    (name) => ({ userprefix: prefix, userids: userIds, iprange: ipRange, user: users })[name] !== undefined,
  );
  if (chosen.length > 1) throw invalidParamMix(chosen.map((name) => `uc${name}`), path);
  if (chosen.length === 0) throw missingOneOf(["ucuserprefix", "ucuserids", "uciprange", "ucuser"], path);
  if (users !== undefined && (users.length === 0 || users.includes(""))) {
    throw new ApiError("paramempty_ucuser", 'The parameter "ucuser" may not be empty.', {}, path, { key: "apierror-paramempty", params: ["ucuser"] });
  }
  const names = new Set((users ?? []).map(normalizeUserName));
  const matchesUser = (revision: RevisionRecord) =>
    users !== undefined
      ? names.has(revision.userName)
      : userIds !== undefined
        ? userIds.includes(revision.userId) && revision.userId > 0
        : prefix !== undefined
          ? revision.userName.startsWith(normalizeUserName(prefix))
          : false;
  const newer = values.get("dir") === "newer";
  const start = timestampMs(values.get("start") as string | undefined);
  const end = timestampMs(values.get("end") as string | undefined);
  const namespaces = values.get("namespace") as number[] | undefined;
  const show = new Set((values.get("show") as string[] | undefined) ?? []);
  const tag = values.get("tag") as string | undefined;
  const props = new Set((values.get("prop") as string[] | undefined) ?? ["ids", "title", "timestamp", "comment", "size", "flags"]);
  const limit = (values.get("limit") as number | undefined) ?? 10;
  const multiUser = names.size > 1 || (userIds?.length ?? 0) > 1 || prefix !== undefined;
  // A single user's walk continues with `<timestamp>|<revid>`; several users' with the name in front.
  const continueValue = values.get("continue") as string | undefined;
  let changes = ordered(wikiChanges(api).filter((change) => matchesUser(change.revision)), newer)
    .filter((change) => inRange(change, newer, start, end))
    .filter((change) => !namespaces || namespaces.includes(change.page.ns))
    .filter((change) => !tag || change.revision.tags.includes(tag))
    .filter(({ page, revision }) => {
      const top = page.latestRevisionId === revision.id;
      const isNew = revision.parentId === 0;
      return (
        !(show.has("minor") && !revision.minor) && !(show.has("!minor") && revision.minor) &&
        !(show.has("top") && !top) && !(show.has("!top") && top) &&
        !(show.has("new") && !isNew) && !(show.has("!new") && isNew)
      );
    });
  if (multiUser && continueValue !== undefined) {
    const parts = continueValue.split("|");
    if (parts.length !== 4 || parts[0] !== "name") throw badContinue(path);
    changes = applyContinue(changes, `${parts[2]}|${parts[3]}`, newer, path, (c) => c.revision.id);
  } else {
    changes = applyContinue(changes, continueValue, newer, path, (c) => c.revision.id);
  }
  const rows = changes.slice(0, limit).map(({ page, revision }) => {
    const row: Record<string, unknown> = { userid: revision.userId, user: revision.userName };
    if (props.has("ids")) Object.assign(row, { pageid: page.id, revid: revision.id, parentid: revision.parentId });
    if (props.has("title")) Object.assign(row, { ns: page.ns, title: page.title });
    if (props.has("timestamp")) row.timestamp = isoTimestamp(revision.timestamp);
    if (props.has("flags")) Object.assign(row, { new: revision.parentId === 0, minor: revision.minor, top: page.latestRevisionId === revision.id });
    if (props.has("comment")) row.comment = revision.comment;
    if (props.has("parsedcomment")) row.parsedcomment = revision.comment;
    if (props.has("patrolled")) Object.assign(row, { patrolled: true, autopatrolled: true });
    if (props.has("size")) row.size = byteLength(revision.content);
    if (props.has("sizediff")) row.sizediff = byteLength(revision.content) - parentSize(api, revision);
    if (props.has("tags")) row.tags = [...revision.tags];
    return row;
  });
  const next = changes[limit];
  if (!next) return { rows };
  const position = `${mwTimestamp(next.revision.timestamp)}|${next.revision.id}`;
  return { rows, continueWith: { uccontinue: multiUser ? `name|${next.revision.userName}|${position}` : position } };
}

export function listRecentChanges(api: Api): ListOutcome {
  const path = "query+recentchanges";
  const values = validateParams(api, path, "rc", QUERY_SUBMODULES.recentchanges!.params);
  const user = values.get("user") as string | undefined;
  const excludeUser = values.get("excludeuser") as string | undefined;
  if (user !== undefined && excludeUser !== undefined) throw invalidParamMix(["rcuser", "rcexcludeuser"], path);
  const title = values.get("title") as string | undefined;
  let onlyTitle: string | null = null;
  if (title !== undefined) {
    const parsed = parseTitle(api.wiki, title);
    if (!parsed) {
      throw new ApiError("invalidtitle", `Bad title "${title}".`, {}, path, { key: "apierror-invalidtitle", params: [title] });
    }
    onlyTitle = parsed.text;
  }
  const show = new Set((values.get("show") as string[] | undefined) ?? []);
  const conflicting = [["minor", "!minor"], ["bot", "!bot"], ["anon", "!anon"], ["redirect", "!redirect"], ["patrolled", "!patrolled"]];
  if (conflicting.some(([a, b]) => show.has(a!) && show.has(b!))) {
    throw new ApiError("show", "Incorrect parameter - mutually exclusive values may not be supplied.", {}, path, { key: "apierror-show", params: [] });
  }
  const newer = values.get("dir") === "newer";
  const now = api.store.now();
  const start = timestampMs(values.get("start") as string | undefined);
  const end = timestampMs(values.get("end") as string | undefined);
  const namespaces = values.get("namespace") as number[] | undefined;
  const types = new Set((values.get("type") as string[] | undefined) ?? ["edit", "new", "log", "categorize"]);
  const tag = values.get("tag") as string | undefined;
  const props = new Set((values.get("prop") as string[] | undefined) ?? ["title", "timestamp", "ids"]);
  const limit = (values.get("limit") as number | undefined) ?? 10;
  const topOnly = values.get("toponly") === true;
  const botIds = new Set(api.store.state.users.filter((u) => u.groups.includes("bot")).map((u) => u.id));
  let changes = ordered(wikiChanges(api), newer)
    .filter((change) => now - change.revision.timestamp <= RC_MAX_AGE_MS)
    .filter((change) => inRange(change, newer, start, end))
    .filter((change) => types.has(change.revision.parentId === 0 ? "new" : "edit"))
    .filter((change) => !namespaces || namespaces.includes(change.page.ns))
    .filter((change) => onlyTitle === null || change.page.title === onlyTitle)
    .filter((change) => !tag || change.revision.tags.includes(tag))
    .filter((change) => user === undefined || change.revision.userName === normalizeUserName(user))
    .filter((change) => excludeUser === undefined || change.revision.userName !== normalizeUserName(excludeUser))
    .filter((change) => !topOnly || change.page.latestRevisionId === change.revision.id)
    .filter(({ revision }) => {
      const bot = botIds.has(revision.userId);
      const anon = revision.userId === 0;
      return (
        !(show.has("minor") && !revision.minor) && !(show.has("!minor") && revision.minor) &&
        !(show.has("bot") && !bot) && !(show.has("!bot") && bot) &&
        !(show.has("anon") && !anon) && !(show.has("!anon") && anon)
      );
    });
  changes = applyContinue(changes, values.get("continue") as string | undefined, newer, path, (c) => c.revision.id);
  const rows = changes.slice(0, limit).map(({ page, revision }) => {
    const row: Record<string, unknown> = { type: revision.parentId === 0 ? "new" : "edit" };
    if (props.has("title")) Object.assign(row, { ns: page.ns, title: page.title });
    if (props.has("ids")) Object.assign(row, { pageid: page.id, revid: revision.id, old_revid: revision.parentId, rcid: revision.id });
    if (props.has("user") || props.has("userid")) {
      if (props.has("user")) row.user = revision.userName;
      if (props.has("userid")) row.userid = revision.userId;
      if (revision.userId === 0) row.anon = true;
    }
    if (props.has("flags")) Object.assign(row, { bot: botIds.has(revision.userId), new: revision.parentId === 0, minor: revision.minor });
    if (props.has("sizes")) Object.assign(row, { oldlen: parentSize(api, revision), newlen: byteLength(revision.content) });
    if (props.has("timestamp")) row.timestamp = isoTimestamp(revision.timestamp);
    if (props.has("comment")) row.comment = revision.comment;
    if (props.has("parsedcomment")) row.parsedcomment = revision.comment;
    if (props.has("redirect")) row.redirect = redirectTarget(revision.content) !== null;
    if (props.has("tags")) row.tags = [...revision.tags];
    if (props.has("sha1")) row.sha1 = contentSha1(revision.content);
    return row;
  });
  const next = changes[limit];
  return { rows, ...(next ? { continueWith: { rccontinue: `${mwTimestamp(next.revision.timestamp)}|${next.revision.id}` } } : {}) };
}
