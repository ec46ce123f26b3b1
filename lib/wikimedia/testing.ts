/**
 * Test fixtures for code that talks to Wikimedia: sites, and a helper to assert on errors. (A vault
 * with a signed-in demo user is in lib/grants/testing.ts: the vault sits above this layer.)
 */
import { expect } from "vitest";
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
