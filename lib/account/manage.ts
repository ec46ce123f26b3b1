/** What a user can do to their own Wikiport account: sign out everywhere, and delete everything. */
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { sessions, users } from "@/db/schema";

/** Ends every session of the user, on every device; returns how many there were. */
export function signOutEverywhere(db: Db, userId: string): number {
  return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

/**
 * Deletes the user and, through foreign keys with ON DELETE CASCADE, everything Wikiport holds for
 * them: linked accounts, sessions, the sealed tokens and the stored Wikimedia profile.
 */
export function deleteAccount(db: Db, userId: string): boolean {
  return db.delete(users).where(eq(users.id, userId)).run().changes === 1;
}
