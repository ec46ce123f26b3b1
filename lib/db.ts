import "server-only";
import { createDb, type Db } from "@/db";
import { migrate } from "@/db/migrate";
import { getConfig } from "@/lib/env";

let db: Db | undefined;

/** The app's database: opened and migrated on first use, then shared by the whole process. */
export function getDb(): Db {
  if (!db) {
    db = createDb(getConfig().db.path);
    migrate(db);
  }
  return db;
}
