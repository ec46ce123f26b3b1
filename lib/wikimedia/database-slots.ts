/**
 * A credential's request slots shared by every Wikiport instance on the database, so that "≤3
 * concurrent requests" per token (docs/wikimedia-protocol.md §7) holds for the whole deployment, not
 * per instance (docs/decisions/018-many-instances.md).
 *
 * `upstream_slots` has one row per credential and slot number. Taking a slot is one conditional UPDATE
 * of a free (or expired) row, RETURNING it; giving it back clears the holder and wakes waiters through
 * `db.signals`. No transaction is held while the request is on the wire. A holder that dies keeps its
 * slot only until `expires_ms` (the request's timeout plus a margin), so a crash costs the others a
 * bounded wait, never a slot for good.
 *
 * Credentials are stored as SHA-256 digests: the table never holds a user id or a token.
 */
import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, lt, lte, or } from "drizzle-orm";
import type { Db } from "@/db";
import { upstreamSlots } from "@/db/schema";
import type { Subscription } from "@/db/signals";
import { log as defaultLog, type Logger } from "@/lib/log";
import { KeyedSemaphore, SlotTimeout, type SlotPool } from "./slots";

export interface DatabaseSlotsOptions {
  db: Db;
  /** Default 3 (docs/wikimedia-protocol.md §7). */
  limit?: number;
  /** The clock slots expire by. Instances' clocks must agree to well within the hold margin (NTP). */
  now?: () => number;
  /**
   * How long a waiter sleeps when no wake-up comes. Wake-ups cross instances on PostgreSQL, so there
   * this only covers a lost notification; SQLite's stay in one process, so there it is short.
   */
  fallbackMs?: number;
  log?: Logger;
}

const digest = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

export function databaseSlots(options: DatabaseSlotsOptions): SlotPool {
  const { db } = options;
  const limit = options.limit ?? 3;
  const now = options.now ?? Date.now;
  const fallbackMs = options.fallbackMs ?? (db.signals.crossProcess ? 1_000 : 100);
  const logger = options.log ?? defaultLog;
  // One caller per credential at a time asks the database in this process, the rest queue here, taking
  // turns by waiter (slots.ts): a released slot then wakes one contender per instance instead of every
  // waiting request, and the order in which this instance's waiters reach the database is fair.
  const gate = new KeyedSemaphore(1);

  function free(at: number) {
    return or(isNull(upstreamSlots.holder), lte(upstreamSlots.expiresMs, at));
  }

  /** One UPDATE: the lowest free slot of `credential` becomes `holder`'s, or nothing changes. */
  async function take(credential: string, holder: string, holdMs: number): Promise<number | null> {
    const at = now();
    const candidate = db
      .select({ slot: upstreamSlots.slot })
      .from(upstreamSlots)
      .where(and(eq(upstreamSlots.credential, credential), lt(upstreamSlots.slot, limit), free(at)))
      .orderBy(asc(upstreamSlots.slot))
      .limit(1);
    // `free` is repeated on the outer row: when two instances pick the same candidate, PostgreSQL
    // re-checks it on the row the first one updated, and SQLite runs one writer at a time, so the
    // second finds it taken and changes nothing.
    const taken = await db
      .update(upstreamSlots)
      .set({ holder, expiresMs: at + holdMs })
      .where(and(eq(upstreamSlots.credential, credential), inArray(upstreamSlots.slot, candidate), free(at)))
      .returning({ slot: upstreamSlots.slot });
    return taken[0]?.slot ?? null;
  }

  async function giveBack(credential: string, slot: number, holder: string, topic: string): Promise<void> {
    try {
      // Only while still ours: after expiry another request may hold it.
      await db
        .update(upstreamSlots)
        .set({ holder: null, expiresMs: 0 })
        .where(and(eq(upstreamSlots.credential, credential), eq(upstreamSlots.slot, slot), eq(upstreamSlots.holder, holder)));
      await db.signals.notify(topic);
    } catch {
      // The slot frees itself at expires_ms. Not the error itself: Drizzle's message carries the query's parameters.
      logger.warn("wikimedia.slot_release_failed", { slot });
    }
  }

  async function wait(credential: string, topic: string, holder: string, request: { deadline: number; holdMs: number }): Promise<number> {
    let subscription: Subscription | null = null;
    try {
      for (;;) {
        const slot = await take(credential, holder, request.holdMs);
        if (slot !== null) return slot;
        const rows = await db
          .select({ holder: upstreamSlots.holder, expiresMs: upstreamSlots.expiresMs })
          .from(upstreamSlots)
          .where(and(eq(upstreamSlots.credential, credential), lt(upstreamSlots.slot, limit)));
        if (rows.length < limit) {
          // First use of this credential: its rows are made once, by whichever instance comes first.
          const missing = Array.from({ length: limit }, (_, n) => ({ credential, slot: n }));
          await db.insert(upstreamSlots).values(missing).onConflictDoNothing();
          continue;
        }
        const at = now();
        if (at >= request.deadline) throw new SlotTimeout();
        // A free row that `take` missed went to a racing instance's statement between the two reads: try again.
        if (rows.some((row) => row.holder === null || row.expiresMs <= at)) continue;
        if (!subscription) {
          // Listen first, then look again, so a release between the look and the wait is not missed.
          subscription = await db.signals.subscribe(topic);
          continue;
        }
        const soonestExpiry = Math.min(...rows.map((row) => row.expiresMs));
        await subscription.next(Math.max(1, Math.min(fallbackMs, request.deadline - at, soonestExpiry - at)));
      }
    } finally {
      subscription?.close();
    }
  }

  return {
    async acquire(key, request) {
      const credential = digest(key);
      const topic = `upstream-slot:${credential}`;
      const holder = randomUUID();
      const leaveGate = await gate.acquire(credential, request.deadline, request.waiter);
      let slot: number;
      try {
        slot = await wait(credential, topic, holder, request);
      } finally {
        leaveGate();
      }
      return () => giveBack(credential, slot, holder, topic);
    },
  };
}
