/**
 * The user's Wikiport sessions (Auth.js database sessions), for the dashboard. The session token is the
 * cookie's secret, so it never leaves this module: each session is shown by a short label derived from
 * it with SHA-256, which identifies the row on screen but cannot be turned back into a cookie.
 */
import { createHash } from "node:crypto";
import { and, desc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db";
import { sessions } from "@/db/schema";

/**
 * Auth.js's session lifetime (lib/auth/config.ts `session.maxAge`; a test keeps the two equal). Auth.js
 * stores no creation time, only `expires`, which it sets to now + maxAge at sign-in and again when it
 * renews the session (at most once a day): so `expires − maxAge` is when the session began or was last
 * renewed, which is the closest honest "since" the table allows.
 */
export const SESSION_MAX_AGE_SECONDS = 14 * 24 * 3600;

export interface SessionSummary {
  /** A non-secret label: the first 8 hex characters of the token's SHA-256. */
  label: string;
  current: boolean;
  /** Signed in, or last renewed (see SESSION_MAX_AGE_SECONDS). */
  renewedAt: Date;
  expiresAt: Date;
}

export function sessionLabel(sessionToken: string): string {
  return createHash("sha256").update(sessionToken, "utf8").digest("hex").slice(0, 8);
}

/** The user's unexpired sessions, this one first, then the most recently renewed. */
export async function listSessions(
  db: Db,
  userId: string,
  currentSessionToken: string | undefined,
  now = new Date(),
): Promise<SessionSummary[]> {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expires, now)))
    .orderBy(desc(sessions.expires));
  return rows
    .map((row) => ({
      label: sessionLabel(row.sessionToken),
      current: row.sessionToken === currentSessionToken,
      renewedAt: new Date(row.expires.getTime() - SESSION_MAX_AGE_SECONDS * 1000),
      expiresAt: row.expires,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}
