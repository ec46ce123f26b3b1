/** How saves and watchlist changes land in the activity log, the same from every place that makes them. */
import { recordAudit } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import type { SaveOutcome } from "./save";
import type { UndoOutcome } from "./undo";

export async function recordSave(userId: string, wiki: string, title: string, outcome: SaveOutcome): Promise<void> {
  await recordAudit(getDb(), log, {
    userId,
    action: "edit",
    wiki,
    title,
    revisionId: outcome.status === "saved" ? (outcome.revisionId ?? null) : null,
    result: outcome.status === "saved" ? "ok" : outcome.status === "conflict" ? "edit_conflict" : outcome.code,
  });
}

/** An undo from the activity log: its own kind of line, with the revision it made. */
export async function recordUndo(userId: string, wiki: string, title: string, outcome: UndoOutcome): Promise<void> {
  await recordAudit(getDb(), log, {
    userId,
    action: "undo",
    wiki,
    title,
    revisionId: outcome.status === "undone" ? outcome.revisionId : null,
    result: outcome.status === "undone" ? "ok" : outcome.code,
  });
}

/** A watch or unwatch, from a page's Watch button, the JSON API or a widget's watch popup. */
export async function recordWatch(
  userId: string,
  wiki: string,
  title: string,
  watch: boolean,
  outcome: { ok: true } | { ok: false; code: string },
): Promise<void> {
  await recordAudit(getDb(), log, { userId, action: watch ? "watch" : "unwatch", wiki, title, result: outcome.ok ? "ok" : outcome.code });
}
