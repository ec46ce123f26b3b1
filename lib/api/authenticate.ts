/**
 * Who an `/api/v1` request acts for: the bearer token, its scope, the failed-authentication limit per
 * client and the request limit per token, in that order. Kept apart from the handler (and free of
 * `server-only`) so tests can run it on a real database.
 *
 * Only `Authorization: Bearer wkp_…` authenticates, never the session cookie: a browser attaches cookies
 * to cross-site requests by itself, so accepting them would let any web page make a signed-in visitor's
 * browser edit or unwatch on their behalf (CSRF, docs/security-requirements.md item 32). A bearer token has to be put on
 * the request deliberately by whoever holds it, which no other site can do.
 */
import type { Db } from "@/db";
import { verifyApiToken, type ApiTokenScope } from "@/lib/api-tokens";
import type { RateLimiter } from "@/lib/rate-limit";
import type { AuthFailureLimiter } from "./auth-failures";
import { clientAddress } from "@/lib/security/client-address";
import type { Failure } from "@/lib/i18n/errors";
import type { Translator } from "@/lib/i18n/translate";
import { problem, problemLanguage, problemResponse } from "./problem";

const REALM = 'Bearer realm="wikiport"';
export const MISSING_TOKEN_DETAIL = "Send a Wikiport API token as `Authorization: Bearer wkp_…`. Create one on your dashboard.";

export interface AuthenticateDeps {
  db: Db;
  /** Failed authentications per client address. */
  failures: AuthFailureLimiter;
  /** Requests per token. */
  perToken: RateLimiter;
  /** WIKIPORT_TRUSTED_PROXY_HOPS: which X-Forwarded-For entry is the client's (lib/security/client-address.ts). */
  trustedProxyHops: number;
}

export type Authentication =
  | { ok: true; userId: string; tokenId: string; scopes: ApiTokenScope[] }
  | { ok: false; response: Response };

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer[ ]+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

const MISSING_TOKEN: Failure = { code: "unauthorized", detail: "missing-token", message: MISSING_TOKEN_DETAIL };

function unauthorized(code: "unauthorized" | "malformed_token", detail: Failure, presented: boolean, t: Translator): Response {
  // RFC 6750 §3.1: no error code when the request carried no token at all.
  const error = presented ? ', error="invalid_token"' : "";
  return problemResponse(problem(401, code, detail), { "www-authenticate": `${REALM}${error}` }, t);
}

function tooManyFailures(retryAfterSeconds: number, t: Translator): Response {
  const failure: Failure = {
    code: "rate_limited",
    detail: "api-auth-failures",
    retryAfterSeconds,
    message: `Too many requests with an invalid API token came from your address. Try again in ${retryAfterSeconds} seconds.`,
  };
  return problemResponse(problem(429, "rate_limited", failure, { retryAfterSeconds }), { "retry-after": String(retryAfterSeconds) }, t);
}

export async function authenticate(
  request: Request,
  requiredScope: ApiTokenScope | null,
  deps: AuthenticateDeps,
  now = new Date(),
): Promise<Authentication> {
  const t = problemLanguage(request);
  const presented = bearerToken(request);
  // No token is not a failed attempt: a person opening the URL in a browser is not guessing tokens.
  if (presented === null) return { ok: false, response: unauthorized("unauthorized", MISSING_TOKEN, false, t) };

  const client = clientAddress(request.headers, deps.trustedProxyHops);
  const blocked = await deps.failures.check(client);
  if (!blocked.ok) return { ok: false, response: tooManyFailures(blocked.retryAfterSeconds, t) };

  const verified = await verifyApiToken(deps.db, presented, requiredScope ? { requiredScope } : {}, now);
  if (!verified.ok && verified.code === "insufficient_scope") {
    // A real token, used for the wrong thing: not a failed authentication.
    return {
      ok: false,
      response: problemResponse(
        problem(403, "insufficient_scope", verified, { requiredScope }),
        { "www-authenticate": `${REALM}, error="insufficient_scope", scope="${requiredScope ?? ""}"` },
        t,
      ),
    };
  }
  if (!verified.ok) {
    const limited = await deps.failures.fail(client);
    if (!limited.ok) return { ok: false, response: tooManyFailures(limited.retryAfterSeconds, t) };
    return { ok: false, response: unauthorized(verified.code === "malformed" ? "malformed_token" : "unauthorized", verified, true, t) };
  }

  const decision = await deps.perToken.take(verified.tokenId);
  if (!decision.ok) {
    return {
      ok: false,
      response: problemResponse(
        problem(
          429,
          "rate_limited",
          {
            code: "rate_limited",
            detail: "api-token",
            retryAfterSeconds: decision.retryAfterSeconds,
            message: `This token made too many requests. Try again in ${decision.retryAfterSeconds} seconds.`,
          },
          { retryAfterSeconds: decision.retryAfterSeconds },
        ),
        { "retry-after": String(decision.retryAfterSeconds) },
        t,
      ),
    };
  }
  return { ok: true, userId: verified.userId, tokenId: verified.tokenId, scopes: verified.scopes };
}
