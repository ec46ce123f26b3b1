import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { DEMO_USERS, WIKIPORT_CLIENT } from "./seed";
import { useSandbox } from "./testing";
import { UA_REFUSAL } from "./gateway";

const sb = useSandbox({ gateway: true });

const POLICY_UA = "GatewayTest/1.0 (https://example.org/gateway-test; ops@example.org)";

function restUrl(path = "/v1/page/Solar_System/bare"): string {
  return `${sb.wiki()}/rest.php${path}`;
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers: { "user-agent": POLICY_UA, ...headers } });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe("the API gateway in front of api.php and rest.php", () => {
  it("refuses a missing or library-default User-Agent, and lets a policy one through", async () => {
    for (const userAgent of ["", "python-requests/2.32.3", "node", "curl/8.5.0"]) {
      const answer = await get(restUrl(), { "user-agent": userAgent });
      expect(answer.status, userAgent).toBe(403);
      expect(answer.body).toBe(UA_REFUSAL);
    }
    expect((await get(restUrl())).status).toBe(200);
    expect((await get(`${sb.wiki()}/api.php?action=query&meta=siteinfo&format=json`)).status).toBe(200);
  });

  it("answers an expired or forged token itself, with WWW-Authenticate invalid_token, before MediaWiki", async () => {
    const token = await sb.token(DEMO_USERS.editor.name, undefined, 60);
    expect((await get(restUrl(), { authorization: `Bearer ${token}` })).status).toBe(200);

    const [head, payload] = token.split(".");
    const forged = await get(restUrl(), { authorization: `Bearer ${head}.${payload}.c2lnbmF0dXJl` });
    expect(forged.status).toBe(401);
    expect(forged.body).toBe("Jwt verification fails");
    expect(forged.headers.get("www-authenticate")).toMatch(/^Bearer realm=".*", error="invalid_token"$/);

    await sb.control("POST", "/clock", { advanceSeconds: 120 });
    const expired = await get(`${sb.wiki()}/api.php?action=query&meta=userinfo&format=json`, { authorization: `Bearer ${token}` });
    expect(expired.status).toBe(401);
    expect(expired.body).toBe("Jwt is expired");
    expect(expired.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("lets a revoked token that has not expired through, and MediaWiki refuses it as before", async () => {
    const token = await sb.token(DEMO_USERS.editor.name);
    await sb.control("POST", "/grants/revoke", { user: DEMO_USERS.editor.name, clientId: WIKIPORT_CLIENT.key });
    const answer = await get(restUrl(), { authorization: `Bearer ${token}` });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ errorKey: "mwoauth-invalid-authorization" });
  });

  it("limits each user per minute by class, with 429 and Retry-After, and starts again the next minute", async () => {
    await sb.control("POST", "/settings", { gatewayLimits: { "new-account": 2, established: 3 } });
    const newcomer = await sb.token(DEMO_USERS.newcomer.name);
    const editor = await sb.token(DEMO_USERS.editor.name);
    const as = (token: string) => get(restUrl(), { authorization: `Bearer ${token}` });

    expect([(await as(newcomer)).status, (await as(newcomer)).status]).toEqual([200, 200]);
    const refused = await as(newcomer);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another user's minute is their own, and an established editor gets more.
    expect([(await as(editor)).status, (await as(editor)).status, (await as(editor)).status]).toEqual([200, 200, 200]);
    expect((await as(editor)).status).toBe(429);

    await sb.control("POST", "/clock", { advanceSeconds: retryAfter });
    expect((await as(newcomer)).status).toBe(200);
  });

  it("counts requests without a token per address, with fewer for a User-Agent that gives no contact", async () => {
    await sb.control("POST", "/settings", { gatewayLimits: { unidentified: 1, identified: 2 } });
    const browserLike = "Mozilla/5.0 (X11; Linux x86_64) SomeBrowser/1.0";
    expect((await get(restUrl(), { "user-agent": browserLike })).status).toBe(200);
    expect((await get(restUrl(), { "user-agent": browserLike })).status).toBe(429);
  });

  it("is off with SANDBOX_GATEWAY=off: MediaWiki's own answers, any User-Agent", async () => {
    await sb.control("POST", "/settings", { gateway: false });
    expect((await get(restUrl(), { "user-agent": "" })).status).toBe(200);
    await sb.control("POST", "/settings", { gateway: true });
  });

  it("issues the rlc claim by edit count and account age, and never for an owner-only token", async () => {
    expect(decodeJwt(await sb.token(DEMO_USERS.editor.name)).rlc).toBe("established-user");
    expect(decodeJwt(await sb.token(DEMO_USERS.newcomer.name)).rlc).toBe("authed-user");
    // 87 edits since 2021: old enough, too few edits.
    expect(decodeJwt(await sb.token(DEMO_USERS.blocked.name)).rlc).toBe("authed-user");
    expect(decodeJwt(await ownerOnlyToken(DEMO_USERS.editor.name))).not.toHaveProperty("rlc");
  });

  it("uses the rlc claim for the class: an established editor gets the established minute", async () => {
    await sb.control("POST", "/settings", { gatewayLimits: { "new-account": 1, established: 2 } });
    const nico = await sb.token(DEMO_USERS.newcomer.name);
    const ana = await sb.token(DEMO_USERS.admin.name);
    const as = (token: string) => get(restUrl(), { authorization: `Bearer ${token}` });
    expect([(await as(nico)).status, (await as(nico)).status]).toEqual([200, 429]);
    expect([(await as(ana)).status, (await as(ana)).status, (await as(ana)).status]).toEqual([200, 200, 429]);
  });

  it("sets a sessionJwt cookie on answers to owner-only tokens, for that wiki only, carrying the user's class", async () => {
    const personal = await ownerOnlyToken(DEMO_USERS.editor.name);
    const answer = await fetch(`${sb.wiki()}/api.php?action=query&meta=userinfo&format=json`, { headers: { "user-agent": POLICY_UA, authorization: `Bearer ${personal}` } });
    expect(answer.status).toBe(200);
    const [cookie, ...others] = answer.headers.getSetCookie();
    expect(others).toEqual([]);
    expect(cookie).toMatch(/^sessionJwt=[\w-]+\.[\w-]+\.[\w-]+; Path=\/en\.wikipedia\.org\/; Max-Age=3600; HttpOnly; SameSite=Lax$/);
    const claims = decodeJwt(cookie!.slice("sessionJwt=".length, cookie!.indexOf(";")));
    expect(claims).toMatchObject({ sub: `mw:CentralAuth::${DEMO_USERS.editor.id}`, rlc: "established-user", iss: `${sb.url}/en.wikipedia.org` });
    expect(claims.exp! - claims.iat!).toBe(3600);
    // Tokens of ordinary clients carry rlc themselves and get no cookie.
    const ordinary = await get(restUrl(), { authorization: `Bearer ${await sb.token(DEMO_USERS.editor.name)}` });
    expect(ordinary.headers.getSetCookie()).toEqual([]);
  });

  it("counts an owner-only token without its cookie as an identified client, and with it in the user's class", async () => {
    const personal = await ownerOnlyToken(DEMO_USERS.editor.name);
    const nicoPersonal = await ownerOnlyToken(DEMO_USERS.newcomer.name);
    const cookieOf = async (token: string) => (await get(restUrl(), { authorization: `Bearer ${token}` })).headers.getSetCookie()[0]!.split(";")[0]!;
    const cookie = await cookieOf(personal);
    const nicoCookie = await cookieOf(nicoPersonal);
    await sb.control("POST", "/settings", { gatewayLimits: { identified: 1, established: 3 } });
    const as = (sent?: string) => get(restUrl(), { authorization: `Bearer ${personal}`, ...(sent ? { cookie: sent } : {}) });
    const nextMinute = () => sb.control("POST", "/clock", { advanceSeconds: 60 });

    await nextMinute();
    expect([(await as()).status, (await as()).status]).toEqual([200, 429]);
    // Another user's cookie does not lend its class.
    await nextMinute();
    expect([(await as(nicoCookie)).status, (await as(nicoCookie)).status]).toEqual([200, 429]);
    // The user's own does.
    await nextMinute();
    expect([(await as(cookie)).status, (await as(cookie)).status, (await as(cookie)).status, (await as(cookie)).status]).toEqual([200, 200, 200, 429]);
  });
});

/** A personal API token: an owner-only client registered on Meta, whose reply carries its never-expiring token. */
async function ownerOnlyToken(user: string): Promise<string> {
  const manager = await sb.token(user, ["basic", "oauthmanageownclient"]);
  const response = await fetch(`${sb.wiki("meta.wikimedia.org")}/rest.php/oauth2/client`, {
    method: "POST",
    headers: { authorization: `Bearer ${manager}`, "content-type": "application/json", "user-agent": POLICY_UA },
    body: JSON.stringify({ name: `Scripts ${Math.random()}`, version: "1.0", description: "My scripts", owner_only: true, scopes: ["basic"] }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}
