/**
 * Runs once when a Next.js server process starts, whether by `npm start` or directly with `next start`:
 * refuse TRACE before Next.js fails on it (lib/security/trace-method.ts), and bring the database to the
 * latest schema before the first request. A database that cannot be reached stops the server here, with
 * a message that names it (and never its password).
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next.js itself (not configuration): migrations need Node, not the Edge runtime.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseTraceRequests } = await import("./lib/security/trace-method");
  refuseTraceRequests();
  const [{ openDb }, { migrate }, { DatabaseConfigError }, { getConfig }] = await Promise.all([
    import("./db"),
    import("./db/migrate"),
    import("./db/engine"),
    import("./lib/env"),
  ]);
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
