/**
 * Failed API authentications per client (docs/security-requirements.md item 33). Tokens carry ≈190 random bits, so guessing
 * one is hopeless; what this stops is a client that keeps presenting unknown, revoked or expired tokens
 * (a leaked list being tried, a misconfigured script in a loop) from costing a database lookup each time.
 *
 * A token bucket per client address counts failures. The failure that finds the bucket empty blocks the
 * client until one failure has refilled; while blocked, `check` refuses *every* request from that client,
 * valid token or not, before any token is looked at — that is what makes the block cheap. Successful
 * requests never count, so a working script is not slowed by the occasional typo.
 */
import { createRateLimiter } from "@/lib/rate-limit";

/** 20 failures at once, then one every 6 s: far above a person's typos, far below a scan. */
export const AUTH_FAILURE_LIMIT = { capacity: 20, refillPerMinute: 10 } as const;

export type AuthFailureDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface AuthFailureLimiter {
  /** Before any token check: is this client blocked? Costs nothing and counts nothing. */
  check(client: string): AuthFailureDecision;
  /** After a failed authentication; refused when this failure was one too many. */
  fail(client: string): AuthFailureDecision;
}

export function createAuthFailureLimiter(
  options: { capacity: number; refillPerMinute: number; now?: () => number; maxKeys?: number } = AUTH_FAILURE_LIMIT,
): AuthFailureLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const failures = createRateLimiter({ ...options, now, maxKeys });
  // Bounded like the buckets: a flood of addresses evicts the oldest blocks, never grows memory.
  const blockedUntil = new Map<string, number>();

  const remaining = (until: number) => Math.max(1, Math.ceil((until - now()) / 1000));

  return {
    check(client) {
      const until = blockedUntil.get(client);
      if (until === undefined) return { ok: true };
      if (until > now()) return { ok: false, retryAfterSeconds: remaining(until) };
      blockedUntil.delete(client);
      return { ok: true };
    },
    fail(client) {
      const decision = failures.take(client);
      if (decision.ok) return { ok: true };
      if (!blockedUntil.has(client) && blockedUntil.size >= maxKeys) {
        const oldest = blockedUntil.keys().next().value;
        if (oldest !== undefined) blockedUntil.delete(oldest);
      }
      const until = now() + decision.retryAfterSeconds * 1000;
      blockedUntil.set(client, until);
      return { ok: false, retryAfterSeconds: remaining(until) };
    },
  };
}
