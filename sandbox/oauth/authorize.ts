/**
 * `GET /w/rest.php/oauth2/authorize` (EXT Rest/Handler/Authorize + LEAGUE AuthCodeGrant::
 * validateAuthorizationRequest; docs/wikimedia-protocol.md §1.1). Order: parameter validation, login, client,
 * redirect_uri, scopes, PKCE, usability, then the approval dialog round trip and the code.
 */
import { redirect, sandboxUrl, type Ctx, type SandboxResponse } from "../http";
import type { AuthCodeRecord, ClientRecord, UserRecord } from "../state";
import { signedIn, wikiPath } from "../pages/session";
import { findClient, usableBy } from "./consumer";
import { OAuthProblem, problemAtAuthorize, withQuery } from "./oauth-error";
import { newOpaqueToken, opaqueId } from "./opaque";
import { PKCE_SYNTAX } from "./pkce";
import { redirectUriMatches } from "./redirect-uri";
import { finalizeScopes } from "./scopes";

/** EXT AuthorizationCodeProvider::getGrant: `new DateInterval('PT10M')`. */
export const AUTH_CODE_TTL_SECONDS = 600;

const ENUMS: Record<string, readonly string[]> = {
  response_type: ["code"],
  code_challenge_method: ["plain", "S256"],
  display: ["page", "popup", "touch", "wap"],
};
const REQUIRED = ["response_type", "client_id"];
// Authorize::getParamSettings order: the first failing parameter is the one reported.
const PARAM_ORDER = ["response_type", "client_id", "code_challenge_method", "display"];

/** ParamValidator messages (`paramvalidator-missingparam`, `paramvalidator-badvalue-enumnotmulti`). */
function validateParams(query: URLSearchParams): OAuthProblem | null {
  for (const name of PARAM_ORDER) {
    const value = query.get(name);
    if (REQUIRED.includes(name) && (value === null || value === "")) {
      return OAuthProblem.paramValidation(name, `The "${name}" parameter must be set.`);
    }
    const allowed = ENUMS[name];
    if (allowed && value !== null && !allowed.includes(value)) {
      return OAuthProblem.paramValidation(name, `Unrecognized value for parameter "${name}": ${value}.`);
    }
  }
  return null;
}

interface ValidRequest {
  client: ClientRecord;
  /** As sent (null when omitted): what the code remembers and where a rejection redirects. */
  requestedRedirectUri: string | null;
  finalRedirectUri: string;
  state: string | null;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: "plain" | "S256" | null;
}

function validateRequest(ctx: Ctx, user: UserRecord): ValidRequest {
  const query = ctx.url.searchParams;
  const client = findClient(ctx.store, query.get("client_id") ?? "");
  if (!client) throw OAuthProblem.invalidClient().withECode("E006");

  const requestedRedirectUri = query.get("redirect_uri");
  if (requestedRedirectUri !== null && !redirectUriMatches(client.callbackUrl, requestedRedirectUri)) {
    throw OAuthProblem.invalidClient();
  }
  if (requestedRedirectUri === null && client.callbackUrl === "") throw OAuthProblem.invalidClient();
  const finalRedirectUri = requestedRedirectUri ?? client.callbackUrl;

  // League builds the scope error's redirect with the state already attached.
  const state = query.get("state");
  const scopeErrorUri = state !== null ? withQuery(finalRedirectUri, { state }) : finalRedirectUri;
  const scopes = finalizeScopes(query.get("scope"), client, scopeErrorUri);

  const codeChallenge = query.get("code_challenge");
  let codeChallengeMethod: "plain" | "S256" | null = null;
  if (codeChallenge !== null) {
    codeChallengeMethod = (query.get("code_challenge_method") ?? "plain") as "plain" | "S256";
    if (!PKCE_SYNTAX.test(codeChallenge)) {
      throw OAuthProblem.invalidRequest("code_challenge", "Code challenge must follow the specifications of RFC-7636.");
    }
  } else if (!client.confidential) {
    // LEAGUE AuthCodeGrant::$requireCodeChallengeForPublicClients = true; EXT never disables it.
    throw OAuthProblem.invalidRequest("code_challenge", "Code challenge must be provided for public clients");
  }

  if (!usableBy(client, user)) {
    // EXT Consumer::authorize: owner-only consumers are refused with E010, unapproved ones with E005.
    throw OAuthProblem.accessDenied(`Client ${client.key} is not usable by user with ID ${user.id}`).withECode(client.ownerOnly ? "E010" : "E005");
  }
  return { client, requestedRedirectUri, finalRedirectUri, state, scopes, codeChallenge, codeChallengeMethod };
}

/** Special:UserLogin, coming back through Special:OAuth/rest_redirect (Authorize::getLoginRedirectResponse). */
function loginRedirect(ctx: Ctx, wiki: string): SandboxResponse {
  const restUrl = sandboxUrl(ctx, `${ctx.url.pathname}${ctx.url.search}`);
  const location = wikiPath(wiki, "Special:UserLogin", {
    returnto: "Special:OAuth/rest_redirect",
    returntoquery: new URLSearchParams({ rest_url: restUrl }).toString(),
  });
  return redirect(307, sandboxUrl(ctx, location));
}

/** Special:OAuth/approve shows the dialog and bounces back with approval_pass=1 or approval_cancel=1. */
function approvalRedirect(ctx: Ctx, wiki: string, request: ValidRequest): SandboxResponse {
  const original = new URLSearchParams(ctx.url.search);
  original.delete("approval_pass");
  original.delete("approval_cancel");
  const location = wikiPath(wiki, "Special:OAuth/approve", {
    returnto: ctx.url.pathname,
    returntoquery: original.toString(),
    client_id: request.client.key,
    oauth_version: "2",
    scope: request.scopes.join(" "),
  });
  return redirect(307, sandboxUrl(ctx, location));
}

function issueCode(ctx: Ctx, user: UserRecord, approvalId: number, request: ValidRequest): string {
  const store = ctx.store;
  const now = store.now();
  const code = newOpaqueToken();
  const record: AuthCodeRecord = {
    id: opaqueId(code), clientKey: request.client.key, userId: user.id, approvalId, scopes: request.scopes,
    redirectUri: request.requestedRedirectUri, codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod, expires: now + AUTH_CODE_TTL_SECONDS * 1000, used: false,
  };
  // Spent or long-expired codes are of no further use: "expired" is only reported for a day.
  store.state.authCodes = store.state.authCodes.filter((c) => c.expires > now - 24 * 3600 * 1000);
  store.state.authCodes.push(record);
  store.changed();
  return code;
}

export async function authorize(ctx: Ctx): Promise<SandboxResponse> {
  const wiki = ctx.wiki?.host ?? "meta.wikimedia.org";
  const query = ctx.url.searchParams;
  const invalid = validateParams(query);
  if (invalid) return problemAtAuthorize(ctx, invalid);

  const who = signedIn(ctx);
  if (!who) return loginRedirect(ctx, wiki);

  let request: ValidRequest;
  try {
    request = validateRequest(ctx, who.user);
    if (query.get("approval_cancel")) throw OAuthProblem.userRejected(request.requestedRedirectUri);
  } catch (error) {
    if (error instanceof OAuthProblem) return problemAtAuthorize(ctx, error);
    throw error;
  }

  if (query.get("approval_pass")) {
    // Authorize::checkApproval: a stored approval must cover every requested scope.
    const approval = ctx.store.state.approvals.find((a) => a.clientKey === request.client.key && a.userId === who.user.id);
    if (approval && request.scopes.every((scope) => approval.grants.includes(scope))) {
      const params: Record<string, string> = { code: issueCode(ctx, who.user, approval.id, request) };
      // http_build_query drops a null state, so none is sent back when none came in.
      if (request.state !== null) params.state = request.state;
      return redirect(302, withQuery(request.finalRedirectUri, params));
    }
  }
  return approvalRedirect(ctx, wiki, request);
}
