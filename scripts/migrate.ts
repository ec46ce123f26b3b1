/** `npm run db:migrate`: brings the configured database to the latest schema. */
import { openDb } from "../db";
import { DatabaseConfigError, redactUrl } from "../db/engine";
import { migrate } from "../db/migrate";
import { ConfigError, parseConfig } from "../lib/env";
import { loadEnvFiles } from "./lib/env-files";

loadEnvFiles(process.cwd(), false);
try {
  const config = parseConfig(process.env);
  const db = await openDb(config.db);
  await migrate(db);
  await db.close();
  const where = config.db.engine === "postgres" ? redactUrl(config.db.url) : config.db.path;
  console.log(`Database ${where} is up to date.`);
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof DatabaseConfigError ? error.message : error);
  process.exit(1);
}
