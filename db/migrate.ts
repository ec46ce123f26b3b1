/**
 * Brings a database to the latest schema with the committed drizzle-kit migrations of its engine. Safe
 * on every start: applied steps are skipped. On PostgreSQL the instances starting together take turns
 * behind an advisory lock, so only the first applies a new step.
 */
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { join } from "node:path";
import type pg from "pg";
import type { Engine } from "./engine";
import type { Db } from "./index";

/** The committed migrations of each engine, resolved from the project root (works under `next start`). */
export const MIGRATIONS_FOLDERS: Record<Engine, string> = {
  sqlite: join(process.cwd(), "db", "migrations", "sqlite"),
  postgres: join(process.cwd(), "db", "migrations", "postgres"),
};

/** An arbitrary constant: the advisory lock all Wikiport instances take while migrating. */
const MIGRATION_LOCK = 0x77696b69;

export async function migrate(db: Db): Promise<void> {
  if (db.engine === "sqlite") {
    const { sqlite } = db as Db & { sqlite: import("better-sqlite3").Database };
    migrateSqlite(drizzleSqlite({ client: sqlite }), { migrationsFolder: MIGRATIONS_FOLDERS.sqlite });
    return;
  }
  const { pool } = db as Db & { pool: pg.Pool };
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: MIGRATIONS_FOLDERS.postgres });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
