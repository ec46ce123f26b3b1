/**
 * Verifying a pasted personal API token: its shape first (no network call for a malformed value), then
 * one call to Meta's profile endpoint with it, which is what proves that Wikimedia accepts it and says
 * whose it is. The claims are read for what the profile does not say (client, rate-limit tier, expiry).
 */
import { WikimediaError } from "@/lib/wikimedia/errors";
import type { WikiResponse } from "@/lib/wikimedia/http";
import { wikimediaProfileSchema, type WikimediaProfile } from "@/lib/wikimedia/profile";
import { pastedTokenProblem, readClaims, pastedTokenSchema, type RateLimit } from "./claims";
import { personalTokenCredential } from "./credential";
import type { PersonalTokenDeps } from "./deps";
import { warningsFor, type PersonalTokenWarning, type Viewer } from "./warnings";

export interface VerifiedToken {
  /** The token itself, normalized (prefix, quotes and whitespace removed). */
  token: string;
  wikimediaUserId: string;
  username: string;
  /** The token's verified grants, per the profile endpoint. */
  grants: string[];
  blocked: boolean;
  rateLimit: RateLimit | null;
  clientId: string | null;
  /** Null: never expires, as an owner-only client's token should. */
  expiresAt: Date | null;
}

export type VerifyErrorCode = "malformed" | "rejected" | "wikimedia_unavailable" | "unusable_profile";

export type VerifyResult =
  | { ok: true; verified: VerifiedToken; warnings: PersonalTokenWarning[] }
  // `detail` lets the reader's language say it (lib/i18n/errors.ts): the codes are other modules' too.
  | { ok: false; code: VerifyErrorCode; message: string; detail: string };

const MESSAGES: Record<Exclude<VerifyErrorCode, "malformed">, string> = {
  rejected:
    "Wikimedia does not accept this token: it was revoked, its client's secret was reset, or it was copied incompletely. " +
    "Nothing was saved. Copy the whole access token again, or create a new owner-only client on Meta.",
  wikimedia_unavailable: "Meta-Wiki did not answer, so the token could not be checked and nothing was saved. Try again in a few minutes.",
  unusable_profile:
    "Wikimedia accepted the token but did not say which account it belongs to (a hidden or suppressed account answers this way). Nothing was saved.",
};

type ProfileAnswer = { ok: true; profile: WikimediaProfile } | { ok: false; code: Exclude<VerifyErrorCode, "malformed"> };

/** `GET /oauth2/resource/profile` with the token (docs/wikimedia-protocol.md §1.3), through the request layer. */
async function fetchProfile(deps: PersonalTokenDeps, token: string, userId: string): Promise<ProfileAnswer> {
  let answer: WikiResponse;
  try {
    answer = await deps.http.send(personalTokenCredential(token, userId), { url: `${deps.oauthUrl}/resource/profile`, expect: "json-body" });
  } catch (error) {
    // A refused URL is a configuration bug, not Wikimedia's state: let it surface.
    if (!(error instanceof WikimediaError) || error.code === "forbidden_host") throw error;
    deps.log.warn("personal_token.profile_unavailable", { userId, reason: error.code, status: error.status });
    return { ok: false, code: "wikimedia_unavailable" };
  }
  // A bad token: 403 `mwoauth-invalid-authorization` from the session provider, or league's 401 (§1.3, §4).
  if (answer.status === 401 || answer.status === 403) {
    deps.log.info("personal_token.rejected", { userId, status: answer.status });
    return { ok: false, code: "rejected" };
  }
  if (answer.status !== 200) {
    deps.log.warn("personal_token.profile_refused", { userId, status: answer.status });
    return { ok: false, code: "wikimedia_unavailable" };
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return { ok: false, code: "wikimedia_unavailable" };
  }
  const parsed = wikimediaProfileSchema.safeParse(body);
  if (!parsed.success) return { ok: false, code: "unusable_profile" };
  return { ok: true, profile: parsed.data };
}

/**
 * Checks a pasted value and says whose token it is. `viewer` is the signed-in user's Wikimedia account,
 * for the different-account warning.
 */
export async function verifyPersonalToken(deps: PersonalTokenDeps, input: { userId: string; pasted: unknown; viewer: Viewer }): Promise<VerifyResult> {
  const shape = pastedTokenSchema.safeParse(input.pasted);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    return { ok: false, code: "malformed", message: issue?.message ?? "That is not a personal API token.", detail: pastedTokenProblem(issue) };
  }
  const token = shape.data;
  const claims = readClaims(token, deps.now?.() ?? new Date());
  if (!claims) {
    return {
      ok: false,
      code: "malformed",
      message: "That does not look like a personal API token: its middle part is not readable. Copy the whole “Access token” from Meta.",
      detail: "personal-token-unreadable",
    };
  }
  const answer = await fetchProfile(deps, token, input.userId);
  if (!answer.ok) return { ok: false, code: answer.code, message: MESSAGES[answer.code], detail: "personal-token-verify" };
  const { profile } = answer;
  const verified: VerifiedToken = {
    token,
    wikimediaUserId: profile.sub,
    username: profile.username,
    grants: profile.grants.length > 0 ? profile.grants : (claims.scopes ?? []),
    blocked: profile.blocked,
    rateLimit: claims.rateLimit,
    clientId: claims.clientId,
    expiresAt: claims.expiresAt,
  };
  return { ok: true, verified, warnings: warningsFor(verified, input.viewer, deps.neededGrants) };
}
