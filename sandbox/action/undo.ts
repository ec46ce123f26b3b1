/**
 * `action=edit` with `undo` (and `undoafter`): CORE ApiEditPage turns the two revisions into the text to
 * save, then saves it like any edit (docs/wikimedia-protocol.md §5.4). The text is
 * TextContentHandler::getUndoContent's: the undone revision's own change, reversed and merged into the
 * current text with diff3 (wfMerge); when later edits touched the same lines there is no such text and
 * the answer is `undofailure`.
 */
import { diff3Merge } from "node-diff3";
import { findPage, getRevision, latestRevision, type ParsedTitle } from "../content/pages";
import type { SandboxStore } from "../store";
import type { Wiki } from "../wikis";
import { ApiError } from "./api-error";

export interface UndoText {
  text: string;
  /** The `undo-summary` autosummary, when exactly one revision is undone and no summary was given. */
  summary: string | null;
}

function noSuchRevision(id: number): ApiError {
  return new ApiError("nosuchrevid", `There is no revision with ID ${id}.`, {}, undefined, { key: "apierror-nosuchrevid", params: [id] });
}

/** wfMerge( $undo_text, $undoafter_text, $cur_text ): null on any conflicting region. */
function merge(undone: string, before: string, current: string): string | null {
  const lines: string[] = [];
  for (const region of diff3Merge(before.split("\n"), undone.split("\n"), current.split("\n"), { excludeFalseConflicts: true })) {
    if (region.conflict) return null;
    lines.push(...(region.ok ?? []));
  }
  return lines.join("\n");
}

export function undoText(store: SandboxStore, wiki: Wiki, title: ParsedTitle, undoId: number, undoAfterId: number | undefined): UndoText {
  // ApiEditPage swaps them when undoafter is the newer one.
  let [undo, after] = [undoId, undoAfterId];
  if (after !== undefined && after > undo) [undo, after] = [after, undo];
  const undoRev = getRevision(store, wiki, undo);
  if (!undoRev) throw noSuchRevision(undo);
  const afterRev = after !== undefined && after > 0 ? getRevision(store, wiki, after) : getRevision(store, wiki, undoRev.parentId);
  if (!afterRev) throw noSuchRevision(after !== undefined && after > 0 ? after : undoRev.parentId);
  const page = findPage(store, wiki, title);
  if (!page) throw new ApiError("missingtitle", "The page you specified doesn't exist.");
  for (const revision of [undoRev, afterRev]) {
    if (revision.pageId !== page.id) {
      throw new ApiError("revwrongpage", `r${revision.id} is not a revision of ${page.title}.`, {}, undefined, {
        key: "apierror-revwrongpage",
        params: [revision.id, page.title],
      });
    }
  }
  const current = latestRevision(store, page);
  const text = current.id === undoRev.id || current.content === undoRev.content ? afterRev.content : merge(undoRev.content, afterRev.content, current.content);
  if (text === null) {
    throw new ApiError("undofailure", "The edit could not be undone due to conflicting intermediate edits.", {}, undefined, { key: "undo-failure", params: [] });
  }
  // MediaWiki's `undo-summary`, only when the undone revision directly follows `undoafter`.
  const single = undoRev.parentId === afterRev.id;
  const summary = single
    ? `Undo revision [[Special:Diff/${undoRev.id}|${undoRev.id}]] by [[Special:Contributions/${undoRev.userName}|${undoRev.userName}]] ([[User talk:${undoRev.userName}|talk]])`
    : null;
  return { text, summary };
}
