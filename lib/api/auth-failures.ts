/**
 * Failed API authentications per client (docs/security-requirements.md item 33). Tokens carry ≈190 random bits, so guessing
 * one is hopeless; what this stops is a client that keeps presenting unknown, revoked or expired tokens
 * (a leaked list being tried, a misconfigured script in a loop) from having every one of them verified.
 *
 * A token bucket per client address counts failures, in the database so that every instance counts
 * the same ones (lib/rate-limit). Once the failures have emptied it the client is blocked until one
 * failure has refilled: while blocked, `check` refuses *every* request from that client, valid token or
 * not, before any token is looked at. Successful requests never count, so a working script is not
 * slowed by the occasional typo.
 */
import { createRateLimiter, type RateLimitStore } from "@/lib/rate-limit";

/** 20 failures at once, then one every 6 s: far above a person's typos, far below a scan. */
export const AUTH_FAILURE_LIMIT = { capacity: 20, refillPerMinute: 10 } as const;

export type AuthFailureDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface AuthFailureLimiter {
  /** Before any token check: is this client blocked? Counts nothing. */
  check(client: string): Promise<AuthFailureDecision>;
  /** After a failed authentication; refused when this failure was one too many. */
  fail(client: string): Promise<AuthFailureDecision>;
}

export function createAuthFailureLimiter(
  store: RateLimitStore,
  options: { capacity: number; refillPerMinute: number; now?: () => number } = AUTH_FAILURE_LIMIT,
): AuthFailureLimiter {
  const failures = createRateLimiter(store, { name: "api-auth-failure", ...options });
  const decided = (decision: { ok: true } | { ok: false; retryAfterSeconds: number }): AuthFailureDecision =>
    decision.ok ? { ok: true } : { ok: false, retryAfterSeconds: decision.retryAfterSeconds };
  return {
    // The block is the empty bucket itself: no second record to keep, and it ends exactly when one
    // failure has refilled, on whichever instance the client comes back to.
    check: async (client) => decided(await failures.peek(client)),
    fail: async (client) => decided(await failures.take(client)),
  };
}
