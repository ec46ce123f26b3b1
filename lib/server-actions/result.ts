/**
 * The one result shape of every server action: `{ ok: true, … }` or a failure with a stable code, a
 * sentence a person can act on, and how long to wait when waiting helps. A form's state may carry more
 * (the values it keeps), but its outcome is always one of these. The codes a wrapper gives are here,
 * once; an action's own codes come from the domain it calls (lib/wikimedia/errors.ts and its siblings).
 */
import type { Failure, FailureParams } from "@/lib/i18n/errors";

export interface ActionFailure {
  ok: false;
  code: string;
  /** English, for logs; a person reads lib/i18n/errors.ts `describeFailure` of the whole failure. */
  message: string;
  retryAfterSeconds?: number;
  /** Which of the code's situations, and the values its sentence names (lib/i18n/errors.ts `Failure`). */
  detail?: string;
  params?: FailureParams;
}

export type ActionResult<T extends object = object> = ({ ok: true } & T) | ActionFailure;

export const SIGNED_OUT: ActionFailure = {
  ok: false,
  code: "signed_out",
  message: "Your Wikiport session has ended. Sign in again to continue.",
};

export function invalidInput(message = "Wikiport could not read this form. Reload the page and try again."): ActionFailure {
  return { ok: false, code: "invalid_input", message };
}

export function tooManyActions(retryAfterSeconds: number): ActionFailure {
  return {
    ok: false,
    code: "rate_limited",
    message: `Too many changes from your account in a short time: try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}. Nothing was changed.`,
    retryAfterSeconds,
    detail: "actions",
  };
}

export const INTERNAL: ActionFailure = {
  ok: false,
  code: "internal",
  message: "Something went wrong in Wikiport. Try again; if it keeps happening, tell us.",
};

/** A domain failure (`{ code, message, retryAfterSeconds? }`, e.g. a DescribedError) as an action failure. */
export function failure(described: Failure): ActionFailure {
  return {
    ok: false,
    code: described.code,
    message: described.message,
    ...(described.retryAfterSeconds !== undefined ? { retryAfterSeconds: described.retryAfterSeconds } : {}),
    ...(described.detail !== undefined ? { detail: described.detail } : {}),
    ...(described.params !== undefined ? { params: described.params } : {}),
  };
}
