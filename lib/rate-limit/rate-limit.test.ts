import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { rateLimitBuckets } from "@/db/schema";
import { useTestDb, withSecondInstance } from "@/db/testing";
import { createRateLimiter, type RateLimitOptions } from "./index";

const testDb = useTestDb();
const SECRET = "rate-limit-test-secret-0123456789abcdef";

function limiter(options: RateLimitOptions, db: Db = testDb.db) {
  return createRateLimiter({ db: () => db, secret: SECRET }, options);
}

async function rows() {
  return testDb.db.select().from(rateLimitBuckets);
}

describe("per-key rate limiter", () => {
  it("allows a burst up to capacity, then refuses with the wait until one request refills", async () => {
    let now = 0;
    const limit = limiter({ name: "test", capacity: 3, refillPerMinute: 6, now: () => now });
    expect(await limit.take("a")).toEqual({ ok: true, remaining: 2 });
    expect(await limit.take("a")).toEqual({ ok: true, remaining: 1 });
    expect(await limit.take("a")).toEqual({ ok: true, remaining: 0 });
    expect(await limit.take("a")).toEqual({ ok: false, retryAfterSeconds: 10 });
    now = 9_999;
    expect((await limit.take("a")).ok).toBe(false);
    now = 20_000;
    // Two refills in 20 s at 6 a minute: one is spent now, one is left.
    expect(await limit.take("a")).toEqual({ ok: true, remaining: 1 });
  });

  it("keeps each key's bucket separate, and each limit's", async () => {
    const one = limiter({ name: "one", capacity: 1, refillPerMinute: 1, now: () => 0 });
    const other = limiter({ name: "other", capacity: 1, refillPerMinute: 1, now: () => 0 });
    expect((await one.take("a")).ok).toBe(true);
    expect((await one.take("a")).ok).toBe(false);
    expect((await one.take("b")).ok).toBe(true);
    expect((await other.take("a")).ok).toBe(true);
  });

  it("never refills beyond capacity", async () => {
    let now = 0;
    const limit = limiter({ name: "test", capacity: 2, refillPerMinute: 60, now: () => now });
    await limit.take("a");
    now = 3_600_000;
    expect(await limit.take("a")).toEqual({ ok: true, remaining: 1 });
    expect(await limit.take("a")).toEqual({ ok: true, remaining: 0 });
    expect((await limit.take("a")).ok).toBe(false);
  });

  it("peeks without spending", async () => {
    let now = 0;
    const limit = limiter({ name: "test", capacity: 2, refillPerMinute: 6, now: () => now });
    expect(await limit.peek("a")).toEqual({ ok: true, remaining: 1 });
    await limit.take("a");
    await limit.take("a");
    expect(await limit.peek("a")).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(await limit.peek("a")).toEqual({ ok: false, retryAfterSeconds: 10 });
    now = 4_000;
    expect(await limit.peek("a")).toEqual({ ok: false, retryAfterSeconds: 6 });
    now = 10_000;
    expect(await limit.peek("a")).toEqual({ ok: true, remaining: 0 });
    expect((await limit.take("a")).ok).toBe(true);
  });
});

describe("a limit shared by every instance on one database", () => {
  it("gives two instances one budget: capacity in total, then Retry-After on either, refilled by the clock", async () => {
    let now = 0;
    const options = { name: "shared", capacity: 4, refillPerMinute: 12, now: () => now };
    const first = limiter(options);
    await withSecondInstance(testDb.target, async (db) => {
      const second = limiter(options, db);
      expect((await first.take("client")).ok).toBe(true);
      expect((await second.take("client")).ok).toBe(true);
      expect((await first.take("client")).ok).toBe(true);
      expect(await second.take("client")).toEqual({ ok: true, remaining: 0 });
      expect(await first.take("client")).toEqual({ ok: false, retryAfterSeconds: 5 });
      expect(await second.take("client")).toEqual({ ok: false, retryAfterSeconds: 5 });
      now = 5_000;
      expect(await second.take("client")).toEqual({ ok: true, remaining: 0 });
      expect((await first.take("client")).ok).toBe(false);
    });
  });

  it("spends exactly the capacity when both instances race for the last tokens", async () => {
    const options = { name: "race", capacity: 10, refillPerMinute: 1, now: () => 0 };
    await withSecondInstance(testDb.target, async (db) => {
      const instances = [limiter(options), limiter(options, db)];
      const decisions = await Promise.all(Array.from({ length: 30 }, (_, i) => instances[i % 2]!.take("client")));
      expect(decisions.filter((decision) => decision.ok)).toHaveLength(10);
      expect(decisions.filter((decision) => !decision.ok)).toHaveLength(20);
    });
  });

  it("stores no subject: only the limit's name and a keyed digest", async () => {
    const limit = limiter({ name: "sign-in", capacity: 5, refillPerMinute: 5, now: () => 0 });
    const subjects = ["198.51.100.7", "2001:db8::7", "session-token-abcdef"];
    for (const subject of subjects) await limit.take(subject);
    const keys = (await rows()).map((row) => row.key);
    expect(keys).toHaveLength(subjects.length);
    for (const key of keys) {
      expect(key).toMatch(/^sign-in:[A-Za-z0-9_-]{43}$/);
      for (const subject of subjects) {
        expect(key).not.toContain(subject);
        // Not the plain digest either, which anyone could compute for every IPv4 address.
        expect(key).not.toContain(createHash("sha256").update(subject).digest("base64url"));
      }
    }
  });

  it("keeps the table bounded: rows that have refilled to full go, the others stay", async () => {
    let now = 0;
    // Full again 10 s after the last take (capacity 2 at 12 a minute).
    const limit = limiter({ name: "sweep", capacity: 2, refillPerMinute: 12, now: () => now, sweepEveryMs: 60_000 });
    const other = limiter({ name: "other", capacity: 2, refillPerMinute: 0.001, now: () => now });
    for (let i = 0; i < 50; i++) await limit.take(`203.0.113.${i}`);
    await other.take("203.0.113.1");
    now = 58_000;
    await limit.take("busy");
    await limit.take("busy");
    expect(await rows()).toHaveLength(52);

    now = 65_000;
    await limit.take("newcomer");
    // The 50 full buckets are gone; "busy" (still refilling) and "newcomer" stay, and so does another
    // limit's row, which this limit cannot judge.
    const left = await rows();
    expect(left).toHaveLength(3);
    expect(left.filter((row) => row.key.startsWith("sweep:"))).toHaveLength(2);
    // Deleting a full bucket changes no answer.
    expect(await limit.take("203.0.113.1")).toEqual({ ok: true, remaining: 1 });
    expect(await limit.take("busy")).toEqual({ ok: true, remaining: 0 });
  });

  it("refills nothing for an instance whose clock is behind, and never moves a bucket back in time", async () => {
    let ahead = 10_000;
    const options = { name: "clocks", capacity: 2, refillPerMinute: 6 };
    const fast = limiter({ ...options, now: () => ahead });
    const slow = limiter({ ...options, now: () => ahead - 5_000 });
    expect(await fast.take("client")).toEqual({ ok: true, remaining: 1 });
    expect(await slow.take("client")).toEqual({ ok: true, remaining: 0 });
    expect(await slow.take("client")).toEqual({ ok: false, retryAfterSeconds: 10 });
    // Had the slow instance dated the bucket 5 s back, half a token more would be there now.
    ahead = 15_000;
    expect(await fast.take("client")).toEqual({ ok: false, retryAfterSeconds: 5 });
    ahead = 20_000;
    expect(await fast.take("client")).toEqual({ ok: true, remaining: 0 });
  });

  it("refuses a name that could act as a pattern", () => {
    expect(() => limiter({ name: "sign_in", capacity: 1, refillPerMinute: 1 })).toThrow(/lowercase/);
  });
});
