/** What a user can do to their own Wikiport account: sign out everywhere, and delete everything. */
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { sessions, users } from "@/db/schema";

/** Ends every session of the user, on every device; returns how many there were. */
export async function signOutEverywhere(db: Db, userId: string): Promise<number> {
  const ended = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ token: sessions.sessionToken });
  return ended.length;
}

/**
 * Deletes the user and, through foreign keys with ON DELETE CASCADE, everything Wikiport holds for
 * them: linked accounts, sessions, the sealed tokens and the stored Wikimedia profile.
 */
export async function deleteAccount(db: Db, userId: string): Promise<boolean> {
  const deleted = await db.delete(users).where(eq(users.id, userId)).returning({ id: users.id });
  return deleted.length === 1;
}
