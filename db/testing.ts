/** A fresh, migrated SQLite file per test (real database, real migrations), removed afterwards. */
import { mkdtempSync, rmSync } from "node:fs";
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
