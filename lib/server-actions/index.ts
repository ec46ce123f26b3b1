/**
 * The server-action boundary as the app uses it: the session from Auth.js, and one action limiter and one
 * edit limiter per process, shared by every action, tab and session of a user (docs/security-requirements.md item 33).
 */
import "server-only";
import { getCurrentUser } from "@/lib/auth/session";
import { log } from "@/lib/log";
import { createActionLimiter, createEditLimiter } from "@/lib/security/rate-limits";
import { createActionBoundary } from "./boundary";

export const { stateAction, formAction } = createActionBoundary({
  currentUser: getCurrentUser,
  actions: createActionLimiter(),
  edits: createEditLimiter(),
  log,
});

export { checkbox, numericId, optional, repeated, wikiSite } from "./fields";
export { failure, invalidInput, SIGNED_OUT, type ActionFailure, type ActionResult } from "./result";
export { BOUNDARY_NOTICES, boundaryNotice, type BoundaryNotice } from "./notices";
