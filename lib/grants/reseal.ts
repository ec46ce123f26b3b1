/**
 * Key rotation: re-seal every stored token with the key ring's active key, in small batches, so the old
 * key can then be removed. Resumable by construction (it only picks rows still sealed with another key)
 * and safe beside live refreshes: it never changes `version`, and skips a row whose lease is held.
 */
import { and, eq, isNull, lte, or } from "drizzle-orm";
import type { Db } from "@/db";
import { grants } from "@/db/schema";
import type { KeyRing } from "@/lib/crypto/key-ring";
import { needsReseal, open, seal } from "@/lib/crypto/sealed";

export interface ResealProgress {
  done: number;
  total: number;
  skipped: number;
}

const BATCH = 100;

function stale(ring: KeyRing, value: string | null): boolean {
  return value !== null && needsReseal(ring, value);
}

/** Rows of `grants` with at least one value sealed by a key other than the active one. */
export function countStale(db: Db, ring: KeyRing): number {
  return db
    .select({ access: grants.accessToken, refresh: grants.refreshToken })
    .from(grants)
    .all()
    .filter((row) => stale(ring, row.access) || stale(ring, row.refresh)).length;
}

export function resealAll(db: Db, ring: KeyRing, onProgress: (progress: ResealProgress) => void = () => {}): ResealProgress {
  const total = countStale(db, ring);
  const progress: ResealProgress = { done: 0, total, skipped: 0 };
  const seen = new Set<string>();
  for (;;) {
    const batch = db
      .select()
      .from(grants)
      .all()
      .filter((row) => !seen.has(row.id) && (stale(ring, row.accessToken) || stale(ring, row.refreshToken)))
      .slice(0, BATCH);
    if (batch.length === 0) break;
    db.transaction((tx) => {
      for (const row of batch) {
        seen.add(row.id);
        const owner = `user:${row.userId}/grant:${row.id}`;
        const reseal = (value: string | null, column: "access_token" | "refresh_token") => {
          if (value === null || !needsReseal(ring, value)) return value;
          const context = { purpose: `grants.${column}`, owner };
          return seal(ring, open(ring, value, context), context);
        };
        const now = new Date();
        const result = tx
          .update(grants)
          .set({ accessToken: reseal(row.accessToken, "access_token"), refreshToken: reseal(row.refreshToken, "refresh_token") })
          .where(
            and(
              eq(grants.id, row.id),
              eq(grants.version, row.version),
              or(isNull(grants.leaseUntil), lte(grants.leaseUntil, now)),
            ),
          )
          .run();
        if (result.changes === 1) progress.done += 1;
        else progress.skipped += 1;
      }
    });
    onProgress({ ...progress });
  }
  return progress;
}

