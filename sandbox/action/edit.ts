/**
 * action=edit (CORE ApiEditPage; docs/wikimedia-protocol.md §5.4). Parameter handling lives here; every decision
 * about the edit itself is the shared engine's (content/edit.ts), so api.php and rest.php agree.
 */
import { performEdit, type EditInput } from "../content/edit";
import { findPageById, isoTimestamp, parseTitle } from "../content/pages";
import { createHash } from "node:crypto";
import { ApiError, invalidParamMix } from "./api-error";
import type { Api } from "./context";
import { warn } from "./context";
import { undoText } from "./undo";

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

export function actionEdit(api: Api): Record<string, unknown> {
  let text = api.params.get("text");
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
  checkMd5(api, text, appendText, prependText);
  const section = api.params.get("section");
  let summary = api.params.get("summary") ?? "";
  let undoTags: string[] = [];
  if (undo !== undefined) {
    // ApiEditPage replaces `text` with the undo's text, and tags the edit `mw-undo` (ChangeTags).
    const undone = undoText(api.store, api.wiki, title, api.params.int("undo", { min: 0 }) ?? 0, api.params.int("undoafter", { min: 0 }));
    text = undone.text;
    if (api.params.get("summary") === undefined && undone.summary !== null) summary = undone.summary;
    undoTags = ["mw-undo"];
  }
  let sectionTitle = api.params.get("sectiontitle");
  // ApiEditPage: with section=new and no sectiontitle, the summary is the new section's heading.
  if (section === "new" && sectionTitle === undefined && summary) {
    sectionTitle = summary;
    summary = "";
  }
  const baseRevId = api.params.int("baserevid");
  const baseTimestamp = parseTimestamp(api.params.get("basetimestamp"), "basetimestamp");
  parseTimestamp(api.params.get("starttimestamp"), "starttimestamp");
  const tags = [...api.params.multi("tags"), ...undoTags];
  api.params.markUsed("bot", "recreate", "contentformat", "contentmodel", "redirect", "watchlistexpiry", "notminor", "captchaid", "captchaword");
  const minor = api.params.bool("minor") && !api.params.bool("notminor");

  const result = performEdit(api.store, {
    wiki: api.wiki,
    title,
    viewer: api.viewer,
    ...(text !== undefined ? { text } : {}),
    ...(appendText !== undefined ? { appendText } : {}),
    ...(prependText !== undefined ? { prependText } : {}),
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
