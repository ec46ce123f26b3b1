/**
 * Test fixtures for code that talks to Wikimedia: sites, a helper to assert on errors, and other
 * instances' connections to a test database. (A vault with a signed-in demo user is in
 * lib/grants/testing.ts: the vault sits above this layer.)
 */
import { afterEach, expect } from "vitest";
import { connectDb, type Db } from "@/db";
import type { DatabaseTarget } from "@/db/engine";
import { WikimediaError } from "./errors";
import { parseSite, type Site } from "./sites";

export function siteOf(host: string): Site {
  const parsed = parseSite(host);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.site;
}

/** The WikimediaError a promise rejects with (the test fails if it resolves or rejects otherwise). */
export async function failure(promise: Promise<unknown>): Promise<WikimediaError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(WikimediaError);
  return outcome as WikimediaError;
}

/**
 * Opens further connections to the test's database as other Wikiport instances would: their own pool
 * on PostgreSQL (wake-ups cross by LISTEN/NOTIFY), their own file handle on SQLite (wake-ups do not
 * cross, as between processes). Call after `useTestDb()`, so they close before the database goes.
 */
export function useOtherInstances(target: () => DatabaseTarget): () => Db {
  const open: Db[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.close()));
  });
  return () => {
    const db = connectDb(target());
    open.push(db);
    return db;
  };
}

/** A connection to the test's database that is already closed: a database that does not answer. */
export async function closedInstance(target: DatabaseTarget): Promise<Db> {
  const db = connectDb(target);
  await db.close();
  return db;
}
