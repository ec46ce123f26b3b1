import { describe, expect, it } from "vitest";
import { connectDb } from "@/db";
import { useTestDb } from "@/db/testing";
import { createAuthFailureLimiter } from "./auth-failures";

const testDb = useTestDb();
const SECRET = "auth-failures-test-secret";

describe("failed API authentications, counted across instances", () => {
  it("blocks a client on every instance once the failures on all of them reach the limit", async () => {
    let now = 0;
    const options = { capacity: 3, refillPerMinute: 6, now: () => now };
    const other = connectDb(testDb.target);
    try {
      const first = createAuthFailureLimiter({ db: () => testDb.db, secret: SECRET }, options);
      const second = createAuthFailureLimiter({ db: () => other, secret: SECRET }, options);
      expect(await first.fail("203.0.113.7")).toEqual({ ok: true });
      expect(await second.fail("203.0.113.7")).toEqual({ ok: true });
      expect(await first.check("203.0.113.7")).toEqual({ ok: true });
      expect(await second.fail("203.0.113.7")).toEqual({ ok: true });
      // Three failures in all: both instances now refuse that client before looking at any token.
      expect(await first.check("203.0.113.7")).toEqual({ ok: false, retryAfterSeconds: 10 });
      expect(await second.check("203.0.113.7")).toEqual({ ok: false, retryAfterSeconds: 10 });
      expect(await first.fail("203.0.113.7")).toEqual({ ok: false, retryAfterSeconds: 10 });
      expect(await second.check("203.0.113.8")).toEqual({ ok: true });
      now = 4_000;
      expect(await second.check("203.0.113.7")).toEqual({ ok: false, retryAfterSeconds: 6 });
      now = 10_000;
      expect(await first.check("203.0.113.7")).toEqual({ ok: true });
      expect(await second.fail("203.0.113.7")).toEqual({ ok: true });
      expect(await first.check("203.0.113.7")).toEqual({ ok: false, retryAfterSeconds: 10 });
    } finally {
      await other.close();
    }
  });
});
