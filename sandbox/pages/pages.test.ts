import { describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../auth";
import { Browser, decodeJwt, hiddenFields, META, profile, tokenRequest, WIKIPORT_AUTH, wikiportTokens } from "../oauth/test-browser";
import { DEMO_USERS, WIKIPORT_CLIENT } from "../seed";
import { useSandbox } from "../testing";

const sb = useSandbox();
const MY_CLIENTS = `/${META}/wiki/Special:OAuthConsumerRegistration/propose/oauth2`;
const MANAGE = `/${META}/wiki/Special:OAuthManageMyGrants`;

async function signedIn(user: { name: string; password: string } = DEMO_USERS.editor): Promise<Browser> {
  const browser = new Browser(sb.url);
  expect((await browser.login(user.name, user.password)).status).toBe(302);
  return browser;
}

function code(page: string, id: string): string | null {
  return page.match(new RegExp(`<code id="${id}">([^<]*)</code>`))?.[1] ?? null;
}

async function propose(browser: Browser, fields: Record<string, string | string[]>): Promise<Response> {
  const page = await (await browser.get(MY_CLIENTS)).text();
  const form = hiddenFields(page, "Propose consumer");
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
  return browser.post(MY_CLIENTS, form);
}

describe("home page", () => {
  it("says what the sandbox is and lists wikis, demo accounts with passwords, and Wikiport's consumer", async () => {
    const response = await fetch(`${sb.url}/`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("Wikiport sandbox wiki");
    for (const user of Object.values(DEMO_USERS)) {
      expect(page).toContain(user.name);
      expect(page).toContain(user.password);
    }
    expect(page).toContain("he.wikipedia.org");
    expect(page).toContain(WIKIPORT_CLIENT.key);
    expect(page).toContain(WIKIPORT_CLIENT.secret);
    expect(page).toContain("http://localhost:3000/api/auth/callback/wikimedia");
    expect(page).toContain("Special:OAuthManageMyGrants");
    expect(page).not.toMatch(/<(script|link)\b/);
  });
});

describe("Special:UserLogin and Special:UserLogout", () => {
  it("shows a labelled form that keeps returnto and returntoquery", async () => {
    const page = await (await fetch(`${sb.url}/${META}/wiki/Special:UserLogin?returnto=Special:OAuthManageMyGrants&returntoquery=a%3D1`)).text();
    expect(page).toContain('<label for="wpName1">Username</label>');
    expect(page).toContain('<label for="wpPassword1">Password</label>');
    expect(page).toContain(">Log in</button>");
    expect(Object.fromEntries(hiddenFields(page))).toEqual({ returnto: "Special:OAuthManageMyGrants", returntoquery: "a=1" });
  });

  it("signs in with an HttpOnly, Lax, Path=/ cookie and honours returnto", async () => {
    const response = await fetch(`${sb.url}/de.wikipedia.org/wiki/Special:UserLogin`, {
      method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ wpName1: "ada_Editor", wpPassword1: DEMO_USERS.editor.password, returnto: "Special:OAuthManageMyGrants", returntoquery: "x=1" }),
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${sb.url}/de.wikipedia.org/wiki/Special:OAuthManageMyGrants?x=1`);
    const cookie = response.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Lax$`));
  });

  it("shows the form again with an error for a wrong password", async () => {
    const browser = new Browser(sb.url);
    const response = await browser.login(DEMO_USERS.editor.name, "wrong");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Incorrect username or password");
    expect(browser.cookieNames()).toEqual([]);
  });

  it("shares one login across wikis and logs out by POST with the session's token", async () => {
    const browser = await signedIn();
    const onEnwiki = await (await browser.get(`/en.wikipedia.org/wiki/Special:OAuthManageMyGrants`)).text();
    expect(onEnwiki).toContain("Signed in as <strong>Ada Editor</strong>");
    const logoutForm = hiddenFields(onEnwiki, "Log out");
    expect((await browser.post(`/${META}/wiki/Special:UserLogout`, { wpEditToken: "forged" })).status).toBe(400);
    const out = await browser.post(`/${META}/wiki/Special:UserLogout`, logoutForm);
    expect(out.status).toBe(302);
    expect(browser.cookieNames()).toEqual([]);
    expect((await browser.get(MANAGE)).status).toBe(302);
  });

  it("lets a blocked user sign in", async () => {
    await signedIn(DEMO_USERS.blocked);
  });

  it("maps /w/index.php?title= to the page", async () => {
    const response = await fetch(`${sb.url}/${META}/w/index.php?title=Special:UserLogin&returnto=X`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${sb.url}/${META}/wiki/Special:UserLogin?returnto=X`);
  });
});

describe("My clients", () => {
  it("sends anonymous visitors to the login page", async () => {
    const response = await fetch(`${sb.url}${MY_CLIENTS}`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location")!).searchParams.get("returnto")).toBe("Special:OAuthConsumerRegistration/propose/oauth2");
  });

  it("creates an owner-only client whose personal token acts as the owner and never expires", async () => {
    const browser = await signedIn();
    const response = await propose(browser, { wpname: "My bot", wpownerOnly: "1", wpoauth2IsConfidential: "1", wpgranttype: "normal", wpgrants: ["editpage"] });
    expect(response.status).toBe(200);
    const page = await response.text();
    const key = code(page, "client-key")!;
    const secret = code(page, "client-secret")!;
    const token = code(page, "access-token")!;
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(secret).toMatch(/^[0-9a-f]{40}$/);

    const { payload } = decodeJwt(token);
    expect(payload.sub).toBe(String(DEMO_USERS.editor.id));
    expect(payload.grant_type).toBeUndefined();
    expect(payload.scopes).toEqual(["basic", "editpage"]);
    await sb.control("POST", "/clock", { advanceSeconds: 400 * 24 * 3600 });
    const me = await profile(sb, token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ sub: String(DEMO_USERS.editor.id), username: "Ada Editor", grants: ["basic", "editpage"] });

    // Shown once: the list shows the key, never the secret or the token again.
    const later = await (await browser.get(MY_CLIENTS)).text();
    expect(later).toContain(key);
    expect(later).not.toContain(secret);
    expect(later).not.toContain(token);

    // Owner-only clients may use client_credentials, acting as the owner with a normal-lifetime token.
    const cc = await tokenRequest(sb, { grant_type: "client_credentials", client_id: key, client_secret: secret });
    expect(cc.status).toBe(200);
    expect(cc.body.expires_in).toBe(14400);
    expect((await profile(sb, cc.body.access_token)).body.username).toBe("Ada Editor");
  });

  it("resetting the secret kills the owner-only tokens and the old secret", async () => {
    const browser = await signedIn();
    const created = await (await propose(browser, { wpname: "Reset me", wpownerOnly: "1", wpgranttype: "normal" })).text();
    const key = code(created, "client-key")!;
    const oldSecret = code(created, "client-secret")!;
    const oldToken = code(created, "access-token")!;
    const list = await (await browser.get(MY_CLIENTS)).text();
    const resetForm = hiddenFields(list, `value="${key}"`);
    expect(resetForm.get("action")).toBe("reset");
    const reset = await (await browser.post(MY_CLIENTS, resetForm)).text();
    const newSecret = code(reset, "client-secret")!;
    const newToken = code(reset, "access-token")!;
    expect(newSecret).not.toBe(oldSecret);
    expect((await profile(sb, oldToken)).status).toBe(403);
    expect((await profile(sb, newToken)).status).toBe(200);
    expect((await tokenRequest(sb, { grant_type: "client_credentials", client_id: key, client_secret: oldSecret })).status).toBe(401);
    expect((await tokenRequest(sb, { grant_type: "client_credentials", client_id: key, client_secret: newSecret })).status).toBe(200);
  });

  it("proposes an ordinary client: specific grants wait for approval, identity-only ones are auto-approved", async () => {
    const browser = await signedIn();
    const proposed = await propose(browser, {
      wpname: "Editing tool", wpcallbackUrl: "https://tool.example/callback", wpoauth2IsConfidential: "1",
      wpoauth2GrantTypes: ["authorization_code", "refresh_token"], wpgranttype: "normal", wpgrants: ["editpage"],
    });
    const page = await proposed.text();
    expect(page).toContain("awaits approval");
    expect(code(page, "access-token")).toBeNull();
    const login = await propose(browser, {
      wpname: "Login only", wpcallbackUrl: "https://tool.example/callback", wpoauth2IsConfidential: "1",
      wpoauth2GrantTypes: ["authorization_code"], wpgranttype: "authonly",
    });
    const key = code(await login.text(), "client-key");
    expect(sb.sandbox.store.state.clients.find((c) => c.key === key)).toMatchObject({ stage: "approved", grants: ["mwoauth-authonly"] });
  });

  it("refuses an http callback that is not local, and a post without the CSRF token", async () => {
    const browser = await signedIn();
    const bad = await propose(browser, { wpname: "Insecure", wpcallbackUrl: "http://tool.example/cb", wpoauth2IsConfidential: "1", wpoauth2GrantTypes: ["authorization_code"], wpgranttype: "normal" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("must use https");
    const forged = await browser.post(MY_CLIENTS, { action: "propose", wpname: "X", wpownerOnly: "1" });
    expect(forged.status).toBe(400);
  });
});

describe("Special:OAuthManageMyGrants", () => {
  it("lists allowed applications and revokes one: its tokens stop working", async () => {
    const tokens = await wikiportTokens(sb);
    const browser = await signedIn();
    const page = await (await browser.get(MANAGE)).text();
    expect(page).toContain("Wikiport");
    expect(page).toContain("Edit your watchlist");
    const form = hiddenFields(page, `value="${WIKIPORT_CLIENT.key}"`);
    const revoked = await browser.post(MANAGE, form);
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toContain("has been revoked");
    expect((await profile(sb, tokens.access_token)).status).toBe(403);
    const refresh = await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: tokens.refresh_token, ...WIKIPORT_AUTH });
    expect(refresh.body).toMatchObject({ error: "invalid_grant", hint: "Token has been revoked" });
  });
});

describe("Special:OAuthManageMyGrants/manage/<consumer id>", () => {
  it("shows that one application and revokes it there, by consumer key or by its number", async () => {
    const tokens = await wikiportTokens(sb);
    const browser = await signedIn();
    const byNumber = await browser.get(`${MANAGE}/manage/1`);
    expect(byNumber.status).toBe(200);
    expect(await byNumber.text()).toContain('aria-label="Revoke Wikiport"');
    const page = await (await browser.get(`${MANAGE}/manage/${WIKIPORT_CLIENT.key}`)).text();
    expect(page).toContain("Edit your watchlist");
    const revoked = await browser.post(`${MANAGE}/manage/${WIKIPORT_CLIENT.key}`, hiddenFields(page, `value="${WIKIPORT_CLIENT.key}"`));
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toContain("has been revoked");
    expect((await profile(sb, tokens.access_token)).status).toBe(403);
  });

  it("answers 404 for an application the user has not allowed, and sends a signed-out visitor to log in first", async () => {
    const browser = await signedIn(DEMO_USERS.admin);
    const response = await browser.get(`${MANAGE}/manage/${"0".repeat(32)}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(`aria-label="Revoke`);
    const anonymous = await fetch(`${sb.url}${MANAGE}/manage/1`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(decodeURIComponent(anonymous.headers.get("location") ?? "")).toContain("returnto=Special:OAuthManageMyGrants/manage/1");
  });
});

describe("POST/GET oauth2/client", () => {
  it("registers an owner-only client for a token with oauthmanageownclient and lists it", async () => {
    const token = await sb.token(DEMO_USERS.editor.name, ["basic", "oauthmanageownclient"]);
    const url = `${sb.url}/${META}/w/rest.php/oauth2/client`;
    const created = await fetch(url, {
      method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "API-made", version: "1.0", description: "x", owner_only: true, scopes: ["basic", "editpage"] }),
    });
    expect(created.status).toBe(200);
    const body = await created.json();
    expect(Object.keys(body).sort()).toEqual(["access_token", "client_key", "name", "secret"]);
    const listed = await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(listed.clients.map((c: { client_key: string }) => c.client_key)).toContain(body.client_key);

    const without = await sb.token(DEMO_USERS.newcomer.name, ["basic"]);
    expect((await fetch(url, { headers: { authorization: `Bearer ${without}` } })).status).toBe(403);
  });
});
