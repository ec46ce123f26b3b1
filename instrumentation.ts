/**
 * Runs once when a Next.js server process starts, whether by `npm start` or directly with `next start`.
 * Everything it does needs Node (instrumentation-node.ts), not the Edge runtime.
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next.js itself (not configuration).
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./instrumentation-node");
  await startServer();
}
