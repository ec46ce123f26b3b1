import { migrate as runMigrations } from "drizzle-orm/better-sqlite3/migrator";
import { join } from "node:path";
import type { Db } from "./index";

/** The committed drizzle-kit migrations, resolved from the project root (works under `next start`). */
export const MIGRATIONS_FOLDER = join(process.cwd(), "db", "migrations");

/** Brings a database up to the latest schema. Safe to run on every start: applied steps are skipped. */
export function migrate(db: Db): void {
  runMigrations(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
