/**
 * The edit engine shared by api.php (action=edit) and rest.php (PUT/POST page). It follows CORE
 * EditPage::internalAttemptSave as ApiEditPage drives it (docs/wikimedia-protocol.md §5.4): permissions, block,
 * rate limit, size, conflict detection with a three-way merge, the EditFilterMergedContent hooks
 * (AbuseFilter, ConfirmEdit) and finally the save, which is skipped for a null edit.
 */
import { createHash, randomInt } from "node:crypto";
import { diff3Merge } from "node-diff3";
import { activeBlock, type Viewer } from "../auth";
import type { PageRecord, RevisionRecord, SandboxState, UserRecord } from "../state";
import type { SandboxStore } from "../store";
import type { Wiki } from "../wikis";
import { findPage, getRevision, isoTimestamp, latestRevision, pageRevisions, type ParsedTitle } from "./pages";

export interface EditInput {
  wiki: Wiki;
  title: ParsedTitle;
  viewer: Viewer;
  text?: string;
  appendText?: string;
  prependText?: string;
  section?: string;
  sectionTitle?: string;
  summary: string;
  minor: boolean;
  baseRevId?: number;
  /** Epoch milliseconds. */
  baseTimestamp?: number;
  createOnly: boolean;
  noCreate: boolean;
  tags?: string[];
  watchlist?: "watch" | "unwatch" | "preferences" | "nochange";
  /**
   * An undo (`undo`/`undoafter`): the revisions it undoes. EditResultBuilder tags the edit `mw-undo`, and
   * the undone revisions are then tagged `mw-reverted` (RevertedTagUpdate).
   */
  undone?: number[];
}

export type EditResult =
  | { status: "success"; isNew: boolean; noChange: boolean; page: PageRecord; revision: RevisionRecord; oldRevId: number; watched: boolean }
  | { status: "failure"; data: Record<string, unknown> }
  | {
      status: "error";
      code: string;
      info: string;
      messageKey: string;
      data?: Record<string, unknown>;
      conflict?: { base: RevisionRecord; current: RevisionRecord };
    };

type EditError = Extract<EditResult, { status: "error" }>;

/** $wgMaxArticleSize on Wikimedia: 2048 KiB. */
export const MAX_ARTICLE_BYTES = 2048 * 1024;

/** $wgRateLimits['edit']['newbie'] on Wikimedia: 8 edits per 60 seconds for non-autoconfirmed users. */
export const NEWBIE_EDIT_LIMIT = { count: 8, periodMs: 60_000 };

/**
 * Session- and cache-held facts MediaWiki keeps outside the database (rate-limit counters in the object
 * cache, AbuseFilter "already warned" flags in the session). Keyed by the state object so `reset`, which
 * replaces the state, forgets them too.
 */
interface VolatileEditState {
  rateWindows: Map<number, { start: number; count: number }>;
  abuseFilterWarned: Set<string>;
}

const volatile = new WeakMap<SandboxState, VolatileEditState>();

function volatileState(store: SandboxStore): VolatileEditState {
  let found = volatile.get(store.state);
  if (!found) {
    found = { rateWindows: new Map(), abuseFilterWarned: new Set() };
    volatile.set(store.state, found);
  }
  return found;
}

function error(code: string, info: string, messageKey: string, data?: Record<string, unknown>): EditError {
  return { status: "error", code, info, messageKey, ...(data ? { data } : {}) };
}

/** ApiBlockInfoTrait::getBlockDetails. */
export function blockInfo(block: { id: number; by: string; byId: number; reason: string; timestamp: number; expiry: number | null; partial: boolean }): Record<string, unknown> {
  return {
    blockid: block.id,
    blockedby: block.by,
    blockedbyid: block.byId,
    blockreason: block.reason,
    blockedtimestamp: isoTimestamp(block.timestamp),
    blockexpiry: block.expiry === null ? "infinite" : isoTimestamp(block.expiry),
    blockpartial: block.partial,
    blocknocreate: true,
    blockanononly: false,
  };
}

// ---------------------------------------------------------------------------------------------------
// Wikitext sections (CORE Parser::extractSections, without the nowiki/comment subtleties).

interface SectionSpan {
  start: number;
  end: number;
}

const HEADING = /^(={1,6})(.+?)(={1,6})[ \t]*$/gm;

function headings(text: string): { offset: number; level: number }[] {
  const found: { offset: number; level: number }[] = [];
  for (const match of text.matchAll(HEADING)) {
    const level = Math.min(match[1]!.length, match[3]!.length);
    found.push({ offset: match.index, level });
  }
  return found;
}

/** Span of section `index` (0 = the lead), or null when there is no such section. */
export function sectionSpan(text: string, index: number): SectionSpan | null {
  const all = headings(text);
  if (index === 0) return { start: 0, end: all[0]?.offset ?? text.length };
  const heading = all[index - 1];
  if (!heading) return null;
  const next = all.slice(index).find((h) => h.level <= heading.level);
  return { start: heading.offset, end: next?.offset ?? text.length };
}

/** WikitextContentHandler::preSaveTransform trims trailing whitespace before every save. */
function preSaveTransform(text: string): string {
  return text.replace(/\s+$/u, "");
}

function replaceSection(text: string, span: SectionSpan, replacement: string): string {
  // Parser::extractSections in "replace" mode restores the paragraph gap the editor trimmed away.
  const inserted = replacement === "" ? "" : `${replacement}\n\n`;
  return preSaveTransform(text.slice(0, span.start) + inserted + text.slice(span.end));
}

type Applied = { ok: true; text: string; summary: string } | { ok: false; error: EditError };

/** The full page text this request asks for, applied to `content` (the base or the current text). */
function applyRequest(input: EditInput, content: string, exists: boolean): Applied {
  const section = input.section;
  let summary = input.summary;
  if (section === "new") {
    const body = input.text ?? input.appendText ?? "";
    if (body.trim() === "") return { ok: false, error: error("emptynewsection", "Creating empty new sections is not possible.", "apierror-emptynewsection") };
    const heading = input.sectionTitle ? `== ${input.sectionTitle} ==\n\n` : "";
    // EditPage::getSummaryInputAttributes: an empty summary becomes the section autosummary.
    if (!summary && input.sectionTitle) summary = `/* ${input.sectionTitle} */ new section`;
    const added = `${heading}${body}`;
    const existing = preSaveTransform(content);
    return { ok: true, text: preSaveTransform(existing ? `${existing}\n\n${added}` : added), summary };
  }

  let span: SectionSpan | null = null;
  let target = content;
  if (section !== undefined) {
    if (!/^\d+$/.test(section)) {
      return { ok: false, error: error("invalidsection", 'The "section" parameter must be a valid section ID or "new".', "apierror-invalidsection") };
    }
    span = exists || section === "0" ? sectionSpan(content, Number(section)) : null;
    if (!span) return { ok: false, error: error("nosuchsection", `There is no section ${section}.`, "apierror-nosuchsection") };
    target = content.slice(span.start, span.end).replace(/\s+$/u, "");
  }

  let next: string;
  if (input.text !== undefined) next = input.text;
  else next = `${input.prependText ?? ""}${target}${input.appendText ?? ""}`;
  return { ok: true, text: span ? replaceSection(content, span, next) : preSaveTransform(next), summary };
}

/** Three-way merge of line lists, as EditPage::mergeChangesIntoContent does with diff3. */
export function threeWayMerge(base: string, current: string, mine: string): string | null {
  const regions = diff3Merge(mine.split("\n"), base.split("\n"), current.split("\n"), { excludeFalseConflicts: true });
  const lines: string[] = [];
  for (const region of regions) {
    if (region.conflict) return null;
    lines.push(...(region.ok ?? []));
  }
  return lines.join("\n");
}

/** EditPage::userWasLastToEdit: every revision after the base is by this user (MediaWiki looks at 50). */
function userWasLastToEdit(store: SandboxStore, page: PageRecord, base: RevisionRecord, userId: number): boolean {
  const since = pageRevisions(store, page).filter((revision) => revision.id > base.id).slice(0, 50);
  return since.length > 0 && since.every((revision) => revision.userId === userId);
}

const EXTERNAL_LINK = /(?:https?:)?\/\/[^\s[\]<>"{}|]+/gi;

function externalLinks(text: string): Set<string> {
  return new Set(Array.from(text.matchAll(EXTERNAL_LINK), (match) => match[0].toLowerCase()));
}

function occurrences(haystack: string, needle: string): number {
  const lower = haystack.toLowerCase();
  const target = needle.toLowerCase();
  let count = 0;
  for (let at = lower.indexOf(target); at >= 0; at = lower.indexOf(target, at + target.length)) count++;
  return count;
}

/** AbuseFilter, as the EditFilterMergedContent hook: the first seeded filter whose phrase the edit adds. */
function abuseFilter(store: SandboxStore, input: EditInput, user: UserRecord, oldText: string, newText: string): EditError | null {
  for (const filter of store.state.abuseFilters) {
    if (occurrences(newText, filter.phrase) <= occurrences(oldText, filter.phrase)) continue;
    const data = { abusefilter: { id: filter.id, description: filter.description, actions: [...filter.actions] } };
    if (filter.actions.includes("disallow")) {
      return error(
        "abusefilter-disallowed",
        "This action has been automatically identified as harmful, and therefore disallowed.\nIf you believe your action was constructive, please inform an administrator of what you were trying to do. A brief description of the abuse rule which your action matched is: " +
          filter.description,
        "abusefilter-disallowed",
        data,
      );
    }
    if (filter.actions.includes("warn")) {
      // Consequences/Warn: the session remembers the warning per page and filter, so resubmitting passes.
      const warnKey = `${input.viewer.sessionKey ?? user.id}|${input.wiki.host}|${input.title.text}|${filter.id}`;
      const warned = volatileState(store).abuseFilterWarned;
      if (warned.has(warnKey)) {
        warned.delete(warnKey);
        continue;
      }
      warned.add(warnKey);
      return error(
        "abusefilter-warning",
        "Warning: This action has been automatically identified as harmful.\nUnconstructive actions will be quickly reverted,\nand egregious or repeated unconstructive editing will result in your account or IP address being blocked.\nIf you believe this action to be constructive, you may submit it again to confirm it.\nA brief description of the abuse rule which your action matched is: " +
          filter.description,
        "abusefilter-warning",
        data,
      );
    }
  }
  return null;
}

/** ConfirmEdit's "addurl" trigger: new external links from a user without `skipcaptcha`. */
function captcha(input: EditInput, oldText: string, newText: string): Record<string, unknown> | null {
  if (input.viewer.rights.has("skipcaptcha")) return null;
  const before = externalLinks(oldText);
  const added = [...externalLinks(newText)].some((link) => !before.has(link));
  if (!added) return null;
  const id = String(randomInt(1, 2 ** 31 - 1));
  return {
    captcha: {
      type: "image",
      mime: "image/png",
      id,
      url: `/${input.wiki.host}/w/index.php?title=Special:Captcha/image&wpCaptchaId=${id}`,
    },
  };
}

/** User::pingLimiter for the `edit` action: counts every attempt, like the object-cache counter. */
function rateLimited(store: SandboxStore, viewer: Viewer, userId: number): boolean {
  if (viewer.rights.has("noratelimit") || viewer.rights.has("autoconfirmed")) return false;
  const windows = volatileState(store).rateWindows;
  const now = store.now();
  let window = windows.get(userId);
  if (!window || now - window.start >= NEWBIE_EDIT_LIMIT.periodMs) {
    window = { start: now, count: 0 };
    windows.set(userId, window);
  }
  window.count += 1;
  return window.count > NEWBIE_EDIT_LIMIT.count;
}

function isWatching(store: SandboxStore, userId: number, wiki: Wiki, title: string): boolean {
  const now = store.now();
  return store.state.watchlist.some(
    (w) => w.userId === userId && w.wiki === wiki.host && w.title === title && (w.expiry === null || w.expiry > now),
  );
}

/** Adds or removes a watchlist entry (WatchlistManager::setWatch). */
export function setWatch(store: SandboxStore, userId: number, wiki: Wiki, title: string, watch: boolean, expiry: number | null = null): void {
  const state = store.state;
  state.watchlist = state.watchlist.filter((w) => !(w.userId === userId && w.wiki === wiki.host && w.title === title));
  if (watch) state.watchlist.push({ userId, wiki: wiki.host, title, added: store.now(), expiry });
  store.changed();
}

/**
 * ApiWatchlistTrait::getWatchlistValue. `preferences` follows the default options `watchdefault` and
 * `watchcreations` (both on). Without `editmywatchlist` WatchlistManager::setWatch refuses quietly, so
 * the page's watch state is left as it was.
 */
function applyWatchlist(store: SandboxStore, input: EditInput, user: UserRecord): boolean {
  const current = isWatching(store, user.id, input.wiki, input.title.text);
  const mode = input.watchlist ?? "preferences";
  const wanted = mode === "watch" ? true : mode === "unwatch" ? false : mode === "preferences" ? true : current;
  if (wanted === current || !input.viewer.rights.has("editmywatchlist")) return current;
  setWatch(store, user.id, input.wiki, input.title.text, wanted);
  return wanted;
}

function checkPermissions(store: SandboxStore, input: EditInput, page: PageRecord | undefined): EditError | null {
  const { viewer } = input;
  // PermissionManager::checkQuickPermissions, then checkPageRestrictions, then checkUserBlock.
  if (!viewer.rights.has("edit")) {
    return error(
      "permissiondenied",
      "You do not have permission to edit this page, for the following reason:\n\nThe action you have requested is limited to users in the group: Users.",
      "badaccess-groups",
    );
  }
  if (!page) {
    const createRight = input.title.ns % 2 === 1 ? "createtalk" : "createpage";
    if (!viewer.rights.has(createRight)) {
      return error("cantcreate", "You do not have permission to create new pages.", "nocreate-loggedin");
    }
  } else {
    const level = page.protection.edit;
    const needed = level === "sysop" ? "editprotected" : level === "autoconfirmed" ? "editsemiprotected" : null;
    if (needed && !viewer.rights.has(needed)) {
      return error("protectedpage", "This page has been protected to prevent editing or other actions.", "protectedpagetext");
    }
  }
  if (viewer.kind === "user") {
    const block = activeBlock(store, viewer.user.id);
    if (block) return error("blocked", "You have been blocked from editing.", "blockedtext", { blockinfo: blockInfo(block) });
  }
  return null;
}

function baseRevision(store: SandboxStore, input: EditInput, page: PageRecord): RevisionRecord | EditError | null {
  if (input.baseRevId !== undefined && input.baseRevId > 0) {
    const revision = getRevision(store, input.wiki, input.baseRevId);
    if (!revision) return error("nosuchrevid", `There is no revision with ID ${input.baseRevId}.`, "apierror-nosuchrevid");
    if (revision.pageId !== page.id) {
      return error("revwrongpage", `r${input.baseRevId} is not a revision of ${page.title}.`, "apierror-revwrongpage");
    }
    return revision;
  }
  if (input.baseTimestamp !== undefined) {
    // EditPage matches the edit time to the revision current at that moment.
    const at = Math.floor(input.baseTimestamp / 1000) * 1000;
    return pageRevisions(store, page).find((revision) => Math.floor(revision.timestamp / 1000) * 1000 <= at) ?? null;
  }
  return null;
}

/**
 * Edits made with an OAuth token are tagged `OAuth CID: <consumer id>` by the OAuth extension itself
 * (EXT `Hooks::onChangeTagsAllowedAdd` / `Utils::getTagName`), visible in history and recent changes;
 * a client cannot add or remove it, and owner-only consumers are not tagged (docs/wikimedia-protocol.md §11). The sandbox numbers consumers in
 * the order they were registered, as `oarc_id` does.
 */
function oauthTag(store: SandboxStore, viewer: EditInput["viewer"]): string[] {
  if (viewer.kind !== "user" || viewer.via !== "oauth" || !viewer.clientKey) return [];
  const index = store.state.clients.findIndex((client) => client.key === viewer.clientKey);
  // Owner-only consumers act as their owner and are not tagged (docs/wikimedia-protocol.md §3).
  if (index < 0 || store.state.clients[index]!.ownerOnly) return [];
  return [`OAuth CID: ${index + 1}`];
}

export function performEdit(store: SandboxStore, input: EditInput): EditResult {
  const { viewer, wiki, title } = input;
  if (input.text === undefined && input.appendText === undefined && input.prependText === undefined) {
    return error("missingparam", 'At least one of the parameters "text", "appendtext" and "prependtext" is required.', "apierror-missingparam-at-least-one-of");
  }
  const page = findPage(store, wiki, title);
  // ApiEditPage checks createonly and nocreate before permissions.
  if (page && input.createOnly) return error("articleexists", "The article you tried to create has been created already.", "apierror-articleexists");
  if (!page && input.noCreate) return error("missingtitle", "The page you specified doesn't exist.", "apierror-missingtitle");

  const denied = checkPermissions(store, input, page);
  if (denied) return denied;
  if (viewer.kind !== "user") {
    return error("permissiondenied", "You do not have permission to edit this page.", "badaccess-groups");
  }
  const user = viewer.user;

  if (rateLimited(store, viewer, user.id)) {
    return error(
      "ratelimited",
      "As an anti-abuse measure, you are limited from performing this action too many times in a short space of time, and you have exceeded this limit. Please try again in a few minutes.",
      "actionthrottledtext",
    );
  }

  const current = page ? latestRevision(store, page) : null;
  const currentText = current?.content ?? "";
  let newText: string;
  let summary = input.summary;

  const base = page ? baseRevision(store, input, page) : null;
  if (base && "status" in base) return base;
  if (page && current && base && base.id !== current.id && !userWasLastToEdit(store, page, base, user.id)) {
    const applied = applyRequest(input, base.content, true);
    if (!applied.ok) return applied.error;
    const merged = threeWayMerge(base.content, current.content, applied.text);
    if (merged === null) return { ...error("editconflict", "Edit conflict.", "edit-conflict"), conflict: { base, current } };
    newText = preSaveTransform(merged);
    summary = applied.summary;
  } else {
    const applied = applyRequest(input, currentText, page !== undefined);
    if (!applied.ok) return applied.error;
    newText = applied.text;
    summary = applied.summary;
  }

  if (Buffer.byteLength(newText, "utf8") > MAX_ARTICLE_BYTES) {
    return error("contenttoobig", `The content you supplied exceeds the page size limit of ${MAX_ARTICLE_BYTES / 1024} kibibytes.`, "apierror-contenttoobig");
  }
  if (!page && newText === "") return error("emptypage", "Creating new, empty pages is not allowed.", "apierror-emptypage");

  const filtered = abuseFilter(store, input, user, currentText, newText);
  if (filtered) return filtered;
  const captchaData = captcha(input, currentText, newText);
  if (captchaData) return { status: "failure", data: captchaData };

  const watched = applyWatchlist(store, input, user);

  if (page && current && newText === current.content) {
    return { status: "success", isNew: false, noChange: true, page, revision: current, oldRevId: current.id, watched };
  }

  const state = store.state;
  const now = store.now();
  const target: PageRecord = page ?? {
    wiki: wiki.host, id: state.nextId.page++, ns: title.ns, title: title.text, protection: {}, latestRevisionId: 0,
  };
  const revision: RevisionRecord = {
    id: state.nextId.revision++,
    wiki: wiki.host,
    pageId: target.id,
    parentId: current?.id ?? 0,
    timestamp: now,
    userId: user.id,
    userName: user.name,
    comment: summary,
    // EditPage ignores "minor" for page creations and for users without `minoredit`.
    minor: input.minor && page !== undefined && viewer.rights.has("minoredit"),
    content: newText,
    tags: [...new Set([...(input.tags ?? []), ...oauthTag(store, viewer), ...(input.undone ? ["mw-undo"] : [])])],
  };
  for (const id of input.undone ?? []) {
    const undone = getRevision(store, wiki, id);
    if (undone && !undone.tags.includes("mw-reverted")) undone.tags.push("mw-reverted");
  }
  state.revisions.push(revision);
  target.latestRevisionId = revision.id;
  if (!page) state.pages.push(target);
  user.editCount += 1;
  store.changed();
  return { status: "success", isNew: !page, noChange: false, page: target, revision, oldRevId: current?.id ?? 0, watched };
}

/** SHA-1 of content in hex, as prop=revisions rvprop=sha1 shows it. */
export function contentSha1(content: string): string {
  return createHash("sha1").update(content, "utf8").digest("hex");
}
