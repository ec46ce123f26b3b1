/**
 * The stored personal API token: one row per user in `personal_tokens`, the token sealed with the vault's
 * key ring (lib/crypto/sealed.ts) under its own purpose and bound to its user, so the value opens only
 * in this column of this user's row (docs/security-requirements.md items 10 and 12). The plaintext is never stored for
 * re-display: after the response that saved it, only `…last4` is shown.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { personalTokens } from "@/db/schema";
import type { KeyRing } from "@/lib/crypto/key-ring";
import { SealError, open, seal } from "@/lib/crypto/sealed";
import type { Logger } from "@/lib/log";
// The associated data is defined once, with the column's entry for key rotation.
import { personalTokenSealContext } from "@/lib/sealed-columns/registry";
import { forgetPersonalTokenCookies } from "./cookies";
import type { VerifiedToken } from "./verify";

export type PersonalTokenRow = typeof personalTokens.$inferSelect;

/** Saves a verified token, replacing the user's previous one (one per user). */
export async function savePersonalToken(deps: { db: Db; keyRing: KeyRing }, userId: string, verified: VerifiedToken, now: Date): Promise<void> {
  const values = {
    token: seal(deps.keyRing, verified.token, personalTokenSealContext(userId)),
    lastFour: verified.token.slice(-4),
    wikimediaUserId: verified.wikimediaUserId,
    username: verified.username,
    grants: verified.grants,
    rateLimit: verified.rateLimit,
    clientId: verified.clientId,
    expiresAt: verified.expiresAt,
    createdAt: now,
    verifiedAt: now,
    lastUsedAt: null,
  };
  await deps.db
    .insert(personalTokens)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: personalTokens.userId, set: values });
}

export async function getPersonalTokenRow(db: Db, userId: string): Promise<PersonalTokenRow | null> {
  return (await db.select().from(personalTokens).where(eq(personalTokens.userId, userId)).limit(1))[0] ?? null;
}

export type OpenedToken = { ok: true; token: string; row: PersonalTokenRow } | { ok: false; code: "no_token" | "unsealable" };

/** The user's token in the clear, for one call. A value that does not open is never used, nor guessed around. */
export async function openPersonalToken(deps: { db: Db; keyRing: KeyRing; log: Logger }, userId: string): Promise<OpenedToken> {
  const row = await getPersonalTokenRow(deps.db, userId);
  if (!row) return { ok: false, code: "no_token" };
  try {
    return { ok: true, token: open(deps.keyRing, row.token, personalTokenSealContext(userId)), row };
  } catch (error) {
    if (!(error instanceof SealError)) throw error;
    deps.log.error("personal_token.unseal_failed", { userId, reason: error.code });
    return { ok: false, code: "unsealable" };
  }
}

export async function markPersonalTokenUsed(db: Db, userId: string, now: Date): Promise<void> {
  await db.update(personalTokens).set({ lastUsedAt: now }).where(eq(personalTokens.userId, userId));
}

/** Forgets the user's token; true when there was one. It stays valid on Meta until revoked there. */
export async function deletePersonalToken(db: Db, userId: string): Promise<boolean> {
  const deleted = await db.delete(personalTokens).where(eq(personalTokens.userId, userId)).returning({ userId: personalTokens.userId });
  forgetPersonalTokenCookies(userId);
  return deleted.length > 0;
}
