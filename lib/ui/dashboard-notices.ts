/**
 * The words of the notices the dashboard's pages show after a redirect. The codes and tones are lib's
 * (lib/account/notices.ts, lib/server-actions/notices.ts); the words are the interface language's, one
 * message per code, so a crafted URL still cannot put text on the page.
 */
import type { DashboardNotice } from "@/lib/account/notices";
import type { MessageKey } from "@/lib/i18n/catalog";
import type { Translator } from "@/lib/i18n/translate";
import type { BoundaryNotice } from "@/lib/server-actions/notices";

export const BOUNDARY_NOTICE_KEYS: Record<BoundaryNotice, MessageKey> = {
  "rate-limited": "wikiport-dashboard-notice-rate-limited",
  "action-failed": "wikiport-dashboard-notice-action-failed",
};

const DASHBOARD_NOTICE_KEYS: Record<DashboardNotice, MessageKey> = {
  ...BOUNDARY_NOTICE_KEYS,
  "connection-ok": "wikiport-dashboard-notice-connection-ok",
  "connection-ended": "wikiport-dashboard-notice-connection-ended",
  "wikimedia-unavailable": "wikiport-dashboard-notice-wikimedia-unavailable",
  "connection-refused": "wikiport-dashboard-notice-connection-refused",
  disconnected: "wikiport-dashboard-notice-disconnected",
  "token-revoked": "wikiport-apitoken-notice-revoked",
  "token-not-found": "wikiport-apitoken-notice-not-found",
  "delete-not-confirmed": "wikiport-dashboard-notice-delete-not-confirmed",
};

export function dashboardNoticeText(t: Translator, code: DashboardNotice): string {
  return t.msg(DASHBOARD_NOTICE_KEYS[code]);
}
