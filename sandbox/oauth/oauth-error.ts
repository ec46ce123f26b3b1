/**
 * OAuth errors as league's OAuthServerException shapes them: `{error, error_description[, hint]}` JSON at
 * the token endpoint, a redirect carrying the same payload when the exception holds a redirect URI, and
 * an HTML page otherwise (EXT AuthenticationHandler::errorResponse; docs/wikimedia-protocol.md §1.1, §1.2).
 */
import { html, json, type Ctx, type SandboxResponse } from "../http";
import { renderPage } from "../pages/layout";
import { escapeHtml } from "../http";

// LEAGUE 9.4.1 OAuthServerException fixed descriptions.
const INVALID_REQUEST = "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.";
const INVALID_CLIENT = "Client authentication failed";
const INVALID_SCOPE = "The requested scope is invalid, unknown, or malformed";
const INVALID_GRANT = "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";
const INVALID_REFRESH = "The refresh token is invalid.";
const ACCESS_DENIED = "The resource owner or authorization server denied the request.";

/**
 * The OAuth extension's E-codes for the cases the sandbox models, each with the words of its
 * `mw-mwoautherror-details` line (EXT i18n; docs/wikimedia-protocol.md §11.1). E010's words are the
 * sandbox's: the public sources show its code and anchor but not its English text.
 */
export const E_CODES = {
  E005: "Connected OAuth app not approved",
  E006: "Unknown OAuth key",
  E010: "Owner-only OAuth consumer",
} as const;

export type ECode = keyof typeof E_CODES;

export class OAuthProblem extends Error {
  /** Shown, with its Help:OAuth/Errors link, on the HTML error page. */
  eCode: ECode | null = null;

  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly hint: string | null = null,
    /** When set, authorize answers with a 302 to this URI instead of a page. */
    readonly redirectUri: string | null = null,
  ) {
    super(description);
  }

  withECode(code: ECode): this {
    this.eCode = code;
    return this;
  }

  static invalidRequest(parameter: string, hint?: string): OAuthProblem {
    return new OAuthProblem(400, "invalid_request", INVALID_REQUEST, hint ?? `Check the \`${parameter}\` parameter`);
  }

  /** EXT AuthenticationHandler::validate: ParamValidator failures surface as invalid_request. */
  static paramValidation(parameter: string, message: string): OAuthProblem {
    return new OAuthProblem(400, "invalid_request", `Invalid request: ${message}`, `Check the \`${parameter}\` parameter`);
  }

  static invalidClient(): OAuthProblem {
    return new OAuthProblem(401, "invalid_client", INVALID_CLIENT);
  }

  static invalidScope(scope: string, redirectUri: string | null = null): OAuthProblem {
    return new OAuthProblem(400, "invalid_scope", INVALID_SCOPE, `Check the \`${scope}\` scope`, redirectUri);
  }

  static invalidGrant(hint: string): OAuthProblem {
    return new OAuthProblem(400, "invalid_grant", INVALID_GRANT, hint);
  }

  static invalidRefreshToken(hint: string): OAuthProblem {
    return new OAuthProblem(400, "invalid_grant", INVALID_REFRESH, hint);
  }

  static accessDenied(hint: string): OAuthProblem {
    return new OAuthProblem(401, "access_denied", ACCESS_DENIED, hint);
  }

  /**
   * EXT Authorize on approval_cancel: `new OAuthServerException(msg, 401, 'unauthorized_client', 400, null,
   * $authRequest->getRedirectUri())` — the 401 is league's internal code; the HTTP status is 400.
   */
  static userRejected(redirectUri: string | null): OAuthProblem {
    return new OAuthProblem(400, "unauthorized_client", "User has rejected the request from client application", null, redirectUri);
  }
}

export function problemPayload(ctx: Ctx, problem: OAuthProblem): Record<string, string> {
  const payload: Record<string, string> = { error: problem.error, error_description: problem.description };
  if (problem.hint !== null) payload.hint = problem.hint;
  // The Wikimedia fork of league (production until early 2026) duplicated the description as `message`.
  if (ctx.store.config.legacyOAuthErrorMessage) payload.message = problem.description;
  return payload;
}

/** Token-endpoint error: JSON, with WWW-Authenticate only when the request carried an Authorization header. */
export function problemJson(ctx: Ctx, problem: OAuthProblem): SandboxResponse {
  const headers: Record<string, string> = {};
  const authorization = ctx.req.headers.authorization;
  if (problem.error === "invalid_client" && authorization) {
    headers["www-authenticate"] = `${authorization.startsWith("Bearer") ? "Bearer" : "Basic"} realm="OAuth"`;
  }
  return json(problem.status, problemPayload(ctx, problem), { "content-type": "application/json", ...headers });
}

/** LEAGUE OAuthServerException::generateHttpResponse: `?` or `&`, then http_build_query of the payload. */
export function withQuery(uri: string, params: Record<string, string>): string {
  return `${uri}${uri.includes("?") ? "&" : "?"}${new URLSearchParams(params).toString()}`;
}

const ERROR_TITLES: Record<string, string> = {
  invalid_request: "The request is missing a required parameter or is otherwise malformed.",
  invalid_client: "Client authentication failed.",
  invalid_scope: "The requested scope is invalid, unknown, or malformed.",
  access_denied: "The resource owner or authorization server denied the request.",
  unauthorized_client: "The user denied the request.",
};

/** Authorize-side error: a redirect when the problem carries a URI, else MediaWiki's HTML error page. */
export function problemAtAuthorize(ctx: Ctx, problem: OAuthProblem): SandboxResponse {
  if (problem.redirectUri !== null) {
    return { status: 302, headers: { location: withQuery(problem.redirectUri, problemPayload(ctx, problem)) }, body: "" };
  }
  const body =
    `<div class="error-box" role="alert">` +
    `<p><strong>${escapeHtml(ERROR_TITLES[problem.error] ?? "An error occurred in the OAuth protocol.")}</strong></p>` +
    `<dl><dt>Error</dt><dd><code class="oauth-error">${escapeHtml(problem.error)}</code></dd>` +
    `<dt>Description</dt><dd class="oauth-error-description">${escapeHtml(problem.description)}</dd>` +
    (problem.hint !== null ? `<dt>Hint</dt><dd class="oauth-error-hint">${escapeHtml(problem.hint)}</dd>` : "") +
    `</dl>` +
    (problem.eCode !== null
      ? `<p class="mw-mwoautherror-details">${escapeHtml(E_CODES[problem.eCode])}, ` +
        `<a href="https://www.mediawiki.org/wiki/Help:OAuth/Errors#${problem.eCode}">${problem.eCode}</a></p>`
      : "") +
    `</div>`;
  return html(problem.status, renderPage(ctx, { title: "OAuth 2.0 error", body }));
}
