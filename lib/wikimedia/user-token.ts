/**
 * Calls Wikimedia with a user's access token. If Wikimedia says the token is no longer valid (it was
 * revoked, or expired early), refresh once through the vault and retry once. The two APIs signal this
 * differently (wikimedia-wire.md §4): api.php answers HTTP 200 with `MediaWiki-API-Error:
 * mwoauth-invalid-authorization`; rest.php answers 403 with that `errorKey`, or 401 with
 * `WWW-Authenticate: … invalid_token`.
 */
import type { Vault } from "@/lib/grants/vault";

const INVALID_TOKEN = "mwoauth-invalid-authorization";

export async function tokenWasRejected(response: Response): Promise<boolean> {
  const apiErrors = (response.headers.get("mediawiki-api-error") ?? "").split(",").map((code) => code.trim());
  if (apiErrors.includes(INVALID_TOKEN)) return true;
  if (response.status === 401 && /invalid_token/i.test(response.headers.get("www-authenticate") ?? "")) return true;
  if (response.status !== 403) return false;
  try {
    const body = (await response.clone().json()) as { errorKey?: unknown };
    // Only the plain key means a bad token; "…-blocked-user", "…-wrong-wiki" etc. are not fixed by a refresh.
    return body.errorKey === INVALID_TOKEN;
  } catch {
    return false;
  }
}

export async function withUserToken(
  vault: Vault,
  userId: string,
  call: (accessToken: string) => Promise<Response>,
): Promise<Response> {
  const token = await vault.getAccessToken(userId);
  const response = await call(token);
  if (!(await tokenWasRejected(response))) return response;
  const fresh = await vault.refreshAfterRejection(userId, token);
  return call(fresh);
}
