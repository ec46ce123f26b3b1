/**
 * The JWT `rlc` claim: the rate-limit class Wikimedia's API gateway counts a user's requests under
 * (WikimediaCustomizations RateLimitHookHandler, on the GetSessionJwtData hook; docs/wikimedia-protocol.md
 * §11.3). A global group named in `$wgWMCGlobalGroupToRateLimitClass` wins; otherwise 1000 edits and an
 * account older than 7 days make `established-user` (T419796), anyone else is `authed-user`. Never set
 * for owner-only tokens: they cannot be revoked easily, so they must not raise anyone's limits (T418042).
 */
import type { UserRecord } from "./state";

export type RateLimitClaim = "approved-bot" | "established-user" | "authed-user";

/** `$wgWMCGlobalGroupToRateLimitClass` as production sets it for bots; the first listed group wins. */
const GLOBAL_GROUP_CLASSES: Readonly<Record<string, RateLimitClaim>> = { "global-bot": "approved-bot" };

const ESTABLISHED_EDITS = 1000;
const ESTABLISHED_AGE_MS = 7 * 24 * 3600 * 1000;

export function rateLimitClaim(user: UserRecord, now: number): RateLimitClaim {
  const globalGroups = user.globalGroups ?? [];
  for (const [group, claim] of Object.entries(GLOBAL_GROUP_CLASSES)) if (globalGroups.includes(group)) return claim;
  return user.editCount >= ESTABLISHED_EDITS && now - user.registered >= ESTABLISHED_AGE_MS ? "established-user" : "authed-user";
}
