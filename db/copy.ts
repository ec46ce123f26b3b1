/**
 * `npm run db:copy`: moves a Wikiport database from SQLite (one machine) up to PostgreSQL (many
 * instances), table by table in foreign-key order, in batches ordered by primary key, every value as it
 * was. Ids are kept, so sealed values still open (their associated data names the user and row ids,
 * never the engine or a row position: lib/sealed-columns/registry.ts) and sessions stay valid.
 *
 * Resumable: the target holds a `wikiport_copy` table while a copy is unfinished, one row per table
 * with how far it got; a batch and its progress row commit together, so a copy stopped at any point
 * (Ctrl-C, a kill, a lost connection) is finished by running the command again, every row exactly
 * once. The table is created by the copy and dropped when it completes, rather than added to both
 * schemas, so that the data model and its migrations carry nothing that only the copy ever uses, and
 * its mere presence says "an unfinished copy".
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { and, asc, desc, eq, getTableName, gt, is, or, type SQL } from "drizzle-orm";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { PgTable, bigint, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type pg from "pg";
import { z } from "zod";
import { DEFAULT_SQLITE_PATH } from "./engine";
import { openPostgres, openSqlite, type Db } from "./index";
import { migrate } from "./migrate";
import * as postgresSchema from "./schema/postgres";
import * as sqliteSchema from "./schema/sqlite";

type SqliteTables = typeof sqliteSchema;
type TableName = keyof SqliteTables & keyof typeof postgresSchema;

interface CopiedTable {
  /** The export name in both schema modules. */
  name: TableName;
  /** The primary key's properties, in the order rows are read. */
  key: readonly string[];
}

/** Foreign-key order: every table references `users` only, so `users` comes first. */
export const COPIED_TABLES: readonly CopiedTable[] = [
  { name: "users", key: ["id"] },
  { name: "accounts", key: ["provider", "providerAccountId"] },
  { name: "sessions", key: ["sessionToken"] },
  { name: "verificationTokens", key: ["identifier", "token"] },
  { name: "grants", key: ["id"] },
  { name: "wikimediaProfiles", key: ["userId"] },
  { name: "auditEvents", key: ["id"] },
  { name: "apiTokens", key: ["id"] },
  { name: "personalTokens", key: ["userId"] },
  { name: "widgets", key: ["id"] },
];

/**
 * Shared state that is not copied: it lives minutes, and each kind rebuilds itself on the new engine
 * (a bucket starts full, a slot free, the app token is fetched again on first use); a stale copy would
 * only hold back requests for nothing.
 */
export const NOT_COPIED: Readonly<Partial<Record<TableName, string>>> = {
  rateLimitBuckets: "rate-limit buckets refill within minutes and start full",
  upstreamSlots: "in-flight request slots belong to processes that are gone",
  appTokens: "the app token is fetched again on first use",
};

/** The target's copy marker and progress (see the module comment): one row per copied table. */
const copyProgress = pgTable("wikiport_copy", {
  tableName: text("table_name").primaryKey(),
  /** A fingerprint of the source (`sourceFingerprint`): a copy resumes only from the same source. */
  source: text("source").notNull(),
  total: bigint("total", { mode: "number" }).notNull(),
  done: bigint("done", { mode: "number" }).notNull(),
  /** The primary key of the last row copied, as a JSON array; null before the first batch. */
  lastKey: jsonb("last_key").$type<(string | number)[] | null>(),
});

const CREATE_PROGRESS = `CREATE TABLE wikiport_copy (
  table_name text PRIMARY KEY,
  source text NOT NULL,
  total bigint NOT NULL,
  done bigint NOT NULL,
  last_key jsonb
)`;

/** An arbitrary constant ("copy"): the advisory lock one running copy holds on its target. */
const COPY_LOCK = 0x636f7079;

export const DEFAULT_BATCH_SIZE = 500;

export type CopyErrorCode = "source_missing" | "target_not_empty" | "other_copy" | "copy_running" | "count_mismatch" | "progress_lost";

/** A copy that cannot go on, worded for the operator (never containing a password). */
export class CopyError extends Error {
  override name = "CopyError";
  constructor(
    readonly code: CopyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface CopyProgressEvent {
  /** The table as SQL names it. */
  table: string;
  done: number;
  total: number;
}

export interface CopyOptions {
  /** Rows per batch (and per transaction on the target). */
  batchSize?: number;
  /** Stops the copy after the batch in flight has committed; running the copy again resumes it. */
  signal?: AbortSignal;
  /** Called when a copy begins or resumes a table, and after every batch has committed. */
  onProgress?: (event: CopyProgressEvent) => void;
}

export interface CopyResult {
  /** `stopped`: the signal ended it early; the target holds an unfinished copy to resume. */
  status: "done" | "stopped";
  /** Whether this run continued an unfinished copy of the same source. */
  resumed: boolean;
  tables: { table: string; rows: number }[];
}

type Row = Record<string, unknown>;
type KeyValue = string | number;

function sqliteTableOf(name: TableName): SQLiteTable {
  return sqliteSchema[name] as unknown as SQLiteTable;
}

function postgresTableOf(name: TableName): PgTable {
  return postgresSchema[name] as unknown as PgTable;
}

function columnOf(table: SQLiteTable, property: string): SQLiteColumn {
  return (table as unknown as Record<string, SQLiteColumn>)[property]!;
}

/** Rows strictly after `last` in primary-key order: (a, b) > (x, y) spelled out for both engines. */
function after(columns: readonly SQLiteColumn[], last: readonly KeyValue[]): SQL | undefined {
  const [first, ...rest] = columns;
  if (!first) return undefined;
  const value = last[0];
  const deeper = after(rest, last.slice(1));
  return deeper ? or(gt(first, value), and(eq(first, value), deeper)) : gt(first, value);
}

/**
 * Identifies a source by what it holds: per table, its row count and first and last primary keys. A
 * copy resumes only onto a target begun from a source with the same fingerprint, so a different file
 * or one written to since (Wikiport was still running on it) is refused instead of half merged.
 */
function sourceFingerprint(summary: readonly { table: string; total: number; first: unknown; last: unknown }[]): string {
  return createHash("sha256").update(JSON.stringify(summary)).digest("hex");
}

type SqliteReader = ReturnType<typeof drizzleSqlite<SqliteTables>>;

async function summarise(reader: SqliteReader) {
  const summary: { name: TableName; table: string; total: number; first: unknown; last: unknown }[] = [];
  for (const { name, key } of COPIED_TABLES) {
    const table = sqliteTableOf(name);
    const columns = key.map((property) => columnOf(table, property));
    const pick = Object.fromEntries(key.map((property) => [property, columnOf(table, property)]));
    const total = (await reader.$count(table)) as number;
    const first = (await reader.select(pick).from(table).orderBy(...columns.map((c) => asc(c))).limit(1))[0] ?? null;
    const last = (await reader.select(pick).from(table).orderBy(...columns.map((c) => desc(c))).limit(1))[0] ?? null;
    summary.push({ name, table: getTableName(table), total, first, last });
  }
  return summary;
}

/**
 * Copies the SQLite database at `from` into the PostgreSQL database at `to` (migrating both first, as
 * `npm start` would), or resumes an unfinished copy of the same source.
 */
export async function copySqliteToPostgres(from: string, to: string, options: CopyOptions = {}): Promise<CopyResult> {
  if (!existsSync(from)) {
    throw new CopyError("source_missing", `There is no SQLite database at ${from}: give its path with --from (or DATABASE_PATH).`);
  }
  const source = openSqlite(from);
  try {
    await migrate(source);
    // Besides the pool's connections for batches, one more holds the copy's advisory lock throughout.
    const target = await openPostgres(to, { poolSize: 3 });
    try {
      await migrate(target);
      return await copyInto(source, target, options);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function copyInto(source: Db & { sqlite: import("better-sqlite3").Database }, target: Db & { pool: pg.Pool }, options: CopyOptions): Promise<CopyResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const reader = drizzleSqlite({ client: source.sqlite, schema: sqliteSchema });
  const lock = await target.pool.connect();
  try {
    const locked = await lock.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [COPY_LOCK]);
    if (!locked.rows[0]?.locked) {
      throw new CopyError("copy_running", "Another db:copy is writing to this target right now; let it finish (or stop it) first.");
    }
    const summary = await summarise(reader);
    const fingerprint = sourceFingerprint(summary.map(({ table, total, first, last }) => ({ table, total, first, last })));
    const resumed = await begin(lock, summary, fingerprint);

    const tables: CopyResult["tables"] = [];
    for (const { name, key } of COPIED_TABLES) {
      const from = sqliteTableOf(name);
      const into = postgresTableOf(name);
      const table = getTableName(from);
      const columns = key.map((property) => columnOf(from, property));
      const progress = (await target.select().from(copyProgress).where(eq(copyProgress.tableName, table)))[0];
      if (!progress) throw new CopyError("progress_lost", `The target's copy progress for ${table} is missing; drop the target database and copy again.`);
      let { done, lastKey } = progress;
      options.onProgress?.({ table, done, total: progress.total });
      while (done < progress.total) {
        if (options.signal?.aborted) return { status: "stopped", resumed, tables };
        const rows = (await reader
          .select()
          .from(from)
          .where(lastKey ? after(columns, lastKey) : undefined)
          .orderBy(...columns.map((c) => asc(c)))
          .limit(batchSize)) as Row[];
        if (rows.length === 0) break;
        const nextKey = key.map((property) => rows.at(-1)![property] as KeyValue);
        const before = done;
        await target.transaction(async (tx) => {
          await tx.insert(into).values(rows as never);
          // Conditional on the count read: a second writer (which the lock rules out) would roll back here.
          const moved = await tx
            .update(copyProgress)
            .set({ done: before + rows.length, lastKey: nextKey })
            .where(and(eq(copyProgress.tableName, table), eq(copyProgress.done, before)))
            .returning({ table: copyProgress.tableName });
          if (moved.length !== 1) throw new CopyError("progress_lost", `The target's copy progress for ${table} changed under this copy; run the command again.`);
        });
        done = before + rows.length;
        lastKey = nextKey;
        options.onProgress?.({ table, done, total: progress.total });
      }
      tables.push({ table, rows: done });
    }
    await finish(lock);
    return { status: "done", resumed, tables };
  } finally {
    await lock.query("SELECT pg_advisory_unlock($1)", [COPY_LOCK]).catch(() => undefined);
    lock.release();
  }
}

/**
 * Starts a copy on an empty target, or finds the unfinished copy of this same source to resume; in one
 * transaction, so an instance writing meanwhile cannot slip rows in between the check and the marker.
 * Returns whether it resumes.
 */
async function begin(client: pg.PoolClient, summary: readonly { name: TableName; table: string; total: number }[], fingerprint: string): Promise<boolean> {
  await client.query("BEGIN");
  try {
    const marker = await client.query<{ exists: string | null }>("SELECT to_regclass('wikiport_copy')::text AS exists");
    if (marker.rows[0]?.exists) {
      const sources = await client.query<{ source: string }>("SELECT DISTINCT source FROM wikiport_copy");
      if (sources.rows.length !== 1 || sources.rows[0]!.source !== fingerprint) {
        throw new CopyError(
          "other_copy",
          "The target holds an unfinished copy of another SQLite database, or of this one before it changed. " +
            "Drop and re-create the target database, then copy again (with Wikiport stopped, so the source does not change).",
        );
      }
      await client.query("COMMIT");
      return true;
    }
    const occupied: string[] = [];
    for (const value of Object.values(postgresSchema)) {
      if (!is(value, PgTable)) continue;
      const name = getTableName(value);
      const rows = await client.query(`SELECT 1 FROM "${name}" LIMIT 1`);
      if (rows.rowCount) occupied.push(name);
    }
    if (occupied.length > 0) {
      throw new CopyError(
        "target_not_empty",
        `The target database already holds Wikiport data (in ${occupied.join(", ")}); db:copy only fills an empty one. ` +
          "Point --to at a new, empty database (CREATE DATABASE), or drop this one first if its data may go.",
      );
    }
    await client.query(CREATE_PROGRESS);
    for (const { table, total } of summary) {
      await client.query("INSERT INTO wikiport_copy (table_name, source, total, done) VALUES ($1, $2, $3, 0)", [table, fingerprint, total]);
    }
    await client.query("COMMIT");
    return false;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/** Checks every table's count, moves `audit_events`' identity past the copied ids, and removes the marker. */
async function finish(client: pg.PoolClient): Promise<void> {
  await client.query("BEGIN");
  try {
    const expected = await client.query<{ table_name: string; total: string }>("SELECT table_name, total FROM wikiport_copy");
    for (const { table_name: table, total } of expected.rows) {
      const counted = await client.query<{ count: string }>(`SELECT count(*) AS count FROM "${table}"`);
      if (counted.rows[0]?.count !== total) {
        throw new CopyError("count_mismatch", `${table} holds ${counted.rows[0]?.count} rows on the target, the source ${total}: drop the target database and copy again.`);
      }
    }
    // Rows kept their ids, so the identity would hand out taken ids: the next insert must follow the highest.
    await client.query("SELECT setval(pg_get_serial_sequence('audit_events', 'id'), (SELECT max(id) FROM audit_events))");
    await client.query("DROP TABLE wikiport_copy");
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

export interface CopyArguments {
  from: string;
  to: string;
  batchSize: number;
}

const argumentsSchema = z.object({
  from: z.string().trim().min(1, "--from must name the SQLite file (or set DATABASE_PATH)"),
  to: z
    .string({ error: "--to is missing: give the PostgreSQL URL (or set DATABASE_URL)" })
    .trim()
    .refine((url) => /^postgres(ql)?:\/\/\S+$/.test(url) && URL.canParse(url), "--to must be a postgres:// or postgresql:// URL"),
  batchSize: z.coerce
    .number({ error: "--batch-size must be a whole number" })
    .int("--batch-size must be a whole number")
    .min(1, "--batch-size must be between 1 and 5000")
    .max(5000, "--batch-size must be between 1 and 5000"),
});

export class CopyArgumentsError extends Error {
  override name = "CopyArgumentsError";
}

export const COPY_USAGE = "Usage: npm run db:copy -- [--from data/wikiport.db] [--to postgres://user:password@host:5432/wikiport] [--batch-size 500]";

/**
 * The command line of `npm run db:copy`, with `--from` defaulting to DATABASE_PATH and `--to` to
 * DATABASE_URL from `env` (the caller's validated-at-the-edge environment). Messages never repeat a
 * value given, so a mistyped URL's password is not echoed back.
 */
export function parseCopyArguments(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CopyArguments {
  let values: { from?: string; to?: string; "batch-size"?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { from: { type: "string" }, to: { type: "string" }, "batch-size": { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch {
    throw new CopyArgumentsError(`Unknown or incomplete arguments.\n${COPY_USAGE}`);
  }
  const parsed = argumentsSchema.safeParse({
    from: values.from ?? (env.DATABASE_PATH?.trim() || DEFAULT_SQLITE_PATH),
    to: values.to ?? (env.DATABASE_URL?.trim() || undefined),
    batchSize: values["batch-size"] ?? DEFAULT_BATCH_SIZE,
  });
  if (!parsed.success) {
    throw new CopyArgumentsError(`${parsed.error.issues.map((issue) => issue.message).join("\n")}\n${COPY_USAGE}`);
  }
  return parsed.data;
}
