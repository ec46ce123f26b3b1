/**
 * Access tokens as Wikimedia issues them: RS256 JWTs without `kid`, float `iat`/`nbf`/`exp`, `aud` the
 * client id, `sub` as `mw:CentralAuth::<id>` (a plain id for owner-only tokens), `iss`, `ratelimit`,
 * `grant_type` and `scopes` (EXT AccessTokenEntity::convertToJWT; docs/wikimedia-protocol.md §2). Every token has
 * a row, so revocation and rotation take effect at once, as with `oauth2_access_tokens`.
 */
import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from "node:crypto";
import { SignJWT, jwtVerify, decodeProtectedHeader } from "jose";
import type { SandboxStore } from "./store";
import type { AccessTokenRecord, ClientRecord } from "./state";
import { rateLimitClaim } from "./rate-limit-class";
import { CENTRAL_WIKI } from "./wikis";

const keyCache = new WeakMap<object, { privateKey: KeyObject; publicKey: KeyObject }>();

function keys(store: SandboxStore) {
  const pair = store.state.signingKey;
  let cached = keyCache.get(pair);
  if (!cached) {
    cached = { privateKey: createPrivateKey(pair.privateKeyPem), publicKey: createPublicKey(pair.publicKeyPem) };
    keyCache.set(pair, cached);
  }
  return cached;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

/** The JWT issuer: the canonical server of the central wiki (Backend/Utils::getJwtIssuer). */
export function issuer(store: SandboxStore): string {
  return `${store.config.publicUrl}/${CENTRAL_WIKI}`;
}

export interface IssueAccessTokenInput {
  client: ClientRecord;
  userId: number;
  approvalId: number;
  scopes: string[];
  grantType: AccessTokenRecord["grantType"];
  /** Seconds; `null` = never expires (owner-only tokens from "My clients"). */
  ttlSeconds: number | null;
}

export async function issueAccessToken(
  store: SandboxStore,
  input: IssueAccessTokenInput,
): Promise<{ jwt: string; record: AccessTokenRecord }> {
  const now = store.now();
  const jti = randomHex(40);
  // P1000Y for owner-only tokens, stored as "infinity" (AccessTokenRepository).
  const expires = input.ttlSeconds === null ? null : now + input.ttlSeconds * 1000;
  const expSeconds = expires === null ? now / 1000 + 1000 * 365.25 * 24 * 3600 : expires / 1000;
  const ownerOnlyToken = input.client.ownerOnly && input.grantType !== "client_credentials";
  // client_credentials tokens carry the client owner's id since T417278, though the session stays anonymous.
  const subjectId = input.userId === 0 ? input.client.ownerId : input.userId;
  const claims: Record<string, unknown> = {
    aud: input.client.key,
    jti,
    iat: now / 1000,
    nbf: now / 1000,
    exp: expSeconds,
    sub: ownerOnlyToken ? String(subjectId) : `mw:CentralAuth::${subjectId}`,
    iss: issuer(store),
  };
  // ClaimStore runs GetSessionJwtData first, for the token's user (a client's owner for client
  // credentials), flagged `ownerOnly` for owner-only clients, which RateLimitHookHandler leaves without `rlc` (§11.3).
  const subject = store.state.users.find((user) => user.id === subjectId);
  if (subject && !input.client.ownerOnly) claims.rlc = rateLimitClaim(subject, now);
  claims.ratelimit = { requests_per_unit: 5000, unit: "HOUR" };
  if (!input.client.ownerOnly) {
    claims.grant_type = input.grantType === "owner_only" ? "client_credentials" : input.grantType;
  }
  claims.scopes = input.scopes;
  const jwt = await new SignJWT(claims).setProtectedHeader({ typ: "JWT", alg: "RS256" }).sign(keys(store).privateKey);
  const record: AccessTokenRecord = {
    jti, clientKey: input.client.key, userId: input.userId, approvalId: input.approvalId, scopes: input.scopes,
    grantType: input.grantType, issued: now, expires, revoked: false,
  };
  store.state.accessTokens.push(record);
  store.changed();
  return { jwt, record };
}

/** Signs other JWTs the sandbox's wikis issue (the session cookie, session-jwt.ts) with the same key. */
export async function signJwt(store: SandboxStore, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ typ: "JWT", alg: "RS256" }).sign(keys(store).privateKey);
}

/**
 * What the API gateway checks without asking MediaWiki: the JWT's signature and its expiry (by the
 * sandbox clock). A revoked token that has not expired passes here, and MediaWiki refuses it after.
 * Returns the claims, or why the token was refused in Envoy's words (docs/wikimedia-protocol.md §11).
 */
export async function checkJwtAtGateway(
  store: SandboxStore,
  jwt: string,
): Promise<{ ok: true; claims: Record<string, unknown> } | { ok: false; reason: "Jwt is expired" | "Jwt verification fails" }> {
  try {
    const { payload } = await jwtVerify(jwt, keys(store).publicKey, { algorithms: ["RS256"], currentDate: new Date(store.now()), clockTolerance: 1 });
    return { ok: true, claims: payload as Record<string, unknown> };
  } catch (error) {
    return { ok: false, reason: (error as { code?: string }).code === "ERR_JWT_EXPIRED" ? "Jwt is expired" : "Jwt verification fails" };
  }
}

/**
 * The access-token row behind a JWT, or null when the token is malformed, badly signed, expired (by the
 * sandbox clock), revoked or unknown. Callers answer all of these the same way, as Wikimedia does.
 */
export async function verifyAccessToken(store: SandboxStore, jwt: string): Promise<AccessTokenRecord | null> {
  try {
    const header = decodeProtectedHeader(jwt);
    if (header.alg !== "RS256") return null;
    const { payload } = await jwtVerify(jwt, keys(store).publicKey, {
      algorithms: ["RS256"],
      currentDate: new Date(store.now()),
      // jose compares whole seconds while nbf/iat carry microseconds, so a fresh token would fail its
      // nbf check for up to a second; expiry stays exact through the row check below.
      clockTolerance: 1,
    });
    const record = store.state.accessTokens.find((token) => token.jti === payload.jti);
    if (!record || record.revoked) return null;
    if (record.expires !== null && record.expires <= store.now()) return null;
    return record;
  } catch {
    return null;
  }
}
