/** `npm run db:migrate`: brings the configured database to the latest schema. */
import { createDb } from "../db";
import { migrate } from "../db/migrate";
import { ConfigError, parseConfig } from "../lib/env";
import { loadEnvFiles } from "./lib/env-files";

loadEnvFiles(process.cwd(), false);
try {
  const config = parseConfig(process.env);
  const db = createDb(config.db.path);
  migrate(db);
  db.$client.close();
  console.log(`Database ${config.db.path} is up to date.`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
