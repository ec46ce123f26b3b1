/**
 * Runs once when a Next.js server process starts, whether by `npm start` or directly with `next start`:
 * refuse TRACE before Next.js fails on it (lib/security/trace-method.ts), and bring the database to the
 * latest schema before the first request.
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next.js itself (not configuration): migrations need Node, not the Edge runtime.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseTraceRequests } = await import("./lib/security/trace-method");
  refuseTraceRequests();
  const [{ createDb }, { migrate }, { getConfig }] = await Promise.all([
    import("./db"),
    import("./db/migrate"),
    import("./lib/env"),
  ]);
  const db = createDb(getConfig().db.path);
  migrate(db);
  db.$client.close();
}
