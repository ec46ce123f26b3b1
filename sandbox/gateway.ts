/**
 * Wikimedia's API gateway, in front of `api.php` and `rest.php` since 2025-10 (docs/wikimedia-protocol.md
 * §11): it answers before MediaWiki runs when
 * - the User-Agent is missing or a library's default (403, T400119);
 * - a bearer token is expired or badly signed (401 with `WWW-Authenticate: Bearer … error="invalid_token"`,
 *   T419034); a revoked token that has not expired passes and MediaWiki refuses it, as before;
 * - a client has used its requests for the minute (429 with `Retry-After`). Limits are per user (the
 *   JWT's `sub`) or, without a token, per address, by class: the JWT's `rlc` claim (bots exempt,
 *   established editors, other accounts), or for owner-only tokens the `rlc` of their `sessionJwt`
 *   cookie (docs/wikimedia-protocol.md §11.3); identified clients (a token without either, or a
 *   User-Agent with contact information) and unidentified clients.
 * The exact bodies are Envoy's defaults where known ("Jwt is expired"); the classes' numbers are the
 * published ones as of 2026-06 and are settings, so tests can make them small. `SANDBOX_GATEWAY=off`
 * leaves MediaWiki's own answers, as before the gateway.
 */
import type { IncomingMessage } from "node:http";
import { text, type SandboxResponse } from "./http";
import type { SandboxStore } from "./store";
import { sessionJwtClaims } from "./session-jwt";
import { checkJwtAtGateway } from "./tokens";

export type RateLimitClass = "unidentified" | "identified" | "new-account" | "established" | "bot";

/** Requests per minute by class; `null`: not limited. */
export type GatewayLimits = Record<RateLimitClass, number | null>;

/** mediawiki.org "Wikimedia APIs/Rate limits", as summarised in docs/wikimedia-protocol.md §11. */
export const WIKIMEDIA_GATEWAY_LIMITS: GatewayLimits = { unidentified: 10, identified: 200, "new-account": 200, established: 2000, bot: null };

export const UA_REFUSAL =
  "Please set a user-agent and respect our robot policy https://w.wiki/4wJS. See https://phabricator.wikimedia.org/T400119.\n";

/** Library defaults the policy refuses (T400119): a name, maybe a version, and nothing else. */
const LIBRARY_DEFAULT = /^(?:node|undici|node-fetch|axios|got|python-requests|python-urllib|python-httpx|aiohttp|curl|wget|go-http-client|java|okhttp|apache-httpclient|libwww-perl|guzzlehttp|ruby|php)(?:\/[\w.+-]+)?$/i;
/** The policy asks for a way to reach the client's operator: a URL or an e-mail address. */
const CONTACT = /(?:https?:\/\/|www\.|[\w.+-]+@[\w-]+\.[\w.]+|\(\s*User:)/i;

const WINDOW_MS = 60_000;

/** The gateway's class for each `rlc` value RateLimitHookHandler sets (rate-limit-class.ts). */
const CLASS_OF_CLAIM: Readonly<Record<string, RateLimitClass>> = {
  "approved-bot": "bot",
  "established-user": "established",
  "authed-user": "new-account",
};

function classOfClaim(value: unknown): RateLimitClass | null {
  return typeof value === "string" && Object.hasOwn(CLASS_OF_CLAIM, value) ? CLASS_OF_CLAIM[value]! : null;
}

/** The central user id in `sub`: `mw:CentralAuth::<id>`, or a plain id in owner-only tokens. */
function userIdOf(claims: Record<string, unknown>): string {
  return /(\d+)$/.exec(String(claims.sub ?? ""))?.[1] ?? String(claims.sub ?? "");
}

/**
 * A token's class: its `rlc` claim; for a token without one (owner-only tokens, T418042), the `rlc` of
 * the `sessionJwt` cookie MediaWiki set on an earlier answer, when that cookie names the same user
 * (session-jwt.ts); otherwise an authenticated client's. Counted per user, whichever token they use.
 */
async function classOfToken(store: SandboxStore, req: IncomingMessage, claims: Record<string, unknown>): Promise<{ key: string; class: RateLimitClass }> {
  const userId = userIdOf(claims);
  const key = `user:${userId}`;
  const fromClaim = classOfClaim(claims.rlc);
  if (fromClaim) return { key, class: fromClaim };
  const cookie = await sessionJwtClaims(store, req);
  const fromCookie = cookie && userIdOf(cookie) === userId ? classOfClaim(cookie.rlc) : null;
  return { key, class: fromCookie ?? "identified" };
}

function bearerOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  return header?.startsWith("Bearer") ? header.slice("Bearer".length).trim() : null;
}

function take(store: SandboxStore, key: string, limit: number | null): SandboxResponse | null {
  if (limit === null) return null;
  const now = store.now();
  let window = store.gatewayWindows.get(key);
  if (!window || now - window.start >= WINDOW_MS) {
    window = { start: now, count: 0 };
    store.gatewayWindows.set(key, window);
  }
  window.count += 1;
  if (window.count <= limit) return null;
  const retryAfter = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
  return text(429, "Too many requests. See https://www.mediawiki.org/wiki/Wikimedia_APIs/Rate_limits\n", {
    "retry-after": String(retryAfter),
    "x-envoy-ratelimited": "true",
  });
}

/** The gateway's own answer to a request for `api.php` or `rest.php`, or null to let MediaWiki answer. */
export async function gatewayAnswer(store: SandboxStore, req: IncomingMessage, url: URL): Promise<SandboxResponse | null> {
  if (!store.config.gateway) return null;
  const userAgent = (req.headers["user-agent"] ?? "").trim();
  if (!userAgent || LIBRARY_DEFAULT.test(userAgent)) return text(403, UA_REFUSAL);

  const limits = store.config.gatewayLimits;
  const bearer = bearerOf(req);
  if (bearer !== null) {
    const checked = await checkJwtAtGateway(store, bearer);
    if (!checked.ok) {
      return text(401, checked.reason, { "www-authenticate": `Bearer realm="${url.origin}${url.pathname}", error="invalid_token"` });
    }
    const who = await classOfToken(store, req, checked.claims);
    return take(store, who.key, limits[who.class]);
  }
  const address = req.socket.remoteAddress ?? "unknown";
  return take(store, `address:${address}`, limits[CONTACT.test(userAgent) ? "identified" : "unidentified"]);
}
