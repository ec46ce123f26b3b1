/**
 * `GET /w/rest.php/oauth2/resource/{profile|scopes}` (EXT Rest/Handler/Resource, UserStatementProvider::
 * getUserProfile; docs/wikimedia-protocol.md §1.3). The session provider rejects a bad bearer token with a 403 REST
 * error before the handler runs; the handler itself wants a bearer token.
 */
import { activeBlock, authenticate } from "../auth";
import { restError } from "../errors";
import { json, type Ctx, type SandboxResponse } from "../http";
import { effectiveGroups, rightsForGrants, rightsOfGroups } from "../rights";
import type { AccessTokenRecord, UserRecord } from "../state";
import { verifyAccessToken } from "../tokens";
import { findClient } from "./consumer";
import { OAuthProblem, problemJson } from "./oauth-error";

const TYPES = ["profile", "scopes"];

/** MediaWiki's TS_MW timestamp: YYYYMMDDHHMMSS in UTC. */
export function mwTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

function profile(ctx: Ctx, user: UserRecord, token: AccessTokenRecord): Record<string, unknown> {
  const privateInfo = token.scopes.includes("mwoauth-authonlyprivate") || token.scopes.includes("privateinfo");
  const result: Record<string, unknown> = {
    sub: String(user.id),
    username: user.name,
    editcount: user.editCount,
    confirmed_email: user.emailConfirmed,
    email_verified: user.emailConfirmed,
    // Any block counts here, partial ones too; non-login-disabling blocks still let the user sign in.
    blocked: activeBlock(ctx.store, user.id) !== null,
    registered: mwTimestamp(user.registered),
    groups: effectiveGroups(user.groups),
    rights: [...rightsForGrants(rightsOfGroups(user.groups), token.scopes)].sort(),
    grants: token.scopes,
  };
  if (privateInfo) {
    result.realname = user.realName;
    result.email = user.emailConfirmed ? user.email : "";
  }
  return result;
}

export async function resource(ctx: Ctx): Promise<SandboxResponse> {
  const header = ctx.req.headers.authorization;
  if (header?.startsWith("Bearer")) {
    const auth = await authenticate(ctx);
    if (!auth.ok) return restError(403, auth.errorKey, auth.message);
  }
  const type = ctx.params.type ?? "";
  if (!TYPES.includes(type)) {
    return restError(400, "paramvalidator-badvalue-enumnotmulti", `Invalid value "${type}" for path parameter \`type\`.`, {
      error: "parameter-validation-failed", name: "type", value: type, failureCode: "badvalue", failureData: null,
    });
  }
  // LEAGUE ResourceServer: no bearer token at all (a session cookie does not count).
  const token = header?.startsWith("Bearer") ? await verifyAccessToken(ctx.store, header.slice("Bearer".length).trim()) : null;
  if (!token) return problemJson(ctx, OAuthProblem.accessDenied('Missing "Authorization" header'));

  if (type === "scopes") return json(200, { scopes: findClient(ctx.store, token.clientKey)?.grants ?? [] });
  // client_credentials tokens carry the client owner as subject (EXT a750632f); the profile follows `sub`.
  const subjectId = token.userId === 0 ? (findClient(ctx.store, token.clientKey)?.ownerId ?? 0) : token.userId;
  const user = ctx.store.state.users.find((u) => u.id === subjectId);
  if (!user) return problemJson(ctx, OAuthProblem.accessDenied("User not found"));
  return json(200, profile(ctx, user, token));
}
