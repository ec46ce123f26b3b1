import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./index";

describe("per-token rate limiter", () => {
  it("allows a burst up to capacity, then refuses with the wait until one request refills", () => {
    let now = 0;
    const limiter = createRateLimiter({ capacity: 3, refillPerMinute: 6, now: () => now });
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a")].every((d) => d.ok)).toBe(true);
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterSeconds: 10 });
    now = 9_999;
    expect(limiter.take("a").ok).toBe(false);
    now = 20_000;
    // Two refills in 20 s at 6 a minute: one is spent now, one is left.
    expect(limiter.take("a")).toEqual({ ok: true, remaining: 1 });
  });

  it("keeps each token's bucket separate", () => {
    const limiter = createRateLimiter({ capacity: 1, refillPerMinute: 1, now: () => 0 });
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("a").ok).toBe(false);
    expect(limiter.take("b").ok).toBe(true);
  });

  it("never refills beyond capacity", () => {
    let now = 0;
    const limiter = createRateLimiter({ capacity: 2, refillPerMinute: 60, now: () => now });
    limiter.take("a");
    now = 3_600_000;
    expect(limiter.take("a")).toEqual({ ok: true, remaining: 1 });
    expect(limiter.take("a")).toEqual({ ok: true, remaining: 0 });
    expect(limiter.take("a").ok).toBe(false);
  });
});
