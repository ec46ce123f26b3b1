/**
 * Rate limits: a token bucket per key, in process memory. One Wikiport process serves the API,
 * so a shared store would buy nothing yet; the clock is a parameter so tests need no real waiting.
 */
export const API_RATE_LIMIT = { capacity: 60, refillPerMinute: 60 } as const;

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): RateDecision;
}

export function createRateLimiter(
  options: { capacity: number; refillPerMinute: number; now?: () => number; maxKeys?: number } = API_RATE_LIMIT,
): RateLimiter {
  const now = options.now ?? Date.now;
  const perMs = options.refillPerMinute / 60_000;
  // Bounded so a flood of distinct keys cannot grow memory without limit; full buckets are the ones to drop.
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  return {
    take(key) {
      const t = now();
      const previous = buckets.get(key);
      const tokens = previous ? Math.min(options.capacity, previous.tokens + (t - previous.at) * perMs) : options.capacity;
      if (tokens < 1) {
        buckets.set(key, { tokens, at: t });
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
      }
      if (!previous && buckets.size >= maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      buckets.delete(key);
      buckets.set(key, { tokens: tokens - 1, at: t });
      return { ok: true, remaining: Math.floor(tokens - 1) };
    },
  };
}
