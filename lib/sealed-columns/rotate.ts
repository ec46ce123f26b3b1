/**
 * Key rotation: re-seal every value of every sealed column (registry.ts) with the key ring's active key,
 * in small batches, so the old key can then be removed. Resumable by construction (it only picks values
 * still sealed with another key) and safe beside live writes: a value is replaced only if it is still
 * the one that was read, and never while its row is busy (the column's `writable` rule).
 */
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db";
import type { KeyRing } from "@/lib/crypto/key-ring";
import { needsReseal, open, seal } from "@/lib/crypto/sealed";
import { propertyOf, SEALED_COLUMNS, type SealedColumn } from "./registry";

export interface ColumnProgress {
  /** `table.column`. */
  column: string;
  done: number;
  total: number;
  /** Values whose row was busy or changed meanwhile: still under the old key, picked up by the next run. */
  skipped: number;
}

const BATCH = 100;

type Row = Record<string, unknown>;

async function staleRows(db: Db, ring: KeyRing, entry: SealedColumn): Promise<Row[]> {
  const property = propertyOf(entry);
  const rows = (await db.select().from(entry.table).where(isNotNull(entry.column))) as Row[];
  return rows.filter((row) => needsReseal(ring, row[property] as string));
}

/** Per sealed column, how many values are sealed with a key other than the active one. */
export async function countStale(db: Db, ring: KeyRing, columns: readonly SealedColumn[] = SEALED_COLUMNS): Promise<Record<string, number>> {
  const counts: [string, number][] = [];
  for (const entry of columns) counts.push([entry.name, (await staleRows(db, ring, entry)).length]);
  return Object.fromEntries(counts);
}

async function resealColumn(db: Db, ring: KeyRing, entry: SealedColumn, onProgress: (progress: ColumnProgress) => void): Promise<ColumnProgress> {
  const property = propertyOf(entry);
  const keyProperty = propertyOf({ table: entry.table, column: entry.key });
  const pending = await staleRows(db, ring, entry);
  const progress: ColumnProgress = { column: entry.name, done: 0, total: pending.length, skipped: 0 };
  for (let start = 0; start < pending.length; start += BATCH) {
    const batch = pending.slice(start, start + BATCH);
    await db.transaction(async (tx) => {
      const now = new Date();
      for (const row of batch) {
        const old = row[property] as string;
        const context = entry.context(row);
        const written = await tx
          .update(entry.table)
          .set({ [property]: seal(ring, open(ring, old, context), context) })
          .where(and(eq(entry.key, row[keyProperty]), eq(entry.column, old), entry.writable?.(row, now)))
          .returning({ key: entry.key });
        if (written.length === 1) progress.done += 1;
        else progress.skipped += 1;
      }
    });
    onProgress({ ...progress });
  }
  return progress;
}

/** Re-seals every registered column in turn; one result per column, in registry order. */
export async function resealAll(
  db: Db,
  ring: KeyRing,
  onProgress: (progress: ColumnProgress) => void = () => {},
  columns: readonly SealedColumn[] = SEALED_COLUMNS,
): Promise<ColumnProgress[]> {
  const results: ColumnProgress[] = [];
  for (const entry of columns) results.push(await resealColumn(db, ring, entry, onProgress));
  return results;
}
