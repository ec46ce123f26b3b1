/**
 * `grant_type=authorization_code` (LEAGUE AuthCodeGrant::respondToAccessTokenRequest and
 * validateAuthorizationCode; docs/wikimedia-protocol.md §1.2). Checks run in league's order, so each failure gets
 * league's error and hint.
 */
import type { Ctx, SandboxResponse } from "../http";
import { clientCredentials, requireClient, validateConfidentialClient } from "./client-auth";
import { issueTokens } from "./issue";
import { OAuthProblem } from "./oauth-error";
import { looksOpaque, opaqueId } from "./opaque";
import { PKCE_SYNTAX, verifierMatches } from "./pkce";

export async function authorizationCodeGrant(ctx: Ctx, form: URLSearchParams): Promise<SandboxResponse> {
  const store = ctx.store;
  const credentials = clientCredentials(ctx, form);
  const client = requireClient(ctx, credentials);
  // Only confidential clients are authenticated; public ones prove themselves with PKCE.
  if (client.confidential) validateConfidentialClient(client, credentials, "authorization_code");

  const code = form.get("code");
  if (code === null || code === "") throw OAuthProblem.invalidRequest("code");
  if (!looksOpaque(code)) throw OAuthProblem.invalidRequest("code", "Issue decrypting the authorization code");
  const record = store.state.authCodes.find((c) => c.id === opaqueId(code));
  if (!record) throw OAuthProblem.invalidGrant("Cannot validate the provided authorization code");

  if (store.now() > record.expires) throw OAuthProblem.invalidGrant("Authorization code has expired");
  if (record.used) throw OAuthProblem.invalidGrant("Authorization code has been revoked");
  if (record.clientKey !== client.key) throw OAuthProblem.invalidRequest("code", "Authorization code was not issued to this client");

  // The code remembers redirect_uri as sent to authorize (null when omitted), and null ≠ a string.
  const redirectUri = form.get("redirect_uri");
  if (record.redirectUri !== null && redirectUri === null) throw OAuthProblem.invalidRequest("redirect_uri");
  if (record.redirectUri !== redirectUri) throw OAuthProblem.invalidRequest("redirect_uri", "Invalid redirect URI");

  const verifier = form.get("code_verifier");
  if (record.codeChallenge !== null && record.codeChallengeMethod !== null) {
    if (verifier === null) throw OAuthProblem.invalidRequest("code_verifier");
    if (!PKCE_SYNTAX.test(verifier)) {
      throw OAuthProblem.invalidRequest("code_verifier", "Code Verifier must follow the specifications of RFC-7636.");
    }
    if (!verifierMatches(record.codeChallengeMethod, record.codeChallenge, verifier)) {
      throw OAuthProblem.invalidGrant("Failed to verify `code_verifier`.");
    }
  } else if (verifier !== null) {
    throw OAuthProblem.invalidRequest("code_verifier", "code_verifier received when no code_challenge is present");
  }

  // The user may have revoked the app between authorize and this exchange.
  if (!store.state.approvals.some((a) => a.id === record.approvalId)) {
    throw OAuthProblem.invalidGrant("Authorization code has been revoked");
  }

  record.used = true;
  store.changed();
  return issueTokens(ctx, {
    client, userId: record.userId, approvalId: record.approvalId, scopes: record.scopes,
    grantType: "authorization_code", withRefreshToken: true,
  });
}
