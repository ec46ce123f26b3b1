/**
 * What is worth a warning about a working personal API token: it acts as another Wikimedia account than
 * the one signed in to Wikiport, it lacks grants Wikiport uses, or it expires (so it is not an owner-only
 * client's token, which never does: docs/wikimedia-protocol.md §2.3).
 */

/** `params` are what the sentence names, so lib/i18n/errors.ts `describeFailure` can say it in the reader's language. */
export type PersonalTokenWarning =
  | { code: "different_account"; tokenUsername: string; message: string; params: { username: string; otherUsername?: string } }
  | { code: "missing_grants"; missing: string[]; message: string; params: { list: string[] } }
  | { code: "expires"; expiresAt: Date; message: string; params: { date: string } };

export interface TokenFacts {
  /** Central user id the token belongs to, per the profile endpoint. */
  wikimediaUserId: string;
  username: string;
  grants: readonly string[];
  expiresAt: Date | null;
}

export interface Viewer {
  /** The signed-in user's central id (`wikimedia_profiles.wikimedia_user_id`), null if unknown. */
  wikimediaUserId: string | null;
  username: string | null;
}

export function warningsFor(token: TokenFacts, viewer: Viewer, neededGrants: readonly string[]): PersonalTokenWarning[] {
  const warnings: PersonalTokenWarning[] = [];
  if (viewer.wikimediaUserId !== null && token.wikimediaUserId !== viewer.wikimediaUserId) {
    warnings.push({
      code: "different_account",
      tokenUsername: token.username,
      message:
        `This token belongs to the Wikimedia account “${token.username}”, not to ${viewer.username ? `“${viewer.username}”, ` : ""}` +
        "the account you signed in to Wikiport with. Anything done with it is done as that other account. " +
        "Unless that is what you want, delete it here and create a token while logged in to Meta as yourself.",
      params: { username: token.username, ...(viewer.username ? { otherUsername: viewer.username } : {}) },
    });
  }
  const missing = neededGrants.filter((grant) => !token.grants.includes(grant));
  if (missing.length > 0) {
    warnings.push({
      code: "missing_grants",
      missing,
      message:
        `This token lacks grants Wikiport uses for reading, editing and your watchlist: ${missing.join(", ")}. ` +
        "Calls that need them will be refused. Grants cannot be added to an existing client: propose a new owner-only client on Meta with them ticked.",
      params: { list: missing },
    });
  }
  if (token.expiresAt) {
    warnings.push({
      code: "expires",
      expiresAt: token.expiresAt,
      message:
        `This token expires on ${token.expiresAt.toISOString().slice(0, 10)}, so it is not a personal API token: those never expire. ` +
        "It is probably an app's access token. Create an owner-only client on Meta instead.",
      params: { date: token.expiresAt.toISOString() },
    });
  }
  return warnings;
}
