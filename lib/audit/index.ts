/**
 * The activity log: every action Wikiport takes on a user's behalf (edits, new sections, watching) and
 * the account events around it (sign-in, disconnect, connection checks), with its result. Shown only to
 * that user. Recording never fails the action it describes.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { constraintViolated } from "@/db/errors";
import { auditEvents } from "@/db/schema";
import type { Logger } from "@/lib/log";

export type AuditAction = (typeof auditEvents.$inferInsert)["action"];
export type AuditEvent = typeof auditEvents.$inferSelect;

export interface AuditInput {
  userId: string;
  action: AuditAction;
  wiki?: string | null;
  title?: string | null;
  revisionId?: number | null;
  /** `ok`, or the stable error code of the failure. */
  result: string;
}

export async function recordAudit(db: Db, log: Logger, input: AuditInput, now = new Date()): Promise<void> {
  try {
    await db.insert(auditEvents).values({
        userId: input.userId,
        action: input.action,
        wiki: input.wiki ?? null,
        title: input.title?.replaceAll("_", " ") ?? null,
        revisionId: input.revisionId ?? null,
        result: input.result,
        createdAt: now,
      });
  } catch (error) {
    // The action itself already happened on the wiki; losing its log line must not turn it into an error.
    // The error's message quotes the statement's parameters: only its kind is logged.
    log.error("audit.record_failed", { userId: input.userId, action: input.action, reason: constraintViolated(error) ?? "database_error" });
  }
}

/** The user's latest events, newest first. */
export function recentAudit(db: Db, userId: string, limit = 20): Promise<AuditEvent[]> {
  return db.select().from(auditEvents).where(eq(auditEvents.userId, userId)).orderBy(desc(auditEvents.createdAt), desc(auditEvents.id)).limit(limit);
}

/** One of the user's own events by id; another user's id answers like a missing one. */
export async function findAuditEvent(db: Db, userId: string, id: number): Promise<AuditEvent | null> {
  return (await db.select().from(auditEvents).where(and(eq(auditEvents.id, id), eq(auditEvents.userId, userId))).limit(1))[0] ?? null;
}

/** Edits that made a revision and can be undone from the activity log (an undo can be undone too). */
export function undoable(event: Pick<AuditEvent, "action" | "wiki" | "title" | "revisionId" | "result">): boolean {
  return (event.action === "edit" || event.action === "add_section" || event.action === "undo") && event.result === "ok" && !!event.wiki && !!event.title && !!event.revisionId;
}

const VERBS: Record<AuditAction, string> = {
  sign_in: "Signed in with Wikimedia",
  edit: "Edited",
  add_section: "Added a section to",
  undo: "Undid an edit to",
  watch: "Watched",
  unwatch: "Stopped watching",
  disconnect: "Disconnected Wikiport from Wikimedia",
  check_connection: "Checked the connection to Wikimedia",
  create_api_token: "Created an API token",
  revoke_api_token: "Revoked an API token",
  save_personal_token: "Saved a personal API token",
  delete_personal_token: "Deleted the personal API token",
  create_widget: "Registered a widget",
  delete_widget: "Deleted a widget",
};

/** A one-line description of an event, e.g. "Edited Moon on en.wikipedia.org". */
export function describeAudit(event: Pick<AuditEvent, "action" | "wiki" | "title">): string {
  const verb = VERBS[event.action];
  if ((event.action === "create_api_token" || event.action === "create_widget" || event.action === "delete_widget") && event.title) return `${verb} “${event.title}”`;
  return event.title && event.wiki ? `${verb} ${event.title} on ${event.wiki}` : verb;
}

const RESULTS: Record<string, string> = {
  ok: "Done",
  edit_conflict: "Edit conflict",
  undo_failed: "Not undone: later edits changed the same lines",
  blocked: "Refused: your account is blocked",
  protected: "Refused: the page is protected",
  abuse_filter: "Stopped by an abuse filter",
  captcha: "Needs a CAPTCHA on the wiki",
  rate_limited: "Refused: too many edits, try later",
  reconnect_needed: "Needs a reconnect",
  wikimedia_unavailable: "Wikimedia did not answer",
  // The request layer's name for it before it became `wikimedia_unavailable`: rows recorded then keep it.
  unavailable: "Wikimedia did not answer",
  timeout: "Wikimedia did not answer",
  page_exists: "The page already existed",
  permission_denied: "Refused: no permission",
};

/** How an event ended, in words: "Done", "Edit conflict", "Refused: your account is blocked"… */
export function describeAuditResult(result: string): string {
  return RESULTS[result] ?? `Failed (${result})`;
}
