/** A fresh, migrated SQLite file per test (real database, real migrations), removed afterwards. */
import { mkdtempSync, rmSync } from "node:fs";
import { afterEach, beforeEach } from "vitest";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type Db } from "./index";
import { migrate } from "./migrate";

export function createTestDb(): { db: Db; path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "wikiport-db-"));
  const path = join(dir, "test.db");
  const db = createDb(path);
  migrate(db);
  return {
    db,
    path,
    cleanup: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh migrated database for every test of the calling file, removed after each test. Read `db` and
 * `path` inside tests (they change per test).
 */
export function useTestDb(): { readonly db: Db; readonly path: string } {
  let current: ReturnType<typeof createTestDb> | undefined;
  beforeEach(() => {
    current = createTestDb();
  });
  afterEach(() => {
    current?.cleanup();
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
    get path() {
      return active().path;
    },
  };
}
