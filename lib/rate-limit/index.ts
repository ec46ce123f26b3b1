/**
 * Rate limits: a token bucket per key, kept in the database (`rate_limit_buckets`) so that every
 * Wikiport instance on it counts against one budget; behind a load balancer a limit held in each
 * process would be multiplied by the number of processes (docs/decisions/018-many-instances.md).
 *
 * One statement decides and records a request: an upsert that refills the bucket by the time elapsed,
 * takes a token only if a whole one is there, and returns what is left. The database applies it to the
 * row atomically (SQLite's one writer; PostgreSQL's row lock on the conflicting key), so two instances
 * can never both spend the last token. The same statement runs on both engines: only CASE, CAST and
 * arithmetic, no engine's own functions (SQLite's max() is PostgreSQL's greatest()).
 *
 * The clock is a parameter so tests need no real waiting. Rows hold a keyed digest of the subject,
 * never a client address or session id (docs/security-requirements.md item 33).
 */
import { createHmac } from "node:crypto";
import { and, eq, like, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rateLimitBuckets } from "@/db/schema";

export const API_RATE_LIMIT = { capacity: 60, refillPerMinute: 60 } as const;

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Spends one token of `key`'s bucket, or says how long until one is there. */
  take(key: string): Promise<RateDecision>;
  /** The same answer as `take` would give, without spending anything. */
  peek(key: string): Promise<RateDecision>;
}

/** Where the buckets live: the database every instance shares, and the secret their keys are digested with. */
export interface RateLimitStore {
  /** Called on first use, so that making a limiter at import time opens no database. */
  db: () => Db;
  /**
   * Keys the subject digest. An unkeyed SHA-256 of an IPv4 address is undone by trying all 2³²
   * addresses; keyed with a secret every instance shares, the row says nothing about who it counts.
   */
  secret: string;
}

export interface RateLimitOptions {
  /** Which limit this is: the prefix of its rows, so limits with the same subject never share a bucket. */
  name: string;
  capacity: number;
  refillPerMinute: number;
  now?: () => number;
  /** How often (by `now`) this limiter deletes its rows that have refilled to full (milliseconds). */
  sweepEveryMs?: number;
}

const NAME = /^[a-z][a-z0-9-]*$/;
const SWEEP_EVERY_MS = 60_000;

/** What the exact limiter and the batched one (batched.ts) share: the row keys, the refill arithmetic and the sweep. */
export function bucketsOf(store: RateLimitStore, options: RateLimitOptions) {
  // The name is matched with LIKE when sweeping: letters, digits and hyphens only, so no wildcard slips in.
  if (!NAME.test(options.name)) throw new Error(`rate limit name ${JSON.stringify(options.name)} must be lowercase letters, digits and hyphens`);
  const now = options.now ?? Date.now;
  const capacity = options.capacity;
  const perMs = options.refillPerMinute / 60_000;
  const sweepEveryMs = options.sweepEveryMs ?? SWEEP_EVERY_MS;
  const digestKey = createHmac("sha256", store.secret).update("wikiport rate-limit keys").digest();
  let lastSweep = Number.NEGATIVE_INFINITY;

  const rowKey = (key: string) => `${options.name}:${createHmac("sha256", digestKey).update(key).digest("base64url")}`;
  const retryAfter = (tokens: number) => Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
  const refilled = (row: { tokens: number; updatedMs: number } | undefined, t: number) =>
    row ? Math.min(capacity, row.tokens + Math.max(0, t - row.updatedMs) * perMs) : capacity;

  // Explicit casts: PostgreSQL infers a bare parameter's type from its neighbour (a bigint column would
  // make the refill rate an integer); SQLite reads BIGINT and DOUBLE PRECISION as INTEGER and REAL.
  const at = (t: number) => sql`cast(${t} as bigint)`;
  const rate = sql`cast(${perMs} as double precision)`;
  const full = sql`cast(${capacity} as double precision)`;
  const t = rateLimitBuckets;
  // A clock behind the row's (another instance's) refills nothing and never moves the row back.
  const elapsed = (time: number) => sql`case when ${at(time)} > ${t.updatedMs} then ${at(time)} - ${t.updatedMs} else 0 end`;
  const tokensAt = (time: number) =>
    sql`case when ${t.tokens} + ${elapsed(time)} * ${rate} > ${full} then ${full} else ${t.tokens} + ${elapsed(time)} * ${rate} end`;
  const updatedAt = (time: number) => sql`case when ${at(time)} > ${t.updatedMs} then ${at(time)} else ${t.updatedMs} end`;

  async function read(db: Db, key: string) {
    return (await db.select({ tokens: t.tokens, updatedMs: t.updatedMs }).from(t).where(eq(t.key, key)).limit(1))[0];
  }

  // Rows that have refilled to full say nothing a missing row would not; deleting them keeps the table
  // to the subjects seen within one full refill. Once a minute per limiter and instance, by the clock.
  async function sweep(db: Db, time: number) {
    if (time - lastSweep < sweepEveryMs) return;
    lastSweep = time;
    await db.delete(t).where(and(like(t.key, `${options.name}:%`), sql`${t.tokens} + (${at(time)} - ${t.updatedMs}) * ${rate} >= ${full}`));
  }

  return { now, capacity, perMs, rowKey, retryAfter, refilled, at, full, tokensAt, updatedAt, read, sweep };
}

export function createRateLimiter(store: RateLimitStore, options: RateLimitOptions): RateLimiter {
  const { now, capacity, rowKey, retryAfter, refilled, tokensAt, updatedAt, read, sweep } = bucketsOf(store, options);
  const t = rateLimitBuckets;

  return {
    async take(key) {
      const db = store.db();
      const time = Math.floor(now());
      await sweep(db, time);
      const id = rowKey(key);
      const tokens = tokensAt(time);
      const taken = await db
        .insert(t)
        .values({ key: id, tokens: capacity - 1, updatedMs: time })
        .onConflictDoUpdate({
          target: t.key,
          set: { tokens: sql`${tokens} - 1`, updatedMs: updatedAt(time) },
          // Refused: the row stays as it was, so a refused request costs nothing and the wait is honest.
          setWhere: sql`${tokens} >= 1`,
        })
        .returning({ tokens: t.tokens });
      const left = taken[0];
      if (left) return { ok: true, remaining: Math.floor(left.tokens) };
      return { ok: false, retryAfterSeconds: retryAfter(refilled(await read(db, id), time)) };
    },

    async peek(key) {
      const time = Math.floor(now());
      const tokens = refilled(await read(store.db(), rowKey(key)), time);
      return tokens >= 1 ? { ok: true, remaining: Math.floor(tokens - 1) } : { ok: false, retryAfterSeconds: retryAfter(tokens) };
    },
  };
}
