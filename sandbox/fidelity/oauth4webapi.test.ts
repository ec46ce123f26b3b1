/**
 * Fidelity: the authorization-code flow with PKCE driven by oauth4webapi (the OAuth client inside
 * Auth.js, written by nobody here), then reading and editing with m3api using the token it obtained.
 * m3api-oauth2 would be the natural client for this, but it cannot be installed here: its dependency
 * m3api-rest is not in the npm registry this project can reach.
 */
import Session from "m3api";
import * as oauth from "oauth4webapi";
import { beforeEach, describe, expect, it } from "vitest";
import { createPages } from "../action/api-client";
import { Browser, consent } from "../oauth/test-browser";
import { DEMO_USERS, PUBLIC_TEST_CLIENT } from "../seed";
import { useSandbox } from "../testing";

const sb = useSandbox();
// Any port on the loopback callback matches the registered http://127.0.0.1/callback (RFC 8252 §7.3).
const REDIRECT_URI = "http://127.0.0.1:53682/callback";
const INSECURE = { [oauth.allowInsecureRequests]: true };

function server(): oauth.AuthorizationServer {
  const base = `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
  return {
    issuer: `${sb.url}/meta.wikimedia.org`,
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/access_token`,
  };
}

const client: oauth.Client = { client_id: PUBLIC_TEST_CLIENT.key };

beforeEach(async () => {
  await createPages(sb.wiki(), await sb.token("Ana Admin"), { "Fixture Moon": "The '''Moon''' orbits [[Earth]]." });
});

async function signIn(): Promise<oauth.TokenEndpointResponse> {
  const as = server();
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const authorize = new URL(as.authorization_endpoint!);
  authorize.search = new URLSearchParams({
    response_type: "code",
    client_id: client.client_id,
    redirect_uri: REDIRECT_URI,
    scope: "basic editpage",
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  }).toString();

  const browser = new Browser(sb.url);
  await browser.login(DEMO_USERS.editor.name, DEMO_USERS.editor.password);
  const callback = await consent(browser, authorize.toString(), "Allow");
  expect(callback.status).toBe(302);
  const params = oauth.validateAuthResponse(as, client, new URL(callback.headers.get("location")!), state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, REDIRECT_URI, verifier, INSECURE);
  return oauth.processAuthorizationCodeResponse(as, client, response);
}

describe("oauth4webapi + m3api against the sandbox", () => {
  it("signs in with PKCE as a public client, then reads and edits with the token", async () => {
    const tokens = await signIn();
    expect(tokens.token_type).toBe("bearer");
    expect(tokens.expires_in).toBe(14400);
    expect(tokens.refresh_token).toMatch(/^def50200/);

    const session = new Session(`${sb.wiki()}/api.php`, { formatversion: 2 }, { userAgent: "WikiportSandboxTest/0.1 (test@example.org)", accessToken: tokens.access_token });
    const me = await session.request({ action: "query", meta: "userinfo" });
    expect(me.query.userinfo.name).toBe("Ada Editor");
    const page = await session.request({ action: "query", titles: "Fixture Moon", prop: "revisions", rvprop: "content", rvslots: "main" });
    expect(page.query.pages[0].revisions[0].slots.main.content).toContain("orbits");
    const edit = await session.request(
      { action: "edit", title: "Fixture Moon", appendtext: "\nEdited after an oauth4webapi sign-in.", summary: "fidelity" },
      { method: "POST", tokenType: "csrf" },
    );
    expect(edit.edit).toMatchObject({ result: "Success" });
  });

  it("refreshes with rotation: the new tokens work and the old access token is revoked at once", async () => {
    const as = server();
    const first = await signIn();
    const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), first.refresh_token!, INSECURE);
    const second = await oauth.processRefreshTokenResponse(as, client, response);
    expect(second.refresh_token).not.toBe(first.refresh_token);

    const whoami = async (token: string) =>
      fetch(`${sb.wiki()}/rest.php/oauth2/resource/profile`, { headers: { authorization: `Bearer ${token}` } });
    expect((await whoami(second.access_token)).status).toBe(200);
    expect((await whoami(first.access_token)).status).toBe(403);

    // Strict rotation (the sandbox's default): the old refresh token is dead.
    const reuse = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), first.refresh_token!, INSECURE);
    await expect(oauth.processRefreshTokenResponse(as, client, reuse)).rejects.toMatchObject({ error: "invalid_grant" });
  });
});
