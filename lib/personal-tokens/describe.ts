/** The stored personal API token as the dashboard shows it: masked, with whose it is and what it may do. */
import type { Db } from "@/db";
import { getWikimediaProfile } from "@/lib/auth/wikimedia-profiles";
import { describeRateLimit, type RateLimit } from "./claims";
import { getPersonalTokenRow } from "./store";
import { warningsFor, type PersonalTokenWarning } from "./warnings";

export interface PersonalTokenSummary {
  /** `…abcd`: enough to tell tokens apart, useless to anyone else. */
  masked: string;
  username: string;
  wikimediaUserId: string;
  grants: string[];
  /** In English, for logs and the API. */
  rateLimit: string;
  /** The token's claim itself, for the dashboard to say in the interface language. */
  rateLimitClaim: RateLimit | null;
  clientId: string | null;
  expiresAt: Date | null;
  createdAt: Date;
  verifiedAt: Date;
  lastUsedAt: Date | null;
  warnings: PersonalTokenWarning[];
}

export async function describePersonalToken(db: Db, userId: string, neededGrants: readonly string[]): Promise<PersonalTokenSummary | null> {
  const row = await getPersonalTokenRow(db, userId);
  if (!row) return null;
  const profile = await getWikimediaProfile(db, userId);
  const viewer = { wikimediaUserId: profile?.wikimediaUserId ?? null, username: profile?.username ?? null };
  return {
    masked: `…${row.lastFour}`,
    username: row.username,
    wikimediaUserId: row.wikimediaUserId,
    grants: row.grants,
    rateLimit: describeRateLimit(row.rateLimit ?? null),
    rateLimitClaim: row.rateLimit ?? null,
    clientId: row.clientId,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    verifiedAt: row.verifiedAt,
    lastUsedAt: row.lastUsedAt,
    warnings: warningsFor(row, viewer, neededGrants),
  };
}
