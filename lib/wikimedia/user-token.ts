/**
 * Calls Wikimedia with a user's access token. If Wikimedia says the token is no longer valid (it was
 * revoked, or expired early), refresh once through the token source (the vault) and retry once. The two APIs signal this
 * differently (docs/wikimedia-protocol.md §4): api.php answers HTTP 200 with `MediaWiki-API-Error:
 * mwoauth-invalid-authorization`; rest.php answers 403 with that `errorKey`, or 401 with
 * `WWW-Authenticate: … invalid_token`.
 */
import { asWikimediaError } from "./errors";
import { apiErrorCodes } from "./headers";
import type { Credential, WikiResponse } from "./http";

/**
 * Where a user's access tokens come from: the vault (lib/grants/vault.ts) implements it. Either method may
 * throw the errors of token-errors.ts.
 */
export interface UserTokens {
  /** A valid access token for the user. */
  getAccessToken(userId: string): Promise<string>;
  /** After Wikimedia refused `rejectedAccessToken`: a new one (refreshed, or another request's replacement). */
  refreshAfterRejection(userId: string, rejectedAccessToken: string): Promise<string>;
}

const INVALID_TOKEN = "mwoauth-invalid-authorization";

/** The invalid-token signals, read from an answer whose body is already in hand. */
export function tokenRejectedBy(answer: { status: number; headers: Headers; body: string }): boolean {
  if (apiErrorCodes(answer.headers).includes(INVALID_TOKEN)) return true;
  if (answer.status === 401 && /invalid_token/i.test(answer.headers.get("www-authenticate") ?? "")) return true;
  if (answer.status !== 403) return false;
  try {
    const body = JSON.parse(answer.body) as { errorKey?: unknown };
    // Only the plain key means a bad token; "…-blocked-user", "…-wrong-wiki" etc. are not fixed by a refresh.
    return body.errorKey === INVALID_TOKEN;
  } catch {
    return false;
  }
}

/** One call with the user's token; if Wikimedia refused that token, one refresh and one retry. */
async function withUserToken(tokens: UserTokens, userId: string, send: (accessToken: string) => Promise<WikiResponse>): Promise<WikiResponse> {
  const token = await tokens.getAccessToken(userId);
  const answer = await send(token);
  if (!tokenRejectedBy(answer)) return answer;
  const fresh = await tokens.refreshAfterRejection(userId, token);
  return send(fresh);
}

/**
 * A signed-in user as a `Credential` for the request layer (http.ts): their token from `tokens`, the
 * refresh-once-and-retry above, and the token source's errors as `WikimediaError`s (`reconnect_needed`,
 * `wikimedia_unavailable`). A token still refused after the retry is left in the answer for the API client to
 * report as `reconnect_needed`.
 */
export function userCredential(tokens: UserTokens, userId: string): Credential {
  return {
    kind: "user",
    key: `user:${userId}`,
    async run(send) {
      try {
        return await withUserToken(tokens, userId, send);
      } catch (error) {
        throw asWikimediaError(error) ?? error;
      }
    },
  };
}
