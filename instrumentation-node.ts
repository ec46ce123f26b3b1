/**
 * What a Next.js server process does once it starts, on Node only (instrumentation.ts): let abort reasons'
 * stack traces go (lib/runtime/abort-reasons.ts: without it every page rendered with React stays in
 * memory), refuse TRACE before Next.js fails on it (lib/security/trace-method.ts), and bring the database to the latest schema
 * before the first request. A database that cannot be reached stops the server here, with a message that
 * names it (and never its password): a hook that only threw would leave the server up, failing every
 * request that touches the database.
 */
import { openDb } from "./db";
import { DatabaseConfigError } from "./db/engine";
import { migrate } from "./db/migrate";
import { getConfig } from "./lib/env";
import { releaseAbortReasonStacks } from "./lib/runtime/abort-reasons";
import { refuseTraceRequests } from "./lib/security/trace-method";

export async function startServer(): Promise<void> {
  releaseAbortReasonStacks();
  refuseTraceRequests();
  try {
    const db = await openDb(getConfig().db);
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
  } catch (error) {
    if (!(error instanceof DatabaseConfigError)) throw error;
    console.error(`Wikiport cannot start: ${error.message}`);
    process.exit(1);
  }
}
