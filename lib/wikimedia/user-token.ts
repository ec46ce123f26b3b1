/**
 * Calls Wikimedia with a user's access token. If Wikimedia says the token is no longer valid (it was
 * revoked, or expired early), refresh once through the vault and retry once. The two APIs signal this
 * differently (wikimedia-wire.md §4): api.php answers HTTP 200 with `MediaWiki-API-Error:
 * mwoauth-invalid-authorization`; rest.php answers 403 with that `errorKey`, or 401 with
 * `WWW-Authenticate: … invalid_token`.
 */
import type { Vault } from "@/lib/grants/vault";
import { asWikimediaError } from "./errors";
import { apiErrorCodes } from "./headers";
import type { Credential, WikiResponse } from "./http";

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

export async function tokenWasRejected(response: Response): Promise<boolean> {
  const body = response.status === 403 ? await response.clone().text().catch(() => "") : "";
  return tokenRejectedBy({ status: response.status, headers: response.headers, body });
}

export function withUserToken(
  vault: Vault,
  userId: string,
  call: (accessToken: string) => Promise<Response>,
): Promise<Response>;
export function withUserToken<T>(
  vault: Vault,
  userId: string,
  call: (accessToken: string) => Promise<T>,
  wasRejected: (result: T) => boolean | Promise<boolean>,
): Promise<T>;
export async function withUserToken<T>(
  vault: Vault,
  userId: string,
  call: (accessToken: string) => Promise<T>,
  wasRejected: (result: T) => boolean | Promise<boolean> = (result) => tokenWasRejected(result as Response),
): Promise<T> {
  const token = await vault.getAccessToken(userId);
  const response = await call(token);
  if (!(await wasRejected(response))) return response;
  const fresh = await vault.refreshAfterRejection(userId, token);
  return call(fresh);
}

/**
 * A signed-in user as a `Credential` for the request layer (http.ts): their token from the vault, the
 * refresh-once-and-retry above, and the vault's errors as `WikimediaError`s (`reconnect_needed`,
 * `unavailable`). A token still refused after the retry is left in the answer for the API client to
 * report as `reconnect_needed`.
 */
export function userCredential(vault: Vault, userId: string): Credential {
  return {
    kind: "user",
    key: `user:${userId}`,
    async run(send) {
      try {
        return await withUserToken<WikiResponse>(vault, userId, send, tokenRejectedBy);
      } catch (error) {
        throw asWikimediaError(error) ?? error;
      }
    },
  };
}
