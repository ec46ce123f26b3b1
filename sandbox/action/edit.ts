/**
 * action=edit (CORE ApiEditPage; docs/wikimedia-protocol.md §5.4). Parameter handling lives here; every decision
 * about the edit itself is the shared engine's (content/edit.ts), so api.php and rest.php agree.
 */
import { performEdit, threeWayMerge, type EditInput } from "../content/edit";
import { findPage, findPageById, getRevision, isoTimestamp, latestRevision, pageRevisions, parseTitle, type ParsedTitle } from "../content/pages";
import { createHash } from "node:crypto";
import { ApiError, invalidParamMix } from "./api-error";
import type { Api } from "./context";
import { warn } from "./context";

const WATCHLIST_VALUES = ["watch", "unwatch", "preferences", "nochange"] as const;

function parseTimestamp(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  // ApiParamValidator accepts ISO 8601 and TS_MW (YYYYMMDDHHMMSS), among others.
  const mw = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(value);
  const ms = mw ? Date.UTC(+mw[1]!, +mw[2]! - 1, +mw[3]!, +mw[4]!, +mw[5]!, +mw[6]!) : Date.parse(value);
  if (Number.isNaN(ms)) throw new ApiError("badtimestamp", `Invalid value "${value}" for timestamp parameter "${name}".`);
  return ms;
}

function editTitle(api: Api) {
  const titleParam = api.params.get("title");
  const pageId = api.params.get("pageid");
  if (titleParam !== undefined && pageId !== undefined) {
    throw invalidParamMix(["title", "pageid"]);
  }
  if (pageId !== undefined) {
    const page = findPageById(api.store, api.wiki, Number(pageId));
    if (!page) throw new ApiError("nosuchpageid", `There is no page with ID ${pageId}.`);
    return parseTitle(api.wiki, page.title)!;
  }
  if (titleParam === undefined) {
    throw new ApiError("missingparam", 'One of the parameters "title" and "pageid" is required.', {}, undefined, {
      key: "apierror-missingparam-one-of",
      params: [{ list: ["<var>title</var>", "<var>pageid</var>"], type: "text" }, 2],
    });
  }
  const title = parseTitle(api.wiki, titleParam);
  if (!title) throw new ApiError("invalidtitle", `Bad title "${titleParam}".`);
  return title;
}

function watchlistParam(api: Api): EditInput["watchlist"] {
  // The deprecated `watch` / `unwatch` booleans still work (ApiWatchlistTrait).
  if (api.params.bool("watch")) {
    warn(api, "edit", "deprecation", 'The parameter "watch" has been deprecated.');
    return "watch";
  }
  if (api.params.bool("unwatch")) {
    warn(api, "edit", "deprecation", 'The parameter "unwatch" has been deprecated.');
    return "unwatch";
  }
  return api.params.enumValue("watchlist", WATCHLIST_VALUES, "preferences");
}

/**
 * ApiEditPage: `md5` is the MD5 of `text`, or of prependtext + appendtext when either is given; a mismatch
 * means the text was damaged on the way and nothing is saved.
 */
function checkMd5(api: Api, text: string | undefined, appendText: string | undefined, prependText: string | undefined): void {
  const md5 = api.params.get("md5");
  if (md5 === undefined) return;
  const hashed = appendText !== undefined || prependText !== undefined ? `${prependText ?? ""}${appendText ?? ""}` : (text ?? "");
  if (createHash("md5").update(hashed, "utf8").digest("hex") !== md5) {
    throw new ApiError("badmd5", "The supplied MD5 hash was incorrect.", {}, undefined, { key: "apierror-badmd5", params: [] });
  }
}

function noSuchRevid(id: number | string): ApiError {
  return new ApiError("nosuchrevid", `There is no revision with ID ${id}.`, {}, undefined, { key: "apierror-nosuchrevid", params: [id] });
}

/**
 * ApiEditPage's undo (docs/wikimedia-protocol.md §5.8): `undo` and `undoafter` (default: the revision
 * before `undo`) must be revisions of this page; the page's text is then
 * ContentHandler::getUndoContent, a three-way merge that takes the changes between them back out of the
 * current text, or `undofailure` when later edits touched the same lines. Undoing one revision without a
 * summary gives MediaWiki's `undo-summary`.
 */
function undoContent(api: Api, title: ParsedTitle, undo: number, undoAfter: number): { text: string; summary?: string; revisions: number[] } {
  const undoRevision = getRevision(api.store, api.wiki, undo);
  if (!undoRevision) throw noSuchRevid(undo);
  const afterRevision =
    undoAfter > 0
      ? getRevision(api.store, api.wiki, undoAfter)
      : api.store.state.revisions.find((r) => r.wiki === api.wiki.host && r.id === undoRevision.parentId);
  // With no `undoafter`, MediaWiki's message names the parameter's empty value.
  if (!afterRevision) throw noSuchRevid(undoAfter > 0 ? undoAfter : "");
  const page = findPage(api.store, api.wiki, title);
  for (const revision of [undoRevision, afterRevision]) {
    if (!page || revision.pageId !== page.id) {
      throw new ApiError("revwrongpage", `r${revision.id} is not a revision of ${title.text}.`, {}, undefined, {
        key: "apierror-revwrongpage",
        params: [revision.id, title.text],
      });
    }
  }
  const current = latestRevision(api.store, page!);
  // A straight revert needs no merge (ContentHandler::getUndoContent).
  const merged = current.content === undoRevision.content ? afterRevision.content : threeWayMerge(undoRevision.content, current.content, afterRevision.content);
  if (merged === null) {
    throw new ApiError("undofailure", "The edit could not be undone due to conflicting intermediate edits.", {}, undefined, { key: "undo-failure", params: [] });
  }
  const between = pageRevisions(api.store, page!).filter((r) => r.id > afterRevision.id && r.id <= undoRevision.id);
  const next = [...between].sort((a, b) => a.id - b.id)[0];
  const summary = next?.id === undo ? `Undo revision ${undo} by [[Special:Contributions/${undoRevision.userName}|${undoRevision.userName}]] ([[User talk:${undoRevision.userName}|talk]])` : undefined;
  return { text: merged, ...(summary !== undefined ? { summary } : {}), revisions: between.map((r) => r.id) };
}

export function actionEdit(api: Api): Record<string, unknown> {
  const text = api.params.get("text");
  const appendText = api.params.get("appendtext");
  const prependText = api.params.get("prependtext");
  const undo = api.params.get("undo");
  // ApiEditPage::execute asks for some text before it looks at the title.
  if (text === undefined && appendText === undefined && prependText === undefined && undo === undefined) {
    throw new ApiError("missingparam", 'At least one of the parameters "text", "appendtext", "prependtext" and "undo" is required.', {}, undefined, {
      key: "apierror-missingparam-at-least-one-of",
      params: [{ list: ["<var>text</var>", "<var>appendtext</var>", "<var>prependtext</var>", "<var>undo</var>"], type: "text" }, 4],
    });
  }
  const title = editTitle(api);
  const undone = undo !== undefined && Number(undo) > 0 ? undoContent(api, title, Number(undo), Number(api.params.get("undoafter") ?? 0)) : null;
  checkMd5(api, text, appendText, prependText);
  const section = api.params.get("section");
  let summary = api.params.get("summary") ?? undone?.summary ?? "";
  let sectionTitle = api.params.get("sectiontitle");
  // ApiEditPage: with section=new and no sectiontitle, the summary is the new section's heading.
  if (section === "new" && sectionTitle === undefined && summary) {
    sectionTitle = summary;
    summary = "";
  }
  const baseRevId = api.params.int("baserevid");
  const baseTimestamp = parseTimestamp(api.params.get("basetimestamp"), "basetimestamp");
  parseTimestamp(api.params.get("starttimestamp"), "starttimestamp");
  const tags = api.params.multi("tags");
  api.params.markUsed("bot", "recreate", "contentformat", "contentmodel", "redirect", "watchlistexpiry", "notminor", "captchaid", "captchaword");
  const minor = api.params.bool("minor") && !api.params.bool("notminor");

  const result = performEdit(api.store, {
    wiki: api.wiki,
    title,
    viewer: api.viewer,
    // ApiEditPage: an undo's merged text replaces whatever `text` said.
    ...(undone ? { text: undone.text, undone: undone.revisions } : text !== undefined ? { text } : {}),
    ...(!undone && appendText !== undefined ? { appendText } : {}),
    ...(!undone && prependText !== undefined ? { prependText } : {}),
    ...(section !== undefined ? { section } : {}),
    ...(sectionTitle !== undefined ? { sectionTitle } : {}),
    summary,
    minor,
    ...(baseRevId !== undefined ? { baseRevId } : {}),
    ...(baseTimestamp !== undefined ? { baseTimestamp } : {}),
    createOnly: api.params.bool("createonly"),
    noCreate: api.params.bool("nocreate"),
    ...(tags.length > 0 ? { tags } : {}),
    watchlist: watchlistParam(api),
  });

  if (result.status === "error") throw new ApiError(result.code, result.info, result.data ?? {});
  if (result.status === "failure") return { edit: { ...result.data, result: "Failure" } };

  const edit: Record<string, unknown> = {};
  if (result.isNew) edit.new = true;
  edit.result = "Success";
  edit.pageid = result.page.id;
  edit.title = result.page.title;
  edit.contentmodel = "wikitext";
  if (result.noChange) {
    edit.nochange = true;
  } else {
    edit.oldrevid = result.oldRevId;
    edit.newrevid = result.revision.id;
    edit.newtimestamp = isoTimestamp(result.revision.timestamp);
  }
  if (result.watched) edit.watched = true;
  return { edit };
}
