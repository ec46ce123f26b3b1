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
import { problem, problemResponse } from "./problem";

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

function unauthorized(code: "unauthorized" | "malformed_token", detail: string, presented: boolean): Response {
  // RFC 6750 §3.1: no error code when the request carried no token at all.
  const error = presented ? ', error="invalid_token"' : "";
  return problemResponse(problem(401, code, detail), { "www-authenticate": `${REALM}${error}` });
}

function tooManyFailures(retryAfterSeconds: number): Response {
  return problemResponse(
    problem(429, "rate_limited", `Too many requests with an invalid API token came from your address. Try again in ${retryAfterSeconds} seconds.`, {
      retryAfterSeconds,
    }),
    { "retry-after": String(retryAfterSeconds) },
  );
}

export async function authenticate(
  request: Request,
  requiredScope: ApiTokenScope | null,
  deps: AuthenticateDeps,
  now = new Date(),
): Promise<Authentication> {
  const presented = bearerToken(request);
  // No token is not a failed attempt: a person opening the URL in a browser is not guessing tokens.
  if (presented === null) return { ok: false, response: unauthorized("unauthorized", MISSING_TOKEN_DETAIL, false) };

  const client = clientAddress(request.headers, deps.trustedProxyHops);
  const blocked = await deps.failures.check(client);
  if (!blocked.ok) return { ok: false, response: tooManyFailures(blocked.retryAfterSeconds) };

  const verified = await verifyApiToken(deps.db, presented, requiredScope ? { requiredScope } : {}, now);
  if (!verified.ok && verified.code === "insufficient_scope") {
    // A real token, used for the wrong thing: not a failed authentication.
    return {
      ok: false,
      response: problemResponse(problem(403, "insufficient_scope", verified.message, { requiredScope }), {
        "www-authenticate": `${REALM}, error="insufficient_scope", scope="${requiredScope ?? ""}"`,
      }),
    };
  }
  if (!verified.ok) {
    const limited = await deps.failures.fail(client);
    if (!limited.ok) return { ok: false, response: tooManyFailures(limited.retryAfterSeconds) };
    return { ok: false, response: unauthorized(verified.code === "malformed" ? "malformed_token" : "unauthorized", verified.message, true) };
  }

  const decision = await deps.perToken.take(verified.tokenId);
  if (!decision.ok) {
    return {
      ok: false,
      response: problemResponse(
        problem(429, "rate_limited", `This token made too many requests. Try again in ${decision.retryAfterSeconds} seconds.`, {
          retryAfterSeconds: decision.retryAfterSeconds,
        }),
        { "retry-after": String(decision.retryAfterSeconds) },
      ),
    };
  }
  return { ok: true, userId: verified.userId, tokenId: verified.tokenId, scopes: verified.scopes };
}
