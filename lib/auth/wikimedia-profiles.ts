/** The stored copy of a user's Wikimedia profile, as of their latest sign-in. */
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { wikimediaProfiles } from "@/db/schema";
import type { WikimediaProfile } from "@/lib/wikimedia/profile";

export type StoredWikimediaProfile = typeof wikimediaProfiles.$inferSelect;

/** MediaWiki's TS_MW timestamp (YYYYMMDDHHMMSS, UTC) as a Date. */
function fromMwTimestamp(value: string | null): Date | null {
  const match = value?.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

export async function saveWikimediaProfile(db: Db, userId: string, profile: WikimediaProfile, now: Date): Promise<void> {
  const values = {
    wikimediaUserId: profile.sub,
    username: profile.username,
    groups: profile.groups,
    rights: profile.rights,
    grants: profile.grants,
    blocked: profile.blocked,
    editCount: profile.editcount,
    registeredAt: fromMwTimestamp(profile.registered),
    updatedAt: now,
  };
  await db
    .insert(wikimediaProfiles)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: wikimediaProfiles.userId, set: values });
}

export async function getWikimediaProfile(db: Db, userId: string): Promise<StoredWikimediaProfile | null> {
  return (await db.select().from(wikimediaProfiles).where(eq(wikimediaProfiles.userId, userId)).limit(1))[0] ?? null;
}
