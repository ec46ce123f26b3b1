/** Read-only access to the e2e server's database, and the key ring that opens its sealed tokens. */
import Database from "better-sqlite3";
import { parseKeyRing } from "../../lib/crypto/key-ring";
import { open } from "../../lib/crypto/sealed";
import { E2E } from "../environment";

export interface GrantRow {
  id: string;
  user_id: string;
  access_token: string | null;
  refresh_token: string | null;
  version: number;
  status: string;
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(E2E.serverEnv.DATABASE_PATH, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export function userIdOf(wikimediaUsername: string): string {
  const [row] = query<{ user_id: string }>("SELECT user_id FROM wikimedia_profiles WHERE username = ?", wikimediaUsername);
  if (!row) throw new Error(`No Wikiport user for ${wikimediaUsername}`);
  return row.user_id;
}

export function grantOf(userId: string): GrantRow {
  const [row] = query<GrantRow>("SELECT id, user_id, access_token, refresh_token, version, status FROM grants WHERE user_id = ?", userId);
  if (!row) throw new Error(`No grant for user ${userId}`);
  return row;
}

export function accountRows(): Record<string, unknown>[] {
  return query<Record<string, unknown>>("SELECT * FROM accounts");
}

export function sessionCount(userId: string): number {
  const [row] = query<{ n: number }>("SELECT count(*) AS n FROM sessions WHERE user_id = ?", userId);
  return row?.n ?? 0;
}

export function allSessionTokens(): string[] {
  return query<{ session_token: string }>("SELECT session_token FROM sessions").map((row) => row.session_token);
}

/** The plaintext tokens of a grant, opened with the server's key ring (same context as lib/grants/vault.ts). */
export function openTokens(grant: GrantRow): { accessToken: string; refreshToken: string } {
  const ring = parseKeyRing(E2E.serverEnv.WIKIPORT_KEYS, E2E.serverEnv.WIKIPORT_ACTIVE_KEY);
  const owner = `user:${grant.user_id}/grant:${grant.id}`;
  if (!grant.access_token || !grant.refresh_token) throw new Error("The grant holds no tokens");
  return {
    accessToken: open(ring, grant.access_token, { purpose: "grants.access_token", owner }),
    refreshToken: open(ring, grant.refresh_token, { purpose: "grants.refresh_token", owner }),
  };
}
