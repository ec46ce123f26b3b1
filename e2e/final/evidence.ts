/**
 * What the main end-to-end project leaves behind for the final no-secrets check (docs/security-requirements.md items 8,
 * 10, 35): the servers' output, and the one-time values the browser saw during each test.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { E2E } from "../environment";

/** Everything the launcher, the sandbox wiki and the app printed during the run (tee'd by the webServer command). */
export const SERVER_LOG = join(E2E.dataDir, "server.log");

const OBSERVED_DIR = join(E2E.dataDir, "observed");

/**
 * A value the browser legitimately carries (an authorization code or a state in the callback URL, a
 * check or session cookie) that must still never reach a log, and, except for the session token that
 * Auth.js's database sessions keep as the lookup key, never the database.
 */
export interface ObservedValue {
  kind: "code" | "state" | "cookie";
  /** e.g. "authjs.pkce.code_verifier" for a cookie. */
  name: string;
  value: string;
}

/** Shorter values (flags, "1", paths) could match harmless text by chance and prove nothing. */
const MIN_SECRET_LENGTH = 16;

export function recordObserved(testId: string, values: ObservedValue[]): void {
  const unique = new Map(values.filter((v) => v.value.length >= MIN_SECRET_LENGTH).map((v) => [v.value, v]));
  mkdirSync(OBSERVED_DIR, { recursive: true });
  writeFileSync(join(OBSERVED_DIR, `${testId}.json`), JSON.stringify([...unique.values()]));
}

export function readObserved(): ObservedValue[] {
  if (!existsSync(OBSERVED_DIR)) return [];
  return readdirSync(OBSERVED_DIR).flatMap((file) => JSON.parse(readFileSync(join(OBSERVED_DIR, file), "utf8")) as ObservedValue[]);
}
