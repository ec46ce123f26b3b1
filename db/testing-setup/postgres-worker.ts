/** Runs in each worker of the `postgres` project before its test file loads: the run's server, from the global setup. */
import { inject } from "vitest";

const url = inject("postgresUrl");
process.env.WIKIPORT_TEST_POSTGRES_URL = url;
const database = new URL(url);
database.pathname = "/wikiport_template";
// Selects PostgreSQL's tables (db/schema.ts); tests open their own databases (db/testing.ts).
process.env.DATABASE_URL = database.toString();
