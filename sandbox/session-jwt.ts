/**
 * The `sessionJwt` cookie MediaWiki sets on answers to owner-only OAuth 2.0 requests since 2026-03-24
 * (T417833, operations/mediawiki-config `4d73697`; docs/wikimedia-protocol.md §11.3). An owner-only
 * token carries no `rlc` claim (T418042), so a client that keeps this cookie and sends it back lets the
 * gateway read the user's class from it. What the public sources say: one cookie name for every session
 * type, set for the wiki's own host only (never a parent domain, T406621), claims from
 * SessionManager::getJwtData (`iss`, `sub` as `mw:CentralAuth::<id>`, `iat`, `jti`) plus the
 * GetSessionJwtData hooks' (`rlc`). Assumed, as no source gives them: an `exp` one hour ahead, the same
 * signing key as access tokens, and `Path=/; HttpOnly; Secure; SameSite=Lax` — in the sandbox, where
 * every wiki shares one origin, the path is the wiki's base path instead, which scopes it the same way.
 */
import type { IncomingMessage } from "node:http";
import { decodeJwt } from "jose";
import { parseCookies, type SandboxResponse } from "./http";
import { rateLimitClaim } from "./rate-limit-class";
import type { SandboxStore } from "./store";
import { checkJwtAtGateway, randomHex, signJwt, verifyAccessToken } from "./tokens";
import type { Wiki } from "./wikis";

export const SESSION_JWT_COOKIE = "sessionJwt";

/** Assumed (see above): long enough for a script's run, short enough to follow a change of class. */
export const SESSION_JWT_TTL_SECONDS = 3600;

function bearerOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  return header?.startsWith("Bearer") ? header.slice("Bearer".length).trim() : null;
}

/** Owner-only tokens are the ones without `grant_type` (tokens.ts): a cheap look before verifying any signature. */
function looksOwnerOnly(jwt: string): boolean {
  try {
    return !("grant_type" in decodeJwt(jwt));
  } catch {
    return false;
  }
}

/** The `Set-Cookie` value for an answer to `req`, or null unless it was made with a valid owner-only token. */
async function sessionCookieFor(store: SandboxStore, req: IncomingMessage, wiki: Wiki): Promise<string | null> {
  const bearer = bearerOf(req);
  if (bearer === null || !looksOwnerOnly(bearer)) return null;
  const record = await verifyAccessToken(store, bearer);
  if (!record || record.grantType !== "owner_only") return null;
  const user = store.state.users.find((candidate) => candidate.id === record.userId);
  if (!user) return null;
  const now = Math.floor(store.now() / 1000);
  const jwt = await signJwt(store, {
    iss: `${store.config.publicUrl}/${wiki.host}`,
    sub: `mw:CentralAuth::${user.id}`,
    iat: now,
    jti: Buffer.from(randomHex(16), "hex").toString("base64"),
    exp: now + SESSION_JWT_TTL_SECONDS,
    rlc: rateLimitClaim(user, store.now()),
  });
  const secure = store.config.publicUrl.startsWith("https:") ? "; Secure" : "";
  return `${SESSION_JWT_COOKIE}=${jwt}; Path=/${wiki.host}/; Max-Age=${SESSION_JWT_TTL_SECONDS}; HttpOnly${secure}; SameSite=Lax`;
}

/** MediaWiki's answer with the session cookie added when the request used an owner-only token. */
export async function withSessionJwtCookie(store: SandboxStore, req: IncomingMessage, wiki: Wiki, response: SandboxResponse): Promise<SandboxResponse> {
  const cookie = await sessionCookieFor(store, req, wiki);
  if (cookie === null) return response;
  const existing = response.headers["set-cookie"];
  const setCookie = existing === undefined ? [cookie] : [...(Array.isArray(existing) ? existing : [existing]), cookie];
  return { ...response, headers: { ...response.headers, "set-cookie": setCookie } };
}

/** The session cookie's claims when it is there, well signed and unexpired (the gateway checks it as it checks bearer tokens). */
export async function sessionJwtClaims(store: SandboxStore, req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const value = parseCookies(req.headers.cookie)[SESSION_JWT_COOKIE];
  if (!value) return null;
  const checked = await checkJwtAtGateway(store, value);
  return checked.ok ? checked.claims : null;
}
