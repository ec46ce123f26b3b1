/**
 * list=logevents (CORE ApiQueryLogEvents) over the log entries the sandbox writes: the `newusers` ones
 * of accounts created automatically (sandbox/accounts.ts). Default `leprop` is
 * ids|title|type|user|timestamp|comment|details; a `newusers` entry's details are `params.userid`
 * (NewUsersLogFormatter). Newest first unless `ledir=newer`; `lecontinue` is `<timestamp>|<logid>`.
 */
import { isoTimestamp, mwTimestamp } from "../content/pages";
import type { LogEventRecord } from "../state";
import { badContinue } from "./api-error";
import type { Api } from "./context";
import type { ListOutcome } from "./query-lists";

const DEFAULT_PROPS = ["ids", "title", "type", "user", "timestamp", "comment", "details"];

function row(api: Api, entry: LogEventRecord, props: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (props.has("ids")) Object.assign(out, { logid: entry.id, pageid: 0, logpage: 0 });
  if (props.has("title")) Object.assign(out, { ns: 2, title: entry.title });
  if (props.has("details")) out.params = entry.params;
  if (props.has("type")) Object.assign(out, { type: entry.type, action: entry.action });
  if (props.has("user")) out.user = entry.userName;
  if (props.has("userid")) out.userid = entry.params.userid ?? entry.userId;
  if (props.has("timestamp")) out.timestamp = isoTimestamp(entry.timestamp);
  if (props.has("comment")) out.comment = "";
  if (props.has("parsedcomment")) out.parsedcomment = "";
  if (props.has("tags")) out.tags = [];
  return out;
}

export function listLogEvents(api: Api): ListOutcome {
  const requested = api.params.multi("leprop");
  const props = new Set(requested.length > 0 ? requested : DEFAULT_PROPS);
  const type = api.params.get("letype");
  const action = api.params.get("leaction");
  const user = api.params.get("leuser")?.replaceAll("_", " ");
  const title = api.params.get("letitle")?.replaceAll("_", " ");
  const newer = api.params.get("ledir") === "newer";
  const limit = api.params.limit("lelimit", 10, 500);
  const cont = api.params.get("lecontinue");
  let after: { timestamp: string; id: number } | null = null;
  if (cont !== undefined) {
    const [timestamp, id] = cont.split("|");
    if (!timestamp || !/^\d{14}$/.test(timestamp) || !id || !/^\d+$/.test(id)) throw badContinue("query+logevents");
    after = { timestamp, id: Number(id) };
  }
  const order = (a: LogEventRecord, b: LogEventRecord) => (a.timestamp - b.timestamp || a.id - b.id) * (newer ? 1 : -1);
  const entries = api.store.state.logEvents
    .filter((entry) => entry.wiki === api.wiki.host)
    .filter((entry) => (action ? `${entry.type}/${entry.action}` === action : !type || entry.type === type))
    .filter((entry) => !user || entry.userName === user)
    .filter((entry) => !title || entry.title === title)
    .filter((entry) => {
      if (!after) return true;
      const key = mwTimestamp(entry.timestamp);
      if (key === after.timestamp) return newer ? entry.id >= after.id : entry.id <= after.id;
      return newer ? key > after.timestamp : key < after.timestamp;
    })
    .sort(order);
  const rows = entries.slice(0, limit).map((entry) => row(api, entry, props));
  const next = entries[limit];
  return { rows, ...(next ? { continueWith: { lecontinue: `${mwTimestamp(next.timestamp)}|${next.id}` } } : {}) };
}
