/**
 * A shared rate limit counted in this process and written to the database in batches, for the limits
 * that every page or card view takes (`/wiki/` reads in proxy.ts, `/embed/` cards): a database write
 * on the path of every view (docs/benchmarks.md row c), where these limits only have to stop a flood,
 * not count its last request exactly.
 *
 * Each process keeps a local bucket per key, started full for a key it has not seen (like a missing row)
 * and reset to the database's value by every write. A take is decided on the local bucket; takes are
 * written as one statement for all keys once `everyMs` has passed (by the clock, on the next take), and
 * at once, before deciding, for a key with `takes` unwritten takes. A refusal writes nothing: the local
 * bucket holds at most what the shared one does (other instances only take more).
 *
 * The bound (docs/decisions/018-many-instances.md): every process holds at most `takes` unwritten takes
 * per key, so N instances admit at most capacity + N × `takes` in a burst; every admitted take is
 * written, so the rate over time is exact (a row may go below zero, and its client then waits longer).
 * A process that stops taking leaves its last unwritten takes unwritten, within the same bound.
 */
import { sql } from "drizzle-orm";
import { rateLimitBuckets } from "@/db/schema";
import { bucketsOf, type RateLimiter, type RateLimitOptions, type RateLimitStore } from "./index";

export interface Batching {
  /** Unwritten takes per key after which the next take writes first. */
  takes: number;
  /** How often (by the limiter's clock) counted takes are written. */
  everyMs: number;
  /** Local buckets kept; past it, those with nothing unwritten are forgotten, oldest first. */
  maxKeys?: number;
}

/** For the limits every view takes: ten takes or a tenth of a second, whichever comes first. */
export const VIEW_BATCHING: Batching = { takes: 10, everyMs: 100 };

interface LocalBucket {
  /** Tokens as of `at`, this process's unwritten takes already spent. */
  tokens: number;
  at: number;
  unwritten: number;
}

/** Rows per statement, well under SQLite's bound on parameters (3 a row). */
const ROWS_PER_WRITE = 500;

export function createBatchedRateLimiter(store: RateLimitStore, options: RateLimitOptions, batching: Batching): RateLimiter & { flush(): Promise<void> } {
  const { now, capacity, perMs, rowKey, retryAfter, refilled, full, tokensAt, updatedAt, read, sweep } = bucketsOf(store, options);
  const maxKeys = batching.maxKeys ?? 50_000;
  const t = rateLimitBuckets;
  const local = new Map<string, LocalBucket>();
  /** Keys with unwritten takes. */
  const dirty = new Set<string>();
  let lastWrite = Math.floor(now());
  let lastForget = lastWrite;
  let writing: Promise<void> | null = null;

  const level = (bucket: LocalBucket, time: number) => Math.min(capacity, bucket.tokens + Math.max(0, time - bucket.at) * perMs);

  /** One statement per batch of rows: each row loses its key's unwritten takes, refilled by the time elapsed. */
  async function write(): Promise<void> {
    const db = store.db();
    const time = Math.floor(now());
    lastWrite = time;
    const sent = [...dirty].map((id) => ({ id, count: local.get(id)?.unwritten ?? 0 })).filter(({ count }) => count > 0);
    dirty.clear();
    for (let start = 0; start < sent.length; start += ROWS_PER_WRITE) {
      const rows = sent.slice(start, start + ROWS_PER_WRITE);
      const written = await db
        .insert(t)
        .values(rows.map(({ id, count }) => ({ key: id, tokens: capacity - count, updatedMs: time })))
        .onConflictDoUpdate({
          target: t.key,
          // `excluded` is the row that was to be inserted: capacity less this key's count.
          set: { tokens: sql`${tokensAt(time)} - (${full} - excluded.tokens)`, updatedMs: updatedAt(time) },
        })
        .returning({ key: t.key, tokens: t.tokens })
        .catch((error: unknown) => {
          // Not written: these counts go with the next write.
          for (const { id } of sent.slice(start)) dirty.add(id);
          throw error;
        });
      const shared = new Map(written.map((row) => [row.key, row.tokens]));
      for (const { id, count } of rows) {
        const bucket = local.get(id);
        if (!bucket) continue;
        bucket.unwritten -= count;
        const tokens = shared.get(id);
        if (tokens === undefined) continue;
        // The shared count as of the write, less the takes admitted while the statement ran (still unwritten).
        bucket.tokens = tokens - bucket.unwritten;
        bucket.at = time;
      }
    }
    await sweep(db, time);
    forget(time);
  }

  /**
   * A full bucket with nothing unwritten says what no bucket says: forget it (once a second, by the
   * clock), and past `maxKeys` the oldest with nothing unwritten.
   */
  function forget(time: number) {
    if (time - lastForget >= 1_000) {
      lastForget = time;
      for (const [id, bucket] of local) if (bucket.unwritten === 0 && level(bucket, time) >= capacity) local.delete(id);
    }
    for (const [id, bucket] of local) {
      if (local.size <= maxKeys) break;
      if (bucket.unwritten === 0) local.delete(id);
    }
  }

  /**
   * Writes what is counted. One write at a time; whoever asks during a write shares the next one, which
   * carries what was counted meanwhile.
   */
  let next: Promise<void> | null = null;
  function flush(): Promise<void> {
    if (!writing) {
      writing = write().finally(() => {
        writing = null;
      });
      return writing;
    }
    next ??= writing
      .catch(() => undefined)
      .then(() => {
        next = null;
        return flush();
      });
    return next;
  }

  function writeInBackground(time: number) {
    // This view does not wait for it. A failed write keeps its counts: the take that finds `takes` of
    // them for its key waits for a write, and fails with the database as an exact limit would.
    if (!writing && dirty.size > 0 && time - lastWrite >= batching.everyMs) flush().catch(() => undefined);
  }

  return {
    async take(key) {
      const id = rowKey(key);
      for (;;) {
        const time = Math.floor(now());
        let bucket = local.get(id);
        if (!bucket) {
          bucket = { tokens: capacity, at: time, unwritten: 0 };
          local.set(id, bucket);
        }
        const tokens = level(bucket, time);
        writeInBackground(time);
        // Refused on what this process knows: the shared bucket holds no more (other instances only take).
        if (tokens < 1) return { ok: false, retryAfterSeconds: retryAfter(tokens) };
        if (bucket.unwritten >= batching.takes) {
          await flush();
          continue;
        }
        bucket.tokens = tokens - 1;
        bucket.at = time;
        bucket.unwritten += 1;
        dirty.add(id);
        return { ok: true, remaining: Math.floor(bucket.tokens) };
      }
    },

    async peek(key) {
      const id = rowKey(key);
      const bucket = local.get(id);
      const time = Math.floor(now());
      const tokens = bucket ? level(bucket, time) : refilled(await read(store.db(), id), time);
      return tokens >= 1 ? { ok: true, remaining: Math.floor(tokens - 1) } : { ok: false, retryAfterSeconds: retryAfter(tokens) };
    },

    flush,
  };
}
