/**
 * The server-action boundary as the app uses it: the session from Auth.js, and one action limit and one
 * edit limit per user, shared by every action, tab, session and instance (docs/security-requirements.md item 33).
 */
import "server-only";
import { getCurrentUser } from "@/lib/auth/session";
import { log } from "@/lib/log";
import { appRateLimitStore } from "@/lib/rate-limit/app-store";
import { createActionLimiter, createEditLimiter } from "@/lib/security/rate-limits";
import { createActionBoundary } from "./boundary";

export const { stateAction, formAction } = createActionBoundary({
  currentUser: getCurrentUser,
  actions: createActionLimiter(appRateLimitStore()),
  edits: createEditLimiter(appRateLimitStore()),
  log,
});

export { checkbox, numericId, optional, repeated, wikiSite } from "./fields";
export { failure, invalidInput, SIGNED_OUT, type ActionFailure, type ActionResult } from "./result";
export { BOUNDARY_NOTICES, boundaryNotice, type BoundaryNotice } from "./notices";
