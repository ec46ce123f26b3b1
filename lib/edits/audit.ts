/** How a save lands in the activity log, the same for the dashboard's edit form and the JSON API. */
import { recordAudit } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import type { SaveOutcome } from "./save";

export function recordSave(userId: string, wiki: string, title: string, outcome: SaveOutcome): void {
  recordAudit(getDb(), log, {
    userId,
    action: "edit",
    wiki,
    title,
    revisionId: outcome.status === "saved" ? (outcome.revisionId ?? null) : null,
    result: outcome.status === "saved" ? "ok" : outcome.status === "conflict" ? "edit_conflict" : outcome.code,
  });
}
