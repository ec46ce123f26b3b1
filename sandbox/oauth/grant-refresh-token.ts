/**
 * `grant_type=refresh_token` (LEAGUE RefreshTokenGrant; EXT RefreshTokenRepository; docs/wikimedia-protocol.md
 * §1.2, §2.3). Always rotates: the old access token dies at once, the old refresh token keeps working for
 * `refreshGraceSeconds` (0 = strict, the behaviour before EXT e4424057; 600 = current code), then
 * "Token has been revoked".
 */
import type { Ctx, SandboxResponse } from "../http";
import type { RefreshTokenRecord } from "../state";
import { clientCredentials, requireClient, validateConfidentialClient } from "./client-auth";
import { issueTokens } from "./issue";
import { OAuthProblem } from "./oauth-error";
import { looksOpaque, opaqueId } from "./opaque";
import { splitScopes, validateKnownScopes } from "./scopes";

function isRevoked(ctx: Ctx, token: RefreshTokenRecord): boolean {
  // EXT isRefreshTokenRevoked also fails a token whose approval the user revoked (T336113).
  if (token.approvalId !== 0 && !ctx.store.state.approvals.some((a) => a.id === token.approvalId)) return true;
  if (token.revokedAt === null) return false;
  return token.graceExpires === null || ctx.store.now() >= token.graceExpires;
}

export async function refreshTokenGrant(ctx: Ctx, form: URLSearchParams): Promise<SandboxResponse> {
  const store = ctx.store;
  const credentials = clientCredentials(ctx, form);
  const client = requireClient(ctx, credentials);
  if (client.confidential) validateConfidentialClient(client, credentials, "refresh_token");

  const sent = form.get("refresh_token");
  if (sent === null || sent === "") throw OAuthProblem.invalidRequest("refresh_token");
  const old = looksOpaque(sent) ? store.state.refreshTokens.find((t) => t.id === opaqueId(sent)) : undefined;
  if (!old) throw OAuthProblem.invalidRefreshToken("Cannot decrypt the refresh token");
  if (old.clientKey !== client.key) throw OAuthProblem.invalidRefreshToken("Token is not linked to client");
  if (old.expires < store.now()) throw OAuthProblem.invalidRefreshToken("Token has expired");
  if (isRevoked(ctx, old)) throw OAuthProblem.invalidRefreshToken("Token has been revoked");

  // A refreshed token may have the original scopes or fewer, never new ones.
  const requested = form.get("scope");
  let scopes = old.scopes;
  if (requested !== null && requested.trim() !== "") {
    const names = splitScopes(requested);
    validateKnownScopes(names);
    for (const name of names) if (!old.scopes.includes(name)) throw OAuthProblem.invalidScope(name);
    scopes = [...new Set(names)];
  }

  const now = store.now();
  const oldAccess = store.state.accessTokens.find((t) => t.jti === old.accessJti);
  if (oldAccess) oldAccess.revoked = true;
  // Reuse within the grace window does not extend it.
  if (old.revokedAt === null) {
    old.revokedAt = now;
    old.graceExpires = now + store.config.refreshGraceSeconds * 1000;
  }
  store.changed();
  return issueTokens(ctx, {
    client, userId: old.userId, approvalId: old.approvalId, scopes, grantType: "refresh_token", withRefreshToken: true,
  });
}
