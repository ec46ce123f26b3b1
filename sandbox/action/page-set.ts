/**
 * ApiPageSet: `titles=` / `pageids=` resolved to pages, with the `normalized`, `redirects`, missing and
 * invalid entries that real clients read (mwn looks at `pages[0].missing` / `.invalid`).
 */
import { findPage, findPageById, getRevision, latestRevision, parseTitle, redirectTarget, type ParsedTitle } from "../content/pages";
import type { PageRecord, RevisionRecord } from "../state";
import { ApiError } from "./api-error";
import type { Api } from "./context";

export type PageSetEntry =
  /** `revisions`: the ones asked for with `revids` (ApiPageSet::getLiveRevisionIDs), in id order. */
  | { kind: "page"; page: PageRecord; title: ParsedTitle; revisions?: RevisionRecord[] }
  | { kind: "missing"; title: ParsedTitle; fakeId: number }
  | { kind: "missing-id"; pageid: number }
  | { kind: "invalid"; raw: string; reason: string; fakeId: number };

export interface PageSet {
  entries: PageSetEntry[];
  normalized: { from: string; to: string }[];
  redirects: { from: string; to: string; tofragment?: string }[];
  /** `revids` that name no revision of this wiki (ApiPageSet::getMissingRevisionIDs). */
  badRevids: number[];
}

const MAX_TITLES = 50;

function invalidReason(raw: string): string {
  if (raw.trim() === "") return "The requested page title is empty or contains only the name of a namespace.";
  const bad = /[#<>[\]|{}]/.exec(raw);
  if (bad) return `The requested page title contains invalid characters: "${bad[0]}".`;
  return "The requested page title is invalid.";
}

export function resolvePageSet(api: Api, module: string): PageSet {
  const titles = api.params.multi("titles");
  const pageids = api.params.multi("pageids");
  const followRedirects = api.params.bool("redirects");
  const revids = api.params.multi("revids");
  // ApiPageSet::execute: one data source only, reported as `multisource` (not `invalidparammix`).
  const sources = [["titles", titles], ["pageids", pageids], ["revids", revids]] as const;
  let dataSource: string | null = null;
  for (const [name, values] of sources) {
    if (values.length === 0) continue;
    if (dataSource !== null) {
      throw new ApiError("multisource", `The "${name}" parameter cannot be used with "${dataSource}".`, {}, module, {
        key: "apierror-invalidparammix-cannotusewith",
        params: [name, dataSource],
      });
    }
    dataSource = name;
  }
  if (titles.length > MAX_TITLES || pageids.length > MAX_TITLES || revids.length > MAX_TITLES) {
    const name = titles.length ? "titles" : pageids.length ? "pageids" : "revids";
    throw new ApiError("toomanyvalues", `Too many values supplied for parameter "${name}". The limit is ${MAX_TITLES}.`, {}, module);
  }
  const set: PageSet = { entries: [], normalized: [], redirects: [], badRevids: [] };
  let fakeId = -1;
  const seen = new Set<string>();

  for (const raw of titles) {
    const parsed = parseTitle(api.wiki, raw);
    if (!parsed) {
      set.entries.push({ kind: "invalid", raw, reason: invalidReason(raw), fakeId: fakeId-- });
      continue;
    }
    if (parsed.text !== raw) set.normalized.push({ from: raw, to: parsed.text });
    let title = parsed;
    let page = findPage(api.store, api.wiki, title);
    if (page && followRedirects) {
      const target = redirectTarget(latestRevision(api.store, page).content);
      const targetTitle = target ? parseTitle(api.wiki, target) : null;
      if (targetTitle) {
        const fragment = /\[\[[^\]|#]*#([^\]|]+)/.exec(latestRevision(api.store, page).content)?.[1];
        set.redirects.push({ from: title.text, to: targetTitle.text, ...(fragment ? { tofragment: fragment } : {}) });
        title = targetTitle;
        page = findPage(api.store, api.wiki, title);
      }
    }
    if (seen.has(title.text)) continue;
    seen.add(title.text);
    set.entries.push(page ? { kind: "page", page, title } : { kind: "missing", title, fakeId: fakeId-- });
  }

  for (const raw of pageids) {
    const id = Number(raw);
    if (!/^\d+$/.test(raw)) throw new ApiError("badinteger", `Invalid value "${raw}" for integer parameter "pageids".`, {}, module);
    const page = findPageById(api.store, api.wiki, id);
    if (!page) {
      set.entries.push({ kind: "missing-id", pageid: id });
      continue;
    }
    const title = parseTitle(api.wiki, page.title);
    if (title && !seen.has(title.text)) {
      seen.add(title.text);
      set.entries.push({ kind: "page", page, title });
    }
  }
  for (const raw of revids) {
    if (!/^\d+$/.test(raw)) throw new ApiError("badinteger", `Invalid value "${raw}" for integer parameter "revids".`, {}, module);
    const revision = getRevision(api.store, api.wiki, Number(raw));
    const page = revision && findPageById(api.store, api.wiki, revision.pageId);
    if (!revision || !page) {
      if (!set.badRevids.includes(Number(raw))) set.badRevids.push(Number(raw));
      continue;
    }
    const existing = set.entries.find((entry) => entry.kind === "page" && entry.page.id === page.id);
    if (existing && existing.kind === "page") {
      if (!existing.revisions!.some((r) => r.id === revision.id)) existing.revisions!.push(revision);
      existing.revisions!.sort((a, b) => a.id - b.id);
      continue;
    }
    set.entries.push({ kind: "page", page, title: parseTitle(api.wiki, page.title)!, revisions: [revision] });
  }
  return set;
}

/** The base record of a page in `query.pages` (ApiQuery::outputGeneralPageInfo). */
export function pageBase(entry: PageSetEntry): Record<string, unknown> {
  switch (entry.kind) {
    case "page":
      return { pageid: entry.page.id, ns: entry.page.ns, title: entry.page.title };
    case "missing":
      return { ns: entry.title.ns, title: entry.title.text, missing: true };
    case "missing-id":
      return { pageid: entry.pageid, missing: true };
    case "invalid":
      return { title: entry.raw, invalidreason: entry.reason, invalid: true };
  }
}

/** formatversion=1 keys pages by id ("-1", "-2" for missing and invalid ones). */
export function pageKey(entry: PageSetEntry): string {
  switch (entry.kind) {
    case "page":
      return String(entry.page.id);
    case "missing-id":
      return String(entry.pageid);
    default:
      return String(entry.fakeId);
  }
}
