/**
 * Issuing tokens at the token endpoint: an access token (tokens.ts) plus, for the code and refresh
 * grants, an opaque refresh token living `refreshTokenTtl` from this issuance (docs/wikimedia-protocol.md §2.3).
 * The response is league's BearerTokenResponse: no `scope`, no `id_token`.
 */
import { json, type Ctx, type SandboxResponse } from "../http";
import type { AccessTokenRecord, ClientRecord, RefreshTokenRecord } from "../state";
import { issueAccessToken } from "../tokens";
import { newOpaqueToken, opaqueId } from "./opaque";

export interface IssueInput {
  client: ClientRecord;
  userId: number;
  approvalId: number;
  scopes: string[];
  grantType: AccessTokenRecord["grantType"];
  withRefreshToken: boolean;
}

export async function issueTokens(ctx: Ctx, input: IssueInput): Promise<SandboxResponse> {
  const store = ctx.store;
  const ttl = store.config.accessTokenTtl;
  const { jwt, record } = await issueAccessToken(store, {
    client: input.client, userId: input.userId, approvalId: input.approvalId, scopes: input.scopes,
    grantType: input.grantType, ttlSeconds: ttl,
  });
  const body: Record<string, string | number> = { token_type: "Bearer", expires_in: ttl, access_token: jwt };
  if (input.withRefreshToken) {
    const token = newOpaqueToken();
    const now = store.now();
    const refresh: RefreshTokenRecord = {
      id: opaqueId(token), accessJti: record.jti, clientKey: input.client.key, userId: input.userId,
      approvalId: input.approvalId, scopes: input.scopes, issued: now,
      expires: now + store.config.refreshTokenTtl * 1000, revokedAt: null, graceExpires: null,
    };
    store.state.refreshTokens.push(refresh);
    store.changed();
    body.refresh_token = token;
  }
  return json(200, body, {
    "content-type": "application/json; charset=UTF-8",
    pragma: "no-cache",
    "cache-control": "no-store",
  });
}
