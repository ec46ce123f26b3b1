/**
 * Wikimedia's API gateway, in front of `api.php` and `rest.php` since 2025-10 (docs/wikimedia-protocol.md
 * §11): it answers before MediaWiki runs when
 * - the User-Agent is missing or a library's default (403, T400119);
 * - a bearer token is expired or badly signed (401 with `WWW-Authenticate: Bearer … error="invalid_token"`,
 *   T419034); a revoked token that has not expired passes and MediaWiki refuses it, as before;
 * - a client has used its requests for the minute (429 with `Retry-After`). Limits are per user (the
 *   JWT's `sub`) or, without a token, per address, by class: the JWT's `rlc` claim when present,
 *   otherwise bots exempt, established editors, new accounts and identified clients, and unidentified
 *   clients (a User-Agent without contact information).
 * The exact bodies are Envoy's defaults where known ("Jwt is expired"); the classes' numbers are the
 * published ones as of 2026-06 and are settings, so tests can make them small. `SANDBOX_GATEWAY=off`
 * leaves MediaWiki's own answers, as before the gateway.
 */
import type { IncomingMessage } from "node:http";
import { text, type SandboxResponse } from "./http";
import type { SandboxStore } from "./store";
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

function classOfClaim(value: unknown): RateLimitClass | null {
  return typeof value === "string" && (["unidentified", "identified", "new-account", "established", "bot"] as const).includes(value as RateLimitClass)
    ? (value as RateLimitClass)
    : null;
}

/** A token's class: its `rlc` claim, or what the sandbox knows of its user. */
function classOfToken(store: SandboxStore, claims: Record<string, unknown>): { key: string; class: RateLimitClass } {
  const sub = String(claims.sub ?? "");
  const userId = Number(/(\d+)$/.exec(sub)?.[1] ?? NaN);
  const user = store.state.users.find((u) => u.id === userId);
  const fromClaim = classOfClaim(claims.rlc);
  if (fromClaim) return { key: `user:${sub}`, class: fromClaim };
  if (claims.grant_type === "client_credentials" || !user) return { key: `user:${sub}`, class: "identified" };
  if (user.groups.includes("bot")) return { key: `user:${sub}`, class: "bot" };
  // What counts as established is Wikimedia's to say; the sandbox takes MediaWiki's extended-confirmed bar.
  return { key: `user:${sub}`, class: user.editCount >= 500 ? "established" : "new-account" };
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
    const who = classOfToken(store, checked.claims);
    return take(store, who.key, limits[who.class]);
  }
  const address = req.socket.remoteAddress ?? "unknown";
  return take(store, `address:${address}`, limits[CONTACT.test(userAgent) ? "identified" : "unidentified"]);
}
