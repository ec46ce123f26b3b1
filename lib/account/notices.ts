/**
 * Outcomes of account actions, shown after a redirect. Codes are stable (tests and links use them);
 * only these codes are ever rendered, so a crafted URL cannot put arbitrary text on the page.
 */
import { BOUNDARY_NOTICES } from "@/lib/server-actions/notices";

export const DASHBOARD_NOTICES = {
  ...BOUNDARY_NOTICES,
  "connection-ok": { tone: "success", text: "Wikiport can act for you on Wikimedia: your connection works." },
  "connection-ended": {
    tone: "error",
    text: "Your Wikimedia connection has ended: the access you gave Wikiport was revoked or has expired.",
  },
  "wikimedia-unavailable": {
    tone: "warning",
    text: "Wikimedia is not answering right now. Your connection is kept; try again in a few minutes.",
  },
  "connection-refused": {
    tone: "error",
    text: "Wikimedia refused Wikiport's request for your account. If your account is blocked or locked, Wikiport cannot act for you until that ends.",
  },
  disconnected: {
    tone: "success",
    text: "Wikiport deleted the tokens it held for you. To also remove Wikiport from your authorized apps, use “Manage my grants” on Meta-Wiki.",
  },
  "token-revoked": { tone: "success", text: "The token was revoked: scripts using it can no longer call Wikiport's API." },
  "token-not-found": { tone: "error", text: "That token does not exist, or is not yours." },
  "delete-not-confirmed": {
    tone: "error",
    text: "Your account was not deleted: type your Wikimedia username exactly as shown to confirm.",
  },
} as const satisfies Record<string, { tone: "success" | "warning" | "error"; text: string }>;

export type DashboardNotice = keyof typeof DASHBOARD_NOTICES;

export const LANDING_NOTICES = {
  "signed-out-everywhere": "You are signed out of Wikiport on every device.",
  "account-deleted": "Your Wikiport account and everything it held for you have been deleted.",
} as const;

export type LandingNotice = keyof typeof LANDING_NOTICES;

export function dashboardNotice(value: unknown) {
  return typeof value === "string" && Object.hasOwn(DASHBOARD_NOTICES, value) ? DASHBOARD_NOTICES[value as DashboardNotice] : null;
}

export function landingNotice(value: unknown): string | null {
  return typeof value === "string" && Object.hasOwn(LANDING_NOTICES, value) ? LANDING_NOTICES[value as LandingNotice] : null;
}
