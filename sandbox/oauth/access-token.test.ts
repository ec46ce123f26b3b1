import { describe, expect, it } from "vitest";
import { sandboxConfigFromEnv } from "../config";
import { DEMO_USERS, PUBLIC_TEST_CLIENT, WIKIPORT_CLIENT } from "../seed";
import { useSandbox } from "../testing";
import { decodeJwt, META, obtainCode, pkcePair, profile, tokenRequest, WIKIPORT_AUTH, wikiportTokens } from "./test-browser";

const sb = useSandbox();
const CALLBACK = "http://localhost:3000/api/auth/callback/wikimedia";
const INVALID_REQUEST = "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.";
const INVALID_GRANT = "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";
const ENDPOINT = () => `${sb.url}/${META}/w/rest.php/oauth2/access_token`;

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

async function code(params: Record<string, string> = {}): Promise<string> {
  return (await obtainCode(sb, params)).code;
}

describe("access_token: REST framework checks", () => {
  it("rejects a JSON body with a 415 REST error", async () => {
    const response = await fetch(ENDPOINT(), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ grant_type: "client_credentials" }) });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ errorKey: "rest-unsupported-content-type", httpCode: 415, httpReason: "Unsupported Media Type" });
  });

  it("rejects a multipart body with a 415 REST error", async () => {
    const form = new FormData();
    form.set("grant_type", "client_credentials");
    const response = await fetch(ENDPOINT(), { method: "POST", body: form });
    expect(response.status).toBe(415);
  });

  it("answers an empty body with 411", async () => {
    const response = await fetch(ENDPOINT(), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" });
    expect(response.status).toBe(411);
    expect((await response.json()).errorKey).toBe("rest-request-body-expected");
  });

  it("answers GET with 405", async () => {
    const response = await fetch(ENDPOINT());
    expect(response.status).toBe(405);
    expect((await response.json()).errorKey).toBe("rest-wrong-method");
  });

  it("validates a bearer header like any REST request", async () => {
    const result = await tokenRequest(sb, { grant_type: "client_credentials", ...WIKIPORT_AUTH }, { authorization: "Bearer not-a-jwt" });
    expect(result.status).toBe(403);
    expect(result.body).toEqual({
      errorKey: "mwoauth-invalid-authorization",
      messageTranslations: { en: "The authorization headers in your request are not valid: Invalid access token" },
      httpCode: 403, httpReason: "Forbidden",
    });
  });

  it("ignores unknown body fields", async () => {
    const result = await tokenRequest(sb, { grant_type: "client_credentials", ...WIKIPORT_AUTH, extra: "x" });
    expect(result.status).toBe(200);
  });
});

describe("access_token: the error table (docs/wikimedia-protocol.md §1.2)", () => {
  it.each([
    ["missing grant_type", {}, 'Invalid request: The "grant_type" parameter must be set.', "Check the `grant_type` parameter"],
    ["unknown grant_type", { grant_type: "password" }, 'Invalid request: Unrecognized value for parameter "grant_type": password.', "Check the `grant_type` parameter"],
  ])("%s → 400 invalid_request", async (_what, form, description, hint) => {
    const result = await tokenRequest(sb, { ...form, client_id: WIKIPORT_CLIENT.key });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: "invalid_request", error_description: description, hint });
  });

  it("missing client_id → 400 invalid_request", async () => {
    const result = await tokenRequest(sb, { grant_type: "client_credentials", client_secret: WIKIPORT_CLIENT.secret });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: "invalid_request", error_description: INVALID_REQUEST, hint: "Check the `client_id` parameter" });
  });

  it("unknown client_id → 401 invalid_client", async () => {
    const result = await tokenRequest(sb, { grant_type: "client_credentials", client_id: "f".repeat(32), client_secret: "x" });
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: "invalid_client", error_description: "Client authentication failed" });
    expect(result.response.headers.get("www-authenticate")).toBeNull();
  });

  it("confidential client with an empty secret → 400 invalid_request", async () => {
    const result = await tokenRequest(sb, { grant_type: "client_credentials", client_id: WIKIPORT_CLIENT.key, client_secret: "" });
    expect(result.status).toBe(400);
    expect(result.body.hint).toBe("Check the `client_secret` parameter");
  });

  it("wrong secret → 401 invalid_client, with WWW-Authenticate when Basic was used", async () => {
    const body = await tokenRequest(sb, { grant_type: "client_credentials", client_id: WIKIPORT_CLIENT.key, client_secret: "0".repeat(40) });
    expect(body.status).toBe(401);
    expect(body.body.error).toBe("invalid_client");
    const viaBasic = await tokenRequest(sb, { grant_type: "client_credentials" }, { authorization: basic(WIKIPORT_CLIENT.key, "wrong") });
    expect(viaBasic.status).toBe(401);
    expect(viaBasic.response.headers.get("www-authenticate")).toBe('Basic realm="OAuth"');
  });

  it("grant type the confidential client did not register → 401 invalid_client", async () => {
    sb.sandbox.store.state.clients.find((c) => c.key === WIKIPORT_CLIENT.key)!.grantTypes = ["authorization_code", "refresh_token"];
    const result = await tokenRequest(sb, { grant_type: "client_credentials", ...WIKIPORT_AUTH });
    expect(result.status).toBe(401);
    expect(result.body.error).toBe("invalid_client");
  });

  it("public client using client_credentials → 401 invalid_client", async () => {
    const result = await tokenRequest(sb, { grant_type: "client_credentials", client_id: PUBLIC_TEST_CLIENT.key });
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: "invalid_client", error_description: "Client authentication failed" });
  });

  it("code missing → 400 invalid_request", async () => {
    const result = await tokenRequest(sb, { grant_type: "authorization_code", ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body.hint).toBe("Check the `code` parameter");
  });

  it("code not decryptable → invalid_grant (tampered) or invalid_request (malformed)", async () => {
    const real = await code();
    const tampered = `${real.slice(0, -4)}${real.endsWith("0000") ? "1111" : "0000"}`;
    const a = await tokenRequest(sb, { grant_type: "authorization_code", code: tampered, ...WIKIPORT_AUTH });
    expect(a.status).toBe(400);
    expect(a.body).toEqual({ error: "invalid_grant", error_description: INVALID_GRANT, hint: "Cannot validate the provided authorization code" });
    const b = await tokenRequest(sb, { grant_type: "authorization_code", code: "not-a-code", ...WIKIPORT_AUTH });
    expect(b.status).toBe(400);
    expect(b.body).toEqual({ error: "invalid_request", error_description: INVALID_REQUEST, hint: "Issue decrypting the authorization code" });
  });

  it("code expired after 10 minutes by the sandbox clock → invalid_grant", async () => {
    const fresh = await code();
    await sb.control("POST", "/clock", { advanceSeconds: 599 });
    const stillFine = await tokenRequest(sb, { grant_type: "authorization_code", code: fresh, ...WIKIPORT_AUTH });
    expect(stillFine.status).toBe(200);
    const late = await code();
    await sb.control("POST", "/clock", { advanceSeconds: 601 });
    const result = await tokenRequest(sb, { grant_type: "authorization_code", code: late, ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: "invalid_grant", error_description: INVALID_GRANT, hint: "Authorization code has expired" });
  });

  it("code reused → invalid_grant, and the code is single-use", async () => {
    const once = await code();
    expect((await tokenRequest(sb, { grant_type: "authorization_code", code: once, ...WIKIPORT_AUTH })).status).toBe(200);
    const again = await tokenRequest(sb, { grant_type: "authorization_code", code: once, ...WIKIPORT_AUTH });
    expect(again.status).toBe(400);
    expect(again.body.hint).toBe("Authorization code has been revoked");
  });

  it("code of another client → 400 invalid_request", async () => {
    const { verifier, challenge } = pkcePair();
    const publicCode = await code({ client_id: PUBLIC_TEST_CLIENT.key, code_challenge: challenge, code_challenge_method: "S256" });
    const result = await tokenRequest(sb, { grant_type: "authorization_code", code: publicCode, code_verifier: verifier, ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: "invalid_request", error_description: INVALID_REQUEST, hint: "Authorization code was not issued to this client" });
  });

  it("redirect_uri missing at the token step when authorize had one → Check the `redirect_uri` parameter", async () => {
    const withUri = await code({ redirect_uri: CALLBACK });
    const result = await tokenRequest(sb, { grant_type: "authorization_code", code: withUri, ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body.hint).toBe("Check the `redirect_uri` parameter");
  });

  it("redirect_uri sent at the token step when authorize had none → Invalid redirect URI", async () => {
    const withoutUri = await code();
    const result = await tokenRequest(sb, { grant_type: "authorization_code", code: withoutUri, redirect_uri: CALLBACK, ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: "invalid_request", error_description: INVALID_REQUEST, hint: "Invalid redirect URI" });
  });

  it("redirect_uri at both steps succeeds", async () => {
    const withUri = await code({ redirect_uri: CALLBACK });
    expect((await tokenRequest(sb, { grant_type: "authorization_code", code: withUri, redirect_uri: CALLBACK, ...WIKIPORT_AUTH })).status).toBe(200);
  });

  it("PKCE verifier missing → Check the `code_verifier` parameter", async () => {
    const { challenge } = pkcePair();
    const c = await code({ code_challenge: challenge, code_challenge_method: "S256" });
    const result = await tokenRequest(sb, { grant_type: "authorization_code", code: c, ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: "invalid_request", error_description: INVALID_REQUEST, hint: "Check the `code_verifier` parameter" });
  });

  it("PKCE verifier of a bad format → invalid_request", async () => {
    const { challenge } = pkcePair();
    const c = await code({ code_challenge: challenge, code_challenge_method: "S256" });
    const result = await tokenRequest(sb, { grant_type: "authorization_code", code: c, code_verifier: "too-short", ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body.hint).toBe("Code Verifier must follow the specifications of RFC-7636.");
  });

  it("PKCE verifier that does not match → invalid_grant", async () => {
    const { challenge } = pkcePair();
    const c = await code({ code_challenge: challenge, code_challenge_method: "S256" });
    const result = await tokenRequest(sb, { grant_type: "authorization_code", code: c, code_verifier: pkcePair().verifier, ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: "invalid_grant", error_description: INVALID_GRANT, hint: "Failed to verify `code_verifier`." });
  });

  it("verifier sent when no challenge was used → invalid_request", async () => {
    const c = await code();
    const result = await tokenRequest(sb, { grant_type: "authorization_code", code: c, code_verifier: pkcePair().verifier, ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body.hint).toBe("code_verifier received when no code_challenge is present");
  });

  it("refresh token missing → Check the `refresh_token` parameter", async () => {
    const result = await tokenRequest(sb, { grant_type: "refresh_token", ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: "invalid_request", error_description: INVALID_REQUEST, hint: "Check the `refresh_token` parameter" });
  });

  it("refresh token not decryptable → invalid_grant Cannot decrypt the refresh token", async () => {
    const result = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: "garbage", ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: "invalid_grant", error_description: "The refresh token is invalid.", hint: "Cannot decrypt the refresh token" });
  });

  it("refresh token of another client → Token is not linked to client", async () => {
    const { verifier, challenge } = pkcePair();
    const c = await code({ client_id: PUBLIC_TEST_CLIENT.key, code_challenge: challenge, code_challenge_method: "S256" });
    const issued = await tokenRequest(sb, { grant_type: "authorization_code", code: c, client_id: PUBLIC_TEST_CLIENT.key, code_verifier: verifier });
    expect(issued.status).toBe(200);
    const result = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: issued.body.refresh_token, ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body.hint).toBe("Token is not linked to client");
  });

  it("refresh token expired (refreshTokenTtl from issuance) → Token has expired", async () => {
    await sb.control("POST", "/settings", { refreshTokenTtl: 3600 });
    const tokens = await wikiportTokens(sb);
    await sb.control("POST", "/clock", { advanceSeconds: 3601 });
    const result = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: tokens.refresh_token, ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: "invalid_grant", error_description: "The refresh token is invalid.", hint: "Token has expired" });
    await sb.control("POST", "/settings", { refreshTokenTtl: 365 * 24 * 3600 });
  });

  it("refresh with a wider scope → invalid_scope", async () => {
    const tokens = await wikiportTokens(sb, DEMO_USERS.editor, { scope: "basic editpage" });
    const result = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: tokens.refresh_token, scope: "basic editpage createeditmovepage", ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: "invalid_scope", error_description: "The requested scope is invalid, unknown, or malformed", hint: "Check the `createeditmovepage` scope" });
  });

  it("refresh with a narrower scope works and narrows the token", async () => {
    const tokens = await wikiportTokens(sb);
    const result = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: tokens.refresh_token, scope: "basic", ...WIKIPORT_AUTH });
    expect(result.status).toBe(200);
    expect(decodeJwt(result.body.access_token).payload.scopes).toEqual(["basic"]);
  });

  it("unexpected exception → 500 server_error (fault injection)", async () => {
    await sb.control("POST", "/faults", { endpoint: "oauth2/access_token", kind: "status", status: 500 });
    const result = await tokenRequest(sb, { grant_type: "client_credentials", ...WIKIPORT_AUTH });
    expect(result.status).toBe(500);
    expect(result.body.error).toBe("server_error");
  });

  it("adds the legacy message key when configured", async () => {
    await sb.control("POST", "/settings", { legacyOAuthErrorMessage: true });
    const result = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: "garbage", ...WIKIPORT_AUTH });
    expect(result.body).toEqual({
      error: "invalid_grant", error_description: "The refresh token is invalid.", hint: "Cannot decrypt the refresh token",
      message: "The refresh token is invalid.",
    });
    await sb.control("POST", "/settings", { legacyOAuthErrorMessage: false });
  });
});

describe("access_token: success", () => {
  it("answers the code grant with no-store headers, an RS256 JWT and a refresh token; no scope, no id_token", async () => {
    const c = await code();
    const { response, status, body } = await tokenRequest(sb, { grant_type: "authorization_code", code: c, ...WIKIPORT_AUTH });
    expect(status).toBe(200);
    expect(response.headers.get("pragma")).toBe("no-cache");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "refresh_token", "token_type"]);
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBe(14400);
    expect(body.refresh_token).toMatch(/^def50200[0-9a-f]+$/);

    const { header, payload } = decodeJwt(body.access_token);
    expect(header).toEqual({ typ: "JWT", alg: "RS256" });
    expect(Object.keys(payload)).toEqual(["aud", "jti", "iat", "nbf", "exp", "sub", "iss", "rlc", "ratelimit", "grant_type", "scopes"]);
    expect(payload.aud).toBe(WIKIPORT_CLIENT.key);
    expect(payload.jti).toMatch(/^[0-9a-f]{80}$/);
    expect(payload.iat).toBe(payload.nbf);
    expect(Number.isInteger(payload.iat * 1000)).toBe(true);
    expect(payload.exp - payload.iat).toBeCloseTo(14400, 3);
    expect(payload.sub).toBe(`mw:CentralAuth::${DEMO_USERS.editor.id}`);
    expect(payload.iss).toBe(`${sb.url}/${META}`);
    // 1,523 edits since 2019: RateLimitHookHandler's established user (docs/wikimedia-protocol.md §11.3).
    expect(payload.rlc).toBe("established-user");
    expect(payload.ratelimit).toEqual({ requests_per_unit: 5000, unit: "HOUR" });
    expect(payload.grant_type).toBe("authorization_code");
    expect(payload.scopes).toEqual(["basic", "editpage", "createeditmovepage", "editmywatchlist", "viewmywatchlist"]);
  });

  it("takes expires_in from the accessTokenTtl setting", async () => {
    await sb.control("POST", "/settings", { accessTokenTtl: 60 });
    const result = await tokenRequest(sb, { grant_type: "client_credentials", ...WIKIPORT_AUTH });
    expect(result.body.expires_in).toBe(60);
    await sb.control("POST", "/settings", { accessTokenTtl: 14400 });
  });

  it("accepts client credentials by HTTP Basic", async () => {
    const c = await code();
    const result = await tokenRequest(sb, { grant_type: "authorization_code", code: c }, { authorization: basic(WIKIPORT_CLIENT.key, WIKIPORT_CLIENT.secret) });
    expect(result.status).toBe(200);
  });

  it("gives a confidential client an anonymous client_credentials token without a refresh token", async () => {
    const result = await tokenRequest(sb, { grant_type: "client_credentials", ...WIKIPORT_AUTH });
    expect(result.status).toBe(200);
    expect(result.body.refresh_token).toBeUndefined();
    const { payload } = decodeJwt(result.body.access_token);
    expect(payload.grant_type).toBe("client_credentials");
    expect(payload.sub).toBe(`mw:CentralAuth::${DEMO_USERS.admin.id}`);
    const record = sb.sandbox.store.state.accessTokens.find((t) => t.jti === payload.jti)!;
    expect(record.userId).toBe(0);
  });

  it("logs token calls by client and grant type, never secrets", async () => {
    await sb.control("DELETE", "/requests");
    await tokenRequest(sb, { grant_type: "client_credentials", ...WIKIPORT_AUTH });
    await tokenRequest(sb, { grant_type: "client_credentials", ...WIKIPORT_AUTH });
    await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: "garbage", ...WIKIPORT_AUTH });
    const { requests } = await sb.control("GET", "/requests?endpoint=oauth2/access_token");
    const grants = requests.map((r: { details: Record<string, unknown> }) => `${r.details.clientId}/${r.details.grantType}`);
    expect(grants).toEqual([`${WIKIPORT_CLIENT.key}/client_credentials`, `${WIKIPORT_CLIENT.key}/client_credentials`, `${WIKIPORT_CLIENT.key}/refresh_token`]);
    expect(JSON.stringify(requests)).not.toContain(WIKIPORT_CLIENT.secret);
    expect(JSON.stringify(requests)).not.toContain("garbage");
  });

  it("serves the token endpoint on other wikis too", async () => {
    const result = await tokenRequest(sb, { grant_type: "client_credentials", ...WIKIPORT_AUTH }, {}, "en.wikipedia.org");
    expect(result.status).toBe(200);
  });
});

describe("access_token: refresh rotation", () => {
  it("with grace 0: rotates, kills the old access token at once, and any reuse fails", async () => {
    const first = await wikiportTokens(sb);
    const second = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: first.refresh_token, ...WIKIPORT_AUTH });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(decodeJwt(second.body.access_token).payload.grant_type).toBe("refresh_token");
    expect((await profile(sb, first.access_token)).status).toBe(403);
    expect((await profile(sb, second.body.access_token)).status).toBe(200);

    const reuse = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: first.refresh_token, ...WIKIPORT_AUTH });
    expect(reuse.status).toBe(400);
    expect(reuse.body).toEqual({ error: "invalid_grant", error_description: "The refresh token is invalid.", hint: "Token has been revoked" });
  });

  it("follows Wikimedia by default: a 600 s reuse grace (npm start, npm run sandbox); tests run strict unless they ask", () => {
    expect(sandboxConfigFromEnv({}).refreshGraceSeconds).toBe(600);
    expect(sandboxConfigFromEnv({ SANDBOX_REFRESH_GRACE: "0" }).refreshGraceSeconds).toBe(0);
    expect(sb.sandbox.store.config.refreshGraceSeconds).toBe(0);
  });

  it("with grace 600: the old refresh token works for 600 s, not extended by reuse, then fails", async () => {
    await sb.control("POST", "/settings", { refreshGraceSeconds: 600 });
    const first = await wikiportTokens(sb);
    expect((await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: first.refresh_token, ...WIKIPORT_AUTH })).status).toBe(200);
    await sb.control("POST", "/clock", { advanceSeconds: 300 });
    const reuse = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: first.refresh_token, ...WIKIPORT_AUTH });
    expect(reuse.status).toBe(200);
    await sb.control("POST", "/clock", { advanceSeconds: 301 });
    const late = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: first.refresh_token, ...WIKIPORT_AUTH });
    expect(late.status).toBe(400);
    expect(late.body.hint).toBe("Token has been revoked");
    // What the reuse issued is not revoked (no family revocation).
    expect((await profile(sb, reuse.body.access_token)).status).toBe(200);
    expect((await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: reuse.body.refresh_token, ...WIKIPORT_AUTH })).status).toBe(200);
    await sb.control("POST", "/settings", { refreshGraceSeconds: 0 });
  });

  it("starts a new refresh lifetime with each rotation", async () => {
    await sb.control("POST", "/settings", { refreshTokenTtl: 1000 });
    const first = await wikiportTokens(sb);
    await sb.control("POST", "/clock", { advanceSeconds: 900 });
    const second = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: first.refresh_token, ...WIKIPORT_AUTH });
    await sb.control("POST", "/clock", { advanceSeconds: 900 });
    const third = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: second.body.refresh_token, ...WIKIPORT_AUTH });
    expect(third.status).toBe(200);
    await sb.control("POST", "/settings", { refreshTokenTtl: 365 * 24 * 3600 });
  });

  it("fails refresh tokens with Token has been revoked once the user revokes the app", async () => {
    const tokens = await wikiportTokens(sb);
    await sb.control("POST", "/grants/revoke", { user: DEMO_USERS.editor.name, clientId: WIKIPORT_CLIENT.key });
    const result = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: tokens.refresh_token, ...WIKIPORT_AUTH });
    expect(result.status).toBe(400);
    expect(result.body.hint).toBe("Token has been revoked");
    expect((await profile(sb, tokens.access_token)).status).toBe(403);
  });

  it("lets a public client refresh without a secret", async () => {
    const { verifier, challenge } = pkcePair();
    const c = await code({ client_id: PUBLIC_TEST_CLIENT.key, code_challenge: challenge, code_challenge_method: "S256" });
    const issued = await tokenRequest(sb, { grant_type: "authorization_code", code: c, client_id: PUBLIC_TEST_CLIENT.key, code_verifier: verifier });
    const refreshed = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: issued.body.refresh_token, client_id: PUBLIC_TEST_CLIENT.key });
    expect(refreshed.status).toBe(200);
  });
});
