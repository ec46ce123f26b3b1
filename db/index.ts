/**
 * Opens a SQLite database with Wikiport's pragmas and schema. Production code uses `getDb()`; tests
 * call `createDb(path)` with a fresh file and `migrate()` it, so every test runs on a real database.
 */
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** How long a writer waits for another connection's lock before SQLITE_BUSY (milliseconds). */
const BUSY_TIMEOUT_MS = 5000;

export function createDb(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers proceed while one writer commits; several app processes can share the file.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma("synchronous = NORMAL");
  return drizzle({ client: sqlite, schema });
}

export { schema };
