/**
 * Opens Wikiport's database on the engine its configuration names (db/engine.ts): SQLite through
 * better-sqlite3, or PostgreSQL through node-postgres; both through Drizzle, both with the same tables
 * (db/schema.ts). Production code uses `getDb()` (lib/db.ts); tests open a fresh database per test
 * (db/testing.ts) on each engine in turn.
 *
 * What code above db/ may use is `Db`: Drizzle's query builders, awaited, plus `transaction`, `signals`
 * and `close`. It is never told which engine answers.
 */
import Database from "better-sqlite3";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { drizzle as drizzlePostgres, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import pg from "pg";
import { DatabaseConfigError, redactUrl, type DatabaseTarget, type Engine } from "./engine";
import type { Schema } from "./schema";
import * as postgresSchema from "./schema/postgres";
import * as sqliteSchema from "./schema/sqlite";
import { localSignals, postgresSignals, type Signals } from "./signals";

export interface DbFeatures {
  readonly engine: Engine;
  /**
   * Runs `work` in one transaction: all of its writes or none. Keep it to database statements: no
   * network call inside (on SQLite the whole database waits for it). A nested call joins the outer one.
   */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  readonly signals: Signals;
  close(): Promise<void>;
}

/** The query builders code above db/ writes with (PostgreSQL's types: the subset both engines run). */
type Queries = Omit<NodePgDatabase<Schema>, "transaction" | "$client" | "execute" | "refreshMaterializedView" | "$withAuth">;

export type Db = Queries & DbFeatures;

/** How long a SQLite writer waits for another connection's lock before SQLITE_BUSY (milliseconds). */
const BUSY_TIMEOUT_MS = 5000;
/** How long opening a PostgreSQL connection may take before start-up gives up (milliseconds). */
const CONNECT_TIMEOUT_MS = 10_000;

function withFeatures(orm: object, features: DbFeatures): Db {
  return Object.assign(orm, features) as unknown as Db;
}

export function openSqlite(path: string): Db & { readonly sqlite: Database.Database } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers proceed while one writer commits; several app processes can share the file.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma("synchronous = NORMAL");
  const orm = drizzleSqlite({ client: sqlite, schema: sqliteSchema });
  const signals = localSignals();
  // better-sqlite3 is one synchronous connection: transactions take turns, and BEGIN IMMEDIATE takes the
  // write lock up front so two processes never deadlock upgrading a read lock. Statements run
  // synchronously, so a body of database statements completes without yielding to other requests' I/O.
  let turn: Promise<unknown> = Promise.resolve();
  let depth = 0;
  const db: Db & { sqlite: Database.Database } = withFeatures(orm, {
    engine: "sqlite",
    signals,
    transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
      if (depth > 0) return work(db);
      const run = turn.then(async () => {
        sqlite.exec("BEGIN IMMEDIATE");
        depth += 1;
        try {
          const result = await work(db);
          sqlite.exec("COMMIT");
          return result;
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
          throw error;
        } finally {
          depth -= 1;
        }
      });
      turn = run.catch(() => undefined);
      return run;
    },
    async close() {
      await signals.close();
      if (sqlite.open) sqlite.close();
    },
  }) as Db & { sqlite: Database.Database };
  Object.defineProperty(db, "sqlite", { value: sqlite });
  return db;
}

export interface PostgresOptions {
  /** Connections in this process's pool. */
  poolSize?: number;
}

/** A pool on the database at `url`; connections open on first use (`openPostgres` checks at once). */
export function postgresDb(url: string, options: PostgresOptions = {}): Db & { readonly pool: pg.Pool } {
  const config = { connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: "wikiport" };
  const pool = new pg.Pool({ ...config, max: options.poolSize ?? 10 });
  // An idle connection that the server drops must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  const orm = drizzlePostgres({ client: pool, schema: postgresSchema });
  // Drizzle's own, kept before `transaction` below takes its name on the same object.
  const begin = orm.transaction.bind(orm);
  const signals = postgresSignals(pool, () => new pg.Client(config));
  const features = (tx: object): DbFeatures => ({
    engine: "postgres",
    signals,
    transaction: (work) => work(withFeatures(tx, features(tx))),
    close: async () => undefined,
  });
  const db = withFeatures(orm, {
    engine: "postgres",
    signals,
    transaction: (work) => begin((tx) => work(withFeatures(tx, features(tx)))),
    async close() {
      await signals.close();
      if (!pool.ended) await pool.end();
    },
  }) as Db & { pool: pg.Pool };
  Object.defineProperty(db, "pool", { value: pool });
  return db;
}

/** Opens the PostgreSQL database at `url` and checks that it answers; the error names the URL without its password. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Db & { readonly pool: pg.Pool }> {
  const db = postgresDb(url, options);
  try {
    await db.pool.query("SELECT 1");
  } catch (error) {
    await db.close().catch(() => undefined);
    throw new DatabaseConfigError(`Cannot connect to the database at DATABASE_URL (${redactUrl(url)}): ${describe(error)}`);
  }
  return db;
}

/** The database of `target`, connections opened on first use. */
export function connectDb(target: DatabaseTarget): Db {
  return target.engine === "postgres" ? postgresDb(target.url) : openSqlite(target.path);
}

/** The database of `target`, checked: a PostgreSQL server that does not answer is an error here. */
export function openDb(target: DatabaseTarget): Promise<Db> {
  return target.engine === "postgres" ? openPostgres(target.url) : Promise.resolve(openSqlite(target.path));
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message || (error as { code?: string })?.code || "no answer";
}
