/**
 * CSRF-style tokens (CORE Session/Token, ApiQueryTokens): `md5-HMAC(timestamp + salt)` as 32 hex, the hex
 * timestamp, then the suffix `+\`. The secret is per session; for OAuth it is derived from the approval, so
 * a token stays valid across requests with the same grant (docs/wikimedia-protocol.md §4, §5.2).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { SandboxStore } from "../store";
import { SESSION_COOKIE } from "../auth";
import { ApiError } from "./api-error";
import type { Api } from "./context";

export const TOKEN_SUFFIX = "+\\";

/** ApiQueryTokens::getTokenTypeSalts. `login` and `createaccount` are full tokens even when logged out. */
export const TOKEN_SALTS: Record<string, string> = {
  createaccount: "createaccount",
  csrf: "",
  login: "login",
  patrol: "patrol",
  rollback: "rollback",
  userrights: "userrights",
  watch: "watch",
};

const ANONYMOUS_FULL_TOKENS = new Set(["login", "createaccount"]);

function sessionSecret(store: SandboxStore, sessionKey: string): Buffer {
  const sandboxSecret = createHash("sha256").update(store.state.signingKey.privateKeyPem).digest();
  return createHmac("sha256", sandboxSecret).update(sessionKey).digest();
}

function tokenAt(store: SandboxStore, sessionKey: string, salt: string, timestamp: number): string {
  const hmac = createHmac("md5", sessionSecret(store, sessionKey)).update(`${timestamp}${salt}`).digest("hex");
  return `${hmac}${timestamp.toString(16)}${TOKEN_SUFFIX}`;
}

/**
 * The session a token is bound to. Logged-out callers have none until they ask for a login token; then
 * the API starts one with a cookie (SessionManager persists the session), as Special:UserLogin does.
 */
export function tokenSessionKey(api: Api, type: string): string | null {
  if (api.viewer.kind === "user") return api.viewer.sessionKey;
  if (!ANONYMOUS_FULL_TOKENS.has(type)) return null;
  return `anon:${anonymousSessionId(api)}`;
}

const ANON_SESSION_PREFIX = "anon-";

function anonymousSessionId(api: Api): string {
  const existing = api.ctx.cookies[SESSION_COOKIE];
  if (existing) return existing;
  const id = `${ANON_SESSION_PREFIX}${randomBytes(16).toString("hex")}`;
  api.ctx.cookies[SESSION_COOKIE] = id;
  const cookie = `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`;
  const current = api.headers["set-cookie"];
  api.headers["set-cookie"] = [...(Array.isArray(current) ? current : current ? [current] : []), cookie];
  return id;
}

export function makeToken(api: Api, type: string): string {
  const salt = TOKEN_SALTS[type];
  if (salt === undefined) throw new Error(`unknown token type ${type}`);
  const sessionKey = tokenSessionKey(api, type);
  if (sessionKey === null) return TOKEN_SUFFIX;
  return tokenAt(api.store, sessionKey, salt, Math.floor(api.store.now() / 1000));
}

/** Token::match: the HMAC recomputed for the embedded timestamp. CSRF tokens carry no maximum age. */
export function tokenMatches(api: Api, type: string, token: string): boolean {
  const salt = TOKEN_SALTS[type];
  if (salt === undefined) return false;
  const sessionKey = tokenSessionKey(api, type);
  if (sessionKey === null) return token === TOKEN_SUFFIX;
  const match = /^([0-9a-f]{32})([0-9a-f]+)\+\\$/.exec(token);
  if (!match) return false;
  const expected = tokenAt(api.store, sessionKey, salt, parseInt(match[2]!, 16));
  return expected.length === token.length && timingSafeEqual(Buffer.from(expected), Buffer.from(token));
}

/** ApiMain::setupModule for modules that need a token: present, posted, valid. */
export function requireToken(api: Api, type: string): void {
  const token = api.params.get("token");
  if (token === undefined) {
    throw new ApiError("missingparam", 'The "token" parameter must be set.', {}, undefined, { key: "paramvalidator-missingparam", params: [{ plaintext: "token" }] });
  }
  if (api.params.inQueryString("token")) {
    throw new ApiError("mustpostparams", "The following parameter was found in the query string, but must be in the POST body: token.", {}, undefined, {
      key: "apierror-mustpostparams",
      params: ["token", 1],
    });
  }
  if (!tokenMatches(api, type, token)) throw new ApiError("badtoken", "Invalid CSRF token.", {}, undefined, { key: "apierror-badtoken", params: [] });
}
