import "server-only";
import { connectDb, type Db } from "@/db";
import { getConfig } from "@/lib/env";

let db: Db | undefined;

/**
 * The app's database, shared by the whole process. The server checked it and brought it to the latest
 * schema at start-up (instrumentation-node.ts); connections open on first use.
 */
export function getDb(): Db {
  db ??= connectDb(getConfig().db);
  return db;
}
