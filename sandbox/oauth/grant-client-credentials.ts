/**
 * `grant_type=client_credentials` (LEAGUE ClientCredentialsGrant; docs/wikimedia-protocol.md §1.2, §3): confidential
 * clients only, no refresh token. An ordinary client gets an anonymous API session (approval id 0); an
 * owner-only client acts as its owner.
 */
import type { Ctx, SandboxResponse } from "../http";
import { clientCredentials, requireClient, validateConfidentialClient } from "./client-auth";
import { issueTokens } from "./issue";
import { OAuthProblem } from "./oauth-error";
import { finalizeScopes } from "./scopes";

export async function clientCredentialsGrant(ctx: Ctx, form: URLSearchParams): Promise<SandboxResponse> {
  const credentials = clientCredentials(ctx, form);
  const client = requireClient(ctx, credentials);
  if (!client.confidential) throw OAuthProblem.invalidClient();
  validateConfidentialClient(client, credentials, "client_credentials");
  const scopes = finalizeScopes(form.get("scope"), client);

  let userId = 0;
  let approvalId = 0;
  if (client.ownerOnly) {
    userId = client.ownerId;
    approvalId = ctx.store.state.approvals.find((a) => a.clientKey === client.key && a.userId === client.ownerId)?.id ?? 0;
  }
  return issueTokens(ctx, { client, userId, approvalId, scopes, grantType: "client_credentials", withRefreshToken: false });
}
