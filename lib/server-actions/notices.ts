/**
 * What a page shows after a redirecting action (a dashboard form) was refused by the boundary itself.
 * A redirect carries only a notice code, so the wait is said in words, not seconds.
 */
import { INTERNAL, type ActionFailure } from "./result";

export const BOUNDARY_NOTICES = {
  "rate-limited": {
    tone: "warning",
    text: "Too many changes from your account in a short time, so nothing was changed. Wait a moment, then try again.",
  },
  "action-failed": { tone: "error", text: INTERNAL.message },
} as const satisfies Record<string, { tone: "success" | "warning" | "error"; text: string }>;

export type BoundaryNotice = keyof typeof BOUNDARY_NOTICES;

/** The notice for a boundary refusal; null for the ones the action shows its own way (signed out, invalid input). */
export function boundaryNotice(failure: ActionFailure): BoundaryNotice | null {
  if (failure.code === "rate_limited") return "rate-limited";
  if (failure.code === "internal") return "action-failed";
  return null;
}
