/**
 * A fresh, migrated database per test, on the engine of the test run: SQLite in a new file, or
 * PostgreSQL in a new database on the run's throwaway server (db/testing-setup/, started by vitest's
 * `postgres` project). Real databases, real migrations, removed afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, beforeEach, vi } from "vitest";
import { engineOf, type DatabaseTarget, type Engine } from "./engine";
import { connectDb, openPostgres, openSqlite, type Db } from "./index";
import { migrate } from "./migrate";

/** The engine this test run's database tests use (the `postgres` vitest project sets DATABASE_URL). */
export const TEST_ENGINE: Engine = engineOf(process.env);

/** The migrated database every PostgreSQL test database is copied from (made once per run). */
export const POSTGRES_TEMPLATE = "wikiport_template";

export interface TestDb {
  db: Db;
  /** Where it lives, for a child process or a second connection to open the same database. */
  target: DatabaseTarget;
  cleanup: () => Promise<void>;
}

let admin: Promise<pg.Client> | undefined;

function postgresServer(): string {
  const url = process.env.WIKIPORT_TEST_POSTGRES_URL;
  if (!url) throw new Error("db/testing: WIKIPORT_TEST_POSTGRES_URL is not set; run the tests through vitest's postgres project");
  return url;
}

function adminClient(): Promise<pg.Client> {
  admin ??= (async () => {
    const client = new pg.Client({ connectionString: postgresServer() });
    await client.connect();
    return client;
  })();
  return admin;
}

/** A database URL on the run's server (same host and port, another database name). */
function urlOf(database: string): string {
  const url = new URL(postgresServer());
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createTestDb(): Promise<TestDb> {
  if (TEST_ENGINE === "postgres") {
    const name = `test_${randomUUID().replaceAll("-", "")}`;
    const client = await adminClient();
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${POSTGRES_TEMPLATE}`);
    const url = urlOf(name);
    const db = await openPostgres(url, { poolSize: 5 });
    return {
      db,
      target: { engine: "postgres", url },
      cleanup: async () => {
        await db.close();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "wikiport-db-"));
  const path = join(dir, "test.db");
  const db = openSqlite(path);
  await migrate(db);
  return {
    db,
    target: { engine: "sqlite", path },
    cleanup: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh migrated database for every test of the calling file, removed after each test. Read `db` and
 * `target` inside tests (they change per test).
 */
export function useTestDb(): { readonly db: Db; readonly target: DatabaseTarget } {
  let current: TestDb | undefined;
  beforeEach(async () => {
    current = await createTestDb();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  const active = () => {
    if (!current) throw new Error("useTestDb: the database exists only while a test runs");
    return current;
  };
  return {
    get db() {
      return active().db;
    },
    get target() {
      return active().target;
    },
  };
}

type WithClients = Db & { sqlite?: import("better-sqlite3").Database; pool?: pg.Pool };

/**
 * Every SQL statement `db` sends from now on (the driver's own calls, whichever engine), for tests that
 * prove a path makes no query at all.
 */
export function recordStatements(db: Db): string[] {
  const statements: string[] = [];
  const { sqlite, pool } = db as WithClients;
  if (sqlite) {
    const prepare = sqlite.prepare.bind(sqlite);
    vi.spyOn(sqlite, "prepare").mockImplementation((source: string) => {
      statements.push(source);
      return prepare(source);
    });
  } else if (pool) {
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    const record = (...args: unknown[]): unknown => {
      const first = args[0];
      statements.push(typeof first === "string" ? first : String((first as { text?: string }).text));
      return query(...args);
    };
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the spy hands the driver's own promise back unchanged
    vi.spyOn(pool, "query").mockImplementation(record as typeof pool.query);
  }
  return statements;
}

/** Every table's rows as the database stores them (column names as in SQL, values as the driver reads them). */
export async function storedRows(db: Db): Promise<Record<string, Record<string, unknown>[]>> {
  const { sqlite, pool } = db as WithClients;
  const result: Record<string, Record<string, unknown>[]> = {};
  if (sqlite) {
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    for (const table of tables) result[table] = sqlite.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
  } else if (pool) {
    const tables = (await pool.query<{ schema: string; name: string }>("SELECT schemaname AS schema, tablename AS name FROM pg_tables WHERE schemaname IN ('public', 'drizzle')")).rows;
    for (const { schema, name } of tables) {
      result[name] = (await pool.query(`SELECT * FROM "${schema}"."${name}"`)).rows as Record<string, unknown>[];
    }
  }
  return result;
}

/** Runs `work` as a second Wikiport instance would: over its own connection to the same database. */
export async function withSecondInstance(target: DatabaseTarget, work: (db: Db) => Promise<void>): Promise<void> {
  const other = connectDb(target);
  try {
    await work(other);
  } finally {
    await other.close();
  }
}
