/**
 * `npm run db:copy -- --from data/wikiport.db --to postgres://…`: moves a SQLite database up to an empty
 * PostgreSQL one (db/copy.ts). Progress goes to stderr, the summary to stdout. Ctrl-C (or SIGTERM) stops
 * after the batch in flight; running the same command again resumes. Stop Wikiport first: rows written
 * to the source during a copy would not be in it (and a resumed copy refuses a source that changed).
 */
import { DatabaseConfigError, redactUrl } from "../db/engine";
import { copySqliteToPostgres, CopyArgumentsError, CopyError, parseCopyArguments, type CopyProgressEvent } from "../db/copy";
import { loadEnvFiles } from "./lib/env-files";

/** What a failure may show: the driver's own message, never Drizzle's (it carries the query's parameters). */
function describeFailure(error: unknown): string {
  let deepest: { message?: unknown; code?: unknown } | undefined;
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth += 1) {
    const candidate = current as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof candidate.code === "string") deepest = candidate;
    current = candidate.cause;
  }
  return deepest && typeof deepest.message === "string" ? `${deepest.message} (${String(deepest.code)})` : "an unexpected error";
}

loadEnvFiles(process.cwd(), false);
let exitCode = 0;
try {
  const args = parseCopyArguments(process.argv.slice(2), process.env);
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write("Stopping after the current batch (press Ctrl-C again to stop at once; either way, run the command again to resume)…\n");
    controller.abort();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  process.stderr.write(`Copying ${args.from} into ${redactUrl(args.to)}\n`);
  const started = Date.now();
  const result = await copySqliteToPostgres(args.from, args.to, {
    batchSize: args.batchSize,
    signal: controller.signal,
    onProgress: ({ table, done, total }: CopyProgressEvent) => process.stderr.write(`  ${table}: ${done}/${total}\n`),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const rows = result.tables.reduce((sum, { rows: count }) => sum + count, 0);
  if (result.status === "stopped") {
    process.stdout.write(`Stopped after ${seconds} s. The target holds an unfinished copy: run the same command again to finish it.\n`);
    exitCode = 2;
  } else {
    const lines = result.tables.map(({ table, rows: count }) => `  ${table}: ${count}`);
    process.stdout.write(
      `Copy finished in ${seconds} s${result.resumed ? " (an unfinished copy, resumed)" : ""}: ${rows} rows in ${result.tables.length} tables.\n` +
        `${lines.join("\n")}\n` +
        "Rate-limit buckets, upstream slots and the app token are not copied: they rebuild themselves.\n" +
        `Now set DATABASE_URL=${redactUrl(args.to)} (with its password) for every Wikiport instance and start them.\n`,
    );
  }
} catch (error) {
  const known = error instanceof CopyError || error instanceof CopyArgumentsError || error instanceof DatabaseConfigError;
  process.stderr.write(`db:copy: ${known ? error.message : `the copy failed: ${describeFailure(error)}. Run the command again to resume.`}\n`);
  exitCode = 1;
}
process.exit(exitCode);
