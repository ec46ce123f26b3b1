/**
 * A line of the activity log in the interface language: what happened, to which page on which wiki, and
 * how it ended. Page titles, wiki hosts and token or widget names are the user's or the wiki's words, so
 * they sit in `<bdi>` (a Hebrew title in an English sentence, or the other way round, keeps its order).
 */
import type { AuditAction, AuditEvent } from "@/lib/audit";
import type { MessageKey } from "@/lib/i18n/catalog";
import { Message } from "@/lib/i18n/message";
import type { Translator } from "@/lib/i18n/translate";

type Event = Pick<AuditEvent, "action" | "wiki" | "title">;

type PageAction = "edit" | "add_section" | "undo" | "watch" | "unwatch";

/** Events about a page: "$1" is its title, "$2" its wiki. */
const ON_A_PAGE: Record<PageAction, MessageKey> = {
  edit: "wikiport-activity-edit",
  add_section: "wikiport-activity-add-section",
  undo: "wikiport-activity-undo",
  watch: "wikiport-activity-watch",
  unwatch: "wikiport-activity-unwatch",
};

/** Events about something the user named (a token, a widget): "$1" is that name. */
const NAMED: Partial<Record<AuditAction, MessageKey>> = {
  create_api_token: "wikiport-activity-create-api-token-named",
  create_widget: "wikiport-activity-create-widget-named",
  delete_widget: "wikiport-activity-delete-widget-named",
};

/** Everything else, and the named events recorded without a name. */
const PLAIN: Record<Exclude<AuditAction, PageAction>, MessageKey> = {
  sign_in: "wikiport-activity-sign-in",
  disconnect: "wikiport-activity-disconnect",
  check_connection: "wikiport-activity-check-connection",
  create_api_token: "wikiport-activity-create-api-token",
  revoke_api_token: "wikiport-activity-revoke-api-token",
  save_personal_token: "wikiport-activity-save-personal-token",
  delete_personal_token: "wikiport-activity-delete-personal-token",
  create_widget: "wikiport-activity-create-widget",
  delete_widget: "wikiport-activity-delete-widget",
};

function isPageAction(action: AuditAction): action is PageAction {
  return Object.hasOwn(ON_A_PAGE, action);
}

function parts(event: Event): { key: MessageKey; params: string[] } {
  const action = event.action;
  // A page event is always recorded with its page; one without would read "Edited ? on ?".
  if (isPageAction(action)) return { key: ON_A_PAGE[action], params: [event.title ?? "?", event.wiki ?? "?"] };
  const named = NAMED[action];
  if (named && event.title) return { key: named, params: [event.title] };
  return { key: PLAIN[action], params: [] };
}

/** The line as plain text, for an accessible name ("Undo: Edited Moon on en.wikipedia.org"). */
export function activityText(t: Translator, event: Event): string {
  const { key, params } = parts(event);
  return t.msg(key, ...params);
}

/** The line as shown, with the title, wiki or name isolated. */
export function ActivityLine({ t, event }: { t: Translator; event: Event }) {
  const { key, params } = parts(event);
  return <Message t={t} k={key} elements={params.map((param, index) => <bdi key={index}>{param}</bdi>)} />;
}

const RESULTS: Record<string, MessageKey> = {
  ok: "wikiport-activity-result-ok",
  edit_conflict: "wikiport-activity-result-edit-conflict",
  undo_failed: "wikiport-activity-result-undo-failed",
  blocked: "wikiport-activity-result-blocked",
  protected: "wikiport-activity-result-protected",
  abuse_filter: "wikiport-activity-result-abuse-filter",
  captcha: "wikiport-activity-result-captcha",
  rate_limited: "wikiport-activity-result-rate-limited",
  reconnect_needed: "wikiport-activity-result-reconnect-needed",
  wikimedia_unavailable: "wikiport-activity-result-wikimedia-unavailable",
  // The request layer's names for it before it became `wikimedia_unavailable`: rows recorded then keep them.
  unavailable: "wikiport-activity-result-wikimedia-unavailable",
  timeout: "wikiport-activity-result-wikimedia-unavailable",
  page_exists: "wikiport-activity-result-page-exists",
  permission_denied: "wikiport-activity-result-permission-denied",
};

/** How an event ended: "Done", "Edit conflict"… or "Failed (code)" for a code this list does not know. */
export function activityResult(t: Translator, result: string): string {
  const key = Object.hasOwn(RESULTS, result) ? RESULTS[result] : undefined;
  return key ? t.msg(key) : t.msg("wikiport-activity-result-other", result);
}
