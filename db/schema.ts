/**
 * The tables of the engine this process runs on. Code above db/ imports its tables from here and never
 * learns which engine that is (docs/decisions/018-many-instances.md).
 *
 * The two schemas describe one data model (db/schema.test.ts holds them to it), and Drizzle builds
 * the same queries from either: the tables are typed as PostgreSQL's, the stricter of the two, so code
 * above db/ can only write what both engines run (awaited builders, `returning()`; no SQLite-only
 * `.get()`/`.run()`), and the test suite runs every database test on both.
 */
import { engineOf } from "./engine";
import * as postgres from "./schema/postgres";
import * as sqlite from "./schema/sqlite";

export type Schema = typeof postgres;

export const schemaFor = (engine: "sqlite" | "postgres"): Schema =>
  // The one place where SQLite's tables wear PostgreSQL's types: same names, same columns, same row types.
  engine === "postgres" ? postgres : (sqlite as unknown as Schema);

const tables = schemaFor(engineOf(process.env));

export const {
  users,
  accounts,
  sessions,
  verificationTokens,
  grants,
  wikimediaProfiles,
  auditEvents,
  apiTokens,
  personalTokens,
  widgets,
  rateLimitBuckets,
  upstreamSlots,
  appTokens,
} = tables;
