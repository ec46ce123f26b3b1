/** How saves and watchlist changes land in the activity log, the same from every place that makes them. */
import { recordAudit } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import type { SaveOutcome } from "./save";

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
