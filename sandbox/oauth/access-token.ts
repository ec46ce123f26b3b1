/**
 * `POST /w/rest.php/oauth2/access_token` (EXT Rest/Handler/AccessToken; docs/wikimedia-protocol.md §1.2). The REST
 * framework runs first: a bearer header is checked like on any REST route, the body must be present and
 * form-encoded. Then the grant_type enum, then the grant itself.
 */
import { authenticate } from "../auth";
import { restError } from "../errors";
import { contentType, type Ctx, type SandboxResponse } from "../http";
import { clientCredentials } from "./client-auth";
import { authorizationCodeGrant } from "./grant-authorization-code";
import { clientCredentialsGrant } from "./grant-client-credentials";
import { refreshTokenGrant } from "./grant-refresh-token";
import { OAuthProblem, problemJson } from "./oauth-error";

const GRANTS = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  client_credentials: clientCredentialsGrant,
} as const;

function isGrantType(value: string): value is keyof typeof GRANTS {
  return Object.hasOwn(GRANTS, value);
}

export async function accessToken(ctx: Ctx): Promise<SandboxResponse> {
  // The OAuth session provider validates any bearer header before the handler runs (§4).
  if (ctx.req.headers.authorization?.startsWith("Bearer")) {
    const auth = await authenticate(ctx);
    if (!auth.ok) return restError(403, auth.errorKey, auth.message);
  }
  const body = await ctx.body();
  if (body.length === 0) return restError(411, "rest-request-body-expected", "Request body expected.");
  const type = contentType(ctx.req);
  if (type !== "application/x-www-form-urlencoded") {
    return restError(415, "rest-unsupported-content-type", `Unsupported Content-Type: ${type || "(none)"}`);
  }
  const form = new URLSearchParams(body.toString("utf8"));
  const grantType = form.get("grant_type");
  ctx.logDetails({ clientId: clientCredentials(ctx, form).clientId, grantType });

  try {
    if (grantType === null || grantType === "") {
      throw OAuthProblem.paramValidation("grant_type", 'The "grant_type" parameter must be set.');
    }
    if (!isGrantType(grantType)) {
      throw OAuthProblem.paramValidation("grant_type", `Unrecognized value for parameter "grant_type": ${grantType}.`);
    }
    return await GRANTS[grantType](ctx, form);
  } catch (error) {
    if (error instanceof OAuthProblem) return problemJson(ctx, error);
    throw error;
  }
}
