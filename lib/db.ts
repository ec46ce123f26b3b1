import "server-only";
import { connectDb, type Db } from "@/db";
import { getConfig } from "@/lib/env";
import { processWide } from "@/lib/process-wide";

/**
 * The app's database, shared by the whole process: every module runtime Next.js loads (routes, pages,
 * proxy.ts) gets this one connection pool and its `signals`, so a slot released by a page wakes a card
 * waiting in the same process (lib/process-wide.ts). The server checked it and brought it to the latest
 * schema at start-up (instrumentation-node.ts); connections open on first use.
 */
export function getDb(): Db {
  return processWide("db", () => connectDb(getConfig().db));
}
