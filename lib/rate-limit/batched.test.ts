/**
 * The batched shared limit (batched.ts): decided in the process, written in batches, and the bound it
 * keeps across instances on one database, with an injected clock.
 */
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { rateLimitBuckets } from "@/db/schema";
import { useTestDb, withSecondInstance } from "@/db/testing";
import { createBatchedRateLimiter, type Batching } from "./batched";
import { createRateLimiter, type RateLimitOptions } from "./index";

const testDb = useTestDb();
const SECRET = "batched-rate-limit-test-secret-0123456789";

function batched(options: RateLimitOptions, batching: Batching, db: Db = testDb.db) {
  return createBatchedRateLimiter({ db: () => db, secret: SECRET }, options, batching);
}

/** What another instance with the exact limiter sees of the same limit. */
function exact(options: RateLimitOptions) {
  return createRateLimiter({ db: () => testDb.db, secret: SECRET }, options);
}

async function rows() {
  return testDb.db.select().from(rateLimitBuckets);
}

describe("a limit counted in the process and written in batches", () => {
  it("writes nothing per take: the takes of many keys go in one write once the interval has passed", async () => {
    const clock = { now: 1_000_000 };
    const options = { name: "views", capacity: 300, refillPerMinute: 0.001, now: () => clock.now };
    const limit = batched(options, { takes: 10, everyMs: 100 });
    for (let n = 0; n < 40; n++) expect((await limit.take(`203.0.113.${n}`)).ok).toBe(true);
    for (let n = 0; n < 3; n++) expect((await limit.take("198.51.100.7")).ok).toBe(true);
    expect(await rows()).toHaveLength(0);

    clock.now += 100;
    // Written once the interval has passed, by this take, without making it wait; flush waits for it.
    expect((await limit.take("198.51.100.7")).ok).toBe(true);
    await limit.flush();
    expect(await rows()).toHaveLength(41);
    // Another instance, counting exactly, sees the four takes of this address.
    expect(await exact(options).peek("198.51.100.7")).toEqual({ ok: true, remaining: 295 });
  });

  it("admits exactly the capacity alone, refuses without writing, and refills by the clock", async () => {
    const clock = { now: 5_000_000 };
    const limit = batched({ name: "alone", capacity: 25, refillPerMinute: 6, now: () => clock.now }, { takes: 10, everyMs: 100 });
    const decisions = await Promise.all(Array.from({ length: 40 }, () => limit.take("198.51.100.7")));
    expect(decisions.filter((decision) => decision.ok)).toHaveLength(25);
    expect(decisions.filter((decision) => !decision.ok)).toEqual(Array.from({ length: 15 }, () => ({ ok: false, retryAfterSeconds: 10 })));
    await limit.flush();
    expect((await rows())[0]?.tokens).toBe(0);
    clock.now += 10_000;
    expect(await limit.take("198.51.100.7")).toEqual({ ok: true, remaining: 0 });
    expect((await limit.take("198.51.100.7")).ok).toBe(false);
  });

  it("holds two instances to capacity + 2 × `takes` in a burst, and writes every take it admitted", async () => {
    const options = { name: "shared-views", capacity: 20, refillPerMinute: 6, now: () => 9_000_000 };
    const batching = { takes: 5, everyMs: 100 };
    await withSecondInstance(testDb.target, async (db) => {
      const instances = [batched(options, batching), batched(options, batching, db)];
      let admitted = 0;
      for (let n = 0; n < 100; n++) if ((await instances[n % 2]!.take("198.51.100.7")).ok) admitted += 1;
      expect(admitted).toBeGreaterThanOrEqual(options.capacity);
      expect(admitted).toBeLessThanOrEqual(options.capacity + 2 * batching.takes);
      await instances[0]!.flush();
      await instances[1]!.flush();
      // In debt by what was admitted past capacity, so the rate over time stays exact.
      expect((await rows())[0]?.tokens).toBe(options.capacity - admitted);
    });
  });

  it("keeps each instance's unwritten takes per key under `takes`: the next one writes first", async () => {
    const clock = { now: 2_000_000 };
    const options = { name: "bounded", capacity: 100, refillPerMinute: 0.001, now: () => clock.now };
    const limit = batched(options, { takes: 4, everyMs: 60_000 });
    for (let n = 0; n < 4; n++) await limit.take("198.51.100.7");
    expect(await rows()).toHaveLength(0);
    await limit.take("198.51.100.7");
    expect((await rows())[0]?.tokens).toBe(96);
    for (let n = 0; n < 3; n++) await limit.take("198.51.100.7");
    expect((await rows())[0]?.tokens).toBe(96);
    await limit.take("198.51.100.7");
    expect((await rows())[0]?.tokens).toBe(92);
  });
});
