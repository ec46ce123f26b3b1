/**
 * The request limits of the browser-facing side (docs/security-requirements.md item 33), with their thresholds in one
 * place. Token buckets from lib/rate-limit, in the database, so that every instance behind a load
 * balancer counts against the same budget (docs/decisions/018-many-instances.md). Production passes
 * lib/rate-limit/app-store.ts; tests pass their own database.
 *
 * The defaults sit far above what a person does and far below a scripted flood. An operator may change
 * each one (WIKIPORT_EDIT_LIMIT and its siblings, lib/env.ts); the end-to-end suite does, with a refill
 * so slow that how fast the machine runs cannot change which request is refused.
 */
import { getConfig, type RateLimitSetting } from "@/lib/env";
import { createRateLimiter, type RateDecision, type RateLimiter, type RateLimitStore } from "@/lib/rate-limit";
import { createBatchedRateLimiter, VIEW_BATCHING } from "@/lib/rate-limit/batched";
import type { Translator } from "@/lib/i18n/translate";
import { refusalHeaders } from "./refusal-language";

/** `/api/auth/signin/<provider>`, per client address: each one sets check cookies and sends the browser to Meta. */
export const SIGN_IN_RATE_LIMIT = { capacity: 60, refillPerMinute: 30 } as const;
/** `/api/auth/callback/<provider>`, per client address: each one can cost a token exchange and a profile read upstream. */
export const CALLBACK_RATE_LIMIT = { capacity: 60, refillPerMinute: 30 } as const;
/**
 * Edit submissions (save, merge, new section), per Wikiport user, counted before anything reaches the
 * wiki. Wikimedia limits its own users to 90 edits a minute (8 for newcomers) and answers with its own
 * rate-limit error; this only keeps a runaway client from spending the user's quota and our upstream budget.
 */
export const EDIT_RATE_LIMIT = { capacity: 30, refillPerMinute: 30 } as const;
/**
 * Every server action, per Wikiport user, in the action boundary (lib/server-actions): what keeps a
 * replayed action (a captured Watch sent 100 times) from becoming 100 upstream calls. Above the edit
 * limit, which edit submissions also count against, so a person saving often meets the edit message.
 */
export const ACTION_RATE_LIMIT = { capacity: 60, refillPerMinute: 60 } as const;
/**
 * Server Action POSTs on any path, per session, in proxy.ts: the HTTP-level backstop that answers 429
 * before an action runs, also for action ids no page has. Above the per-user action and edit limits, so
 * that a person meets the form's own message first.
 */
export const SESSION_ACTION_RATE_LIMIT = { capacity: 90, refillPerMinute: 60 } as const;

/**
 * Page GETs under `/wiki/`, per client address, in proxy.ts: every visitor reads with Wikiport's one app
 * token, so one address's flood of uncached titles would otherwise take that token's few request slots
 * and its hourly quota from everyone (docs/decisions/019-fair-reading.md). Counted for every request, signed in or
 * not: a made-up session cookie must not escape it. A person reading (with the browser's prefetches of
 * the page's links) stays far below it; a classroom behind one address may need more.
 */
export const READ_RATE_LIMIT = { capacity: 120, refillPerMinute: 120 } as const;

export type LimitedRoute = "sign_in" | "callback";

const AUTH_ROUTE = /^\/api\/auth\/(signin|callback)\/[^/]+$/;

/** Which limited Auth.js route a request is for, if any (both methods: either can start the work). */
export function limitedAuthRoute(pathname: string): LimitedRoute | null {
  const match = AUTH_ROUTE.exec(pathname);
  if (!match) return null;
  return match[1] === "signin" ? "sign_in" : "callback";
}

export interface AuthRouteLimits {
  take(route: LimitedRoute, client: string): Promise<RateDecision>;
}

/** The limits this process applies: the operator's settings over the defaults above. */
export function configuredRateLimits(): Record<"edit" | "action" | "sessionAction" | "signIn" | "callback" | "read", RateLimitSetting> {
  const configured = getConfig().limits;
  return {
    read: configured.read ?? READ_RATE_LIMIT,
    edit: configured.edit ?? EDIT_RATE_LIMIT,
    action: configured.action ?? ACTION_RATE_LIMIT,
    sessionAction: configured.sessionAction ?? SESSION_ACTION_RATE_LIMIT,
    signIn: configured.signIn ?? SIGN_IN_RATE_LIMIT,
    callback: configured.callback ?? CALLBACK_RATE_LIMIT,
  };
}

export function createAuthRouteLimits(
  store: RateLimitStore,
  now: () => number = Date.now,
  limits: { signIn: RateLimitSetting; callback: RateLimitSetting } = configuredRateLimits(),
): AuthRouteLimits {
  const limiters: Record<LimitedRoute, RateLimiter> = {
    sign_in: createRateLimiter(store, { name: "sign-in", ...limits.signIn, now }),
    callback: createRateLimiter(store, { name: "callback", ...limits.callback, now }),
  };
  return { take: (route, client) => limiters[route].take(client) };
}

export function createEditLimiter(
  store: RateLimitStore,
  now: () => number = Date.now,
  limit: RateLimitSetting = configuredRateLimits().edit,
): RateLimiter {
  return createRateLimiter(store, { name: "edit", ...limit, now });
}

export function createActionLimiter(
  store: RateLimitStore,
  now: () => number = Date.now,
  limit: RateLimitSetting = configuredRateLimits().action,
): RateLimiter {
  return createRateLimiter(store, { name: "action", ...limit, now });
}

export function createSessionActionLimiter(
  store: RateLimitStore,
  now: () => number = Date.now,
  limit: RateLimitSetting = configuredRateLimits().sessionAction,
): RateLimiter {
  return createRateLimiter(store, { name: "session-action", ...limit, now });
}

export function createReadLimiter(
  store: RateLimitStore,
  now: () => number = Date.now,
  limit: RateLimitSetting = configuredRateLimits().read,
): RateLimiter {
  // Taken by every page view: counted here and written in batches, within a documented bound (lib/rate-limit/batched.ts).
  return createBatchedRateLimiter(store, { name: "read", ...limit, now }, VIEW_BATCHING);
}

/** Whether a request is a page read the read limit counts: any GET or HEAD of a `/wiki/` address. */
export function isLimitedRead(method: string, pathname: string): boolean {
  return (method === "GET" || method === "HEAD") && pathname.startsWith("/wiki/");
}

/**
 * The read limit for one request (proxy.ts): null to let it through, or the 429 the client gets, a
 * sentence with the wait that a person can act on and `Retry-After` for scripts.
 */
export async function limitRead(limiter: RateLimiter, client: string, t: Translator): Promise<Response | null> {
  const decision = await limiter.take(client);
  if (decision.ok) return null;
  return tooManyRequestsResponse(decision.retryAfterSeconds, "reads", t);
}

/** What the edit form shows when the edit limit refuses: a sentence with the wait, and a stable code. */
export function tooManyEdits(retryAfterSeconds: number): { ok: false; code: "rate_limited"; message: string; retryAfterSeconds: number; detail: "edits" } {
  return {
    ok: false,
    code: "rate_limited",
    message: `Too many edits from your account in a short time: try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}. Nothing was sent to the wiki.`,
    retryAfterSeconds,
    detail: "edits",
  };
}

/** Which limit refused, for the sentence that says so. */
export type RefusedRequests = "reads" | "session-actions" | "sign-ins" | "sign-in-returns";

function tooManyText(t: Translator, what: RefusedRequests, seconds: number): string {
  switch (what) {
    case "reads":
      return t.msg("wikiport-refusal-too-many-reads", seconds);
    case "session-actions":
      return t.msg("wikiport-refusal-too-many-session-actions", seconds);
    case "sign-ins":
      return t.msg("wikiport-refusal-too-many-sign-ins", seconds);
    case "sign-in-returns":
      return t.msg("wikiport-refusal-too-many-sign-in-returns", seconds);
  }
}

/** A plain-text 429 with `Retry-After`, for browsers and scripts alike, in `t`'s language (refusal-language.ts). */
export function tooManyRequestsResponse(retryAfterSeconds: number, what: RefusedRequests, t: Translator): Response {
  return new Response(`${tooManyText(t, what, retryAfterSeconds)}\n`, {
    status: 429,
    headers: { ...refusalHeaders(t), "retry-after": String(retryAfterSeconds) },
  });
}
