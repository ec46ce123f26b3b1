/**
 * After the whole end-to-end suite (this project depends on the main one): no token value in the clear
 * in the database file, in anything the servers printed, or in the client bundles (docs/security-requirements.md items 8,
 * 10, 35). Raw bytes are read rather than SQL rows, so deleted rows, free pages and the WAL count too.
 */
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { SANDBOX_CONSUMER } from "../../lib/env";
import { SEALED_COLUMNS } from "../../lib/sealed-columns/registry";
import { E2E } from "../environment";
import { SERVER_LOG, readObserved } from "./evidence";
import { LOG_PATTERNS, TOKEN_PATTERNS, findLeaks, findValues } from "./leak-patterns";

const SEALED = /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/;
const DATABASE = E2E.serverEnv.DATABASE_PATH;
const keys = E2E.serverEnv.WIKIPORT_KEYS;

/** This run's server-side secrets (e2e/environment.ts makes fresh ones per run and shares them through env). */
const SERVER_SECRETS = [
  { label: "the Wikiport consumer's client secret", value: SANDBOX_CONSUMER.clientSecret },
  { label: "AUTH_SECRET", value: E2E.serverEnv.AUTH_SECRET },
  { label: "the sealing key", value: keys.slice(keys.indexOf("=") + 1) },
];

function observed() {
  const values = readObserved();
  // Sign-in ran during the suite, so the browser carried codes and states: without them this scan proves nothing.
  expect(values.filter((v) => v.kind === "code").length).toBeGreaterThan(0);
  expect(values.filter((v) => v.kind === "state").length).toBeGreaterThan(0);
  expect(values.filter((v) => v.name.endsWith("session-token")).length).toBeGreaterThan(0);
  return values.map((v) => ({ label: `a ${v.kind === "cookie" ? `${v.name} cookie` : v.kind} the browser carried`, value: v.value, kind: v.kind, name: v.name }));
}

function rows(sql: string): Record<string, unknown>[] {
  const db = new Database(DATABASE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

test("the database file holds Wikimedia tokens only sealed, every sealed column is registered, and no one-time value at all", () => {
  const files = [DATABASE, `${DATABASE}-wal`].filter((file) => existsSync(file));
  const raw = files.map((file) => readFileSync(file).toString("latin1")).join("\n");
  expect(raw.length).toBeGreaterThan(0);
  // Auth.js's database sessions look sessions up by the cookie value, so only that one may be stored.
  const mustBeAbsent = observed().filter((v) => !v.name.endsWith("session-token"));
  expect([...findLeaks(raw, TOKEN_PATTERNS), ...findValues(raw, mustBeAbsent)]).toEqual([]);

  // Every sealed column the app has (the registry key rotation reads too) holds only envelopes.
  const counts = Object.fromEntries(
    SEALED_COLUMNS.map((entry) => {
      const [table, column] = entry.name.split(".") as [string, string];
      const values = rows(`SELECT "${column}" AS value FROM "${table}" WHERE "${column}" IS NOT NULL`).map((row) => row.value);
      for (const value of values) expect(value, entry.name).toMatch(SEALED);
      return [entry.name, values.length];
    }),
  );
  expect(counts["grants.access_token"]).toBeGreaterThan(0);
  // And no envelope sits in a column the registry does not know: rotation would leave it under an old key.
  const tables = rows("SELECT name FROM sqlite_master WHERE type = 'table'").map((row) => String(row.name));
  const unregistered = tables.flatMap((table) =>
    rows(`SELECT * FROM "${table}"`).flatMap((row) =>
      Object.entries(row)
        .filter(([, value]) => typeof value === "string" && SEALED.test(value))
        .map(([column]) => `${table}.${column}`),
    ),
  );
  expect([...new Set(unregistered)].filter((name) => !SEALED_COLUMNS.some((entry) => entry.name === name))).toEqual([]);

  const accounts = rows("SELECT access_token, refresh_token, id_token FROM accounts");
  expect(accounts.length).toBeGreaterThan(0);
  for (const account of accounts) expect(account).toEqual({ access_token: null, refresh_token: null, id_token: null });
});

test("nothing the launcher, the sandbox wiki or the app printed carries a secret", () => {
  const log = readFileSync(SERVER_LOG, "utf8");
  // The capture worked (launcher banner), so a leak would be in this file.
  expect(log).toContain("Wikiport is running.");
  expect([...findLeaks(log, LOG_PATTERNS), ...findValues(log, [...SERVER_SECRETS, ...observed()])]).toEqual([]);
  // docs/security-requirements.md item 35: Auth.js debug output (which prints tokens) is off in production.
  expect(log).not.toContain("[auth][debug]");
});

test("the client bundles carry no server secret", () => {
  const dir = join(process.cwd(), ".next", "static");
  const bundles = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".js"));
  expect(bundles.length).toBeGreaterThan(0);
  const names = ["WIKIPORT_KEYS", "WIKIMEDIA_CLIENT_SECRET"].map((name) => ({ label: `the variable name ${name}`, value: name }));
  const found = bundles.flatMap((file) =>
    findValues(readFileSync(join(dir, file), "utf8"), [...SERVER_SECRETS, ...names]).map((leak) => `${file}: ${leak}`),
  );
  expect(found).toEqual([]);
});
