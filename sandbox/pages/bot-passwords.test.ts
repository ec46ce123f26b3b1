import { describe, expect, it } from "vitest";
import { callApi } from "../action/api-client";
import { Browser, hiddenFields } from "../oauth/test-browser";
import { DEMO_USERS } from "../seed";
import { useSandbox } from "../testing";

const sb = useSandbox();
const WIKI = "en.wikipedia.org";
const PAGE = `/${WIKI}/wiki/Special:BotPasswords`;

async function signedIn(): Promise<Browser> {
  const browser = new Browser(sb.url);
  expect((await browser.login(DEMO_USERS.editor.name, DEMO_USERS.editor.password)).status).toBe(302);
  return browser;
}

/** Creates a bot password through the page, as a person does, and returns the password shown once. */
async function createBotPassword(browser: Browser, appId: string, grants: string[]): Promise<string> {
  const start = await browser.get(`${PAGE}?wpappId=${appId}`);
  expect(start.status).toBe(302);
  const form = await (await browser.get(new URL(start.headers.get("location")!).pathname)).text();
  expect(form).toContain("Create a new bot password");
  const fields = hiddenFields(form, ">Create</button>");
  for (const grant of grants) fields.append("wpgrants", grant);
  const created = await browser.post(`${PAGE}/${appId}`, fields);
  expect(created.status).toBe(200);
  const page = await created.text();
  expect(page).toContain(`The bot password for bot name "${appId}" of user "${DEMO_USERS.editor.name}" was created.`);
  expect(page).toContain(`<strong>${DEMO_USERS.editor.name}@${appId}</strong>`);
  const password = /<code id="bot-password">([a-z0-9]{32})<\/code>/.exec(page)?.[1];
  expect(password).toBeDefined();
  return password!;
}

/** action=login as MediaWiki's documentation describes it: login token, then lgname/lgpassword/lgtoken, posted. */
async function apiLogin(lgname: string, lgpassword: string): Promise<{ result: any; cookie: string }> {
  const tokens = await callApi(sb.wiki(), { action: "query", meta: "tokens", type: "login", formatversion: "2" });
  const cookie = tokens.setCookie.map((c) => c.split(";")[0]).join("; ");
  const login = await callApi(
    sb.wiki(),
    { action: "login", lgname, lgpassword, lgtoken: tokens.body.query.tokens.logintoken, formatversion: "2" },
    { method: "POST", cookie },
  );
  const sessionCookie = login.setCookie.map((c) => c.split(";")[0]).join("; ") || cookie;
  return { result: login.body.login, cookie: sessionCookie };
}

describe("Special:BotPasswords", () => {
  it("sends anonymous visitors to Special:UserLogin", async () => {
    const response = await fetch(`${sb.url}${PAGE}`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("Special:UserLogin");
  });

  it("creates a bot password with its grants, shows it once, and action=login acts with those grants only", async () => {
    const browser = await signedIn();
    const password = await createBotPassword(browser, "page-made-bot", ["editpage", "createeditmovepage"]);

    const list = await (await browser.get(PAGE)).text();
    expect(list).toContain("page-made-bot");
    expect(list).not.toContain(password);
    expect(await (await browser.get(`${PAGE}/page-made-bot`)).text()).not.toContain(password);

    const { result, cookie } = await apiLogin(`${DEMO_USERS.editor.name}@page-made-bot`, password);
    expect(result).toMatchObject({ result: "Success", lgusername: DEMO_USERS.editor.name });
    const me = await callApi(sb.wiki(), { action: "query", meta: "userinfo", uiprop: "rights", formatversion: "2" }, { cookie });
    expect(me.body.query.userinfo.name).toBe(DEMO_USERS.editor.name);
    expect(me.body.query.userinfo.rights).toContain("edit");
    // editmywatchlist was not granted: the session has the bot password's grants, not the user's rights.
    expect(me.body.query.userinfo.rights).not.toContain("editmywatchlist");
    const csrf = (await callApi(sb.wiki(), { action: "query", meta: "tokens", formatversion: "2" }, { cookie })).body.query.tokens.csrftoken;
    const edit = await callApi(sb.wiki(), { action: "edit", title: "Bot password page edit", text: "Made by a bot.", token: csrf, formatversion: "2" }, { method: "POST", cookie });
    expect(edit.body.edit).toMatchObject({ result: "Success", new: true });
  });

  it("refuses an invalid bot name", async () => {
    const browser = await signedIn();
    const response = await browser.get(`${PAGE}?wpappId=${encodeURIComponent("bad@name")}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("The bot name &quot;bad@name&quot; is not valid.");
  });

  it("revoking ends its sessions, and a login with it then fails as MediaWiki's does", async () => {
    const browser = await signedIn();
    const password = await createBotPassword(browser, "short-lived", ["editpage"]);
    const { cookie } = await apiLogin(`${DEMO_USERS.editor.name}@short-lived`, password);

    const form = await (await browser.get(`${PAGE}/short-lived`)).text();
    const deleted = await browser.post(`${PAGE}/short-lived`, hiddenFields(form, ">Delete</button>"));
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toContain(`The bot password for bot name "short-lived" of user "${DEMO_USERS.editor.name}" was deleted.`);

    const after = await callApi(sb.wiki(), { action: "query", meta: "userinfo", formatversion: "2" }, { cookie });
    expect(after.body.query.userinfo.anon).toBe(true);
    const refused = await apiLogin(`${DEMO_USERS.editor.name}@short-lived`, password);
    expect(refused.result).toEqual({ result: "Failed", reason: "Incorrect username or password entered. Please try again." });
  });

  it("resetting shows a new password once; the old one stops working", async () => {
    const browser = await signedIn();
    const first = await createBotPassword(browser, "rotating", ["editpage"]);
    const form = await (await browser.get(`${PAGE}/rotating`)).text();
    const fields = hiddenFields(form, ">Update</button>");
    fields.append("wpgrants", "editpage");
    fields.append("wpresetPassword", "1");
    const page = await (await browser.post(`${PAGE}/rotating`, fields)).text();
    const second = /<code id="bot-password">([a-z0-9]{32})<\/code>/.exec(page)?.[1];
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect((await apiLogin(`${DEMO_USERS.editor.name}@rotating`, first)).result.result).toBe("Failed");
    expect((await apiLogin(`${DEMO_USERS.editor.name}@rotating`, second!)).result.result).toBe("Success");
  });

  it("refuses a form post without the session's edit token", async () => {
    const browser = await signedIn();
    const response = await browser.post(`${PAGE}/forged`, { action: "create", wpgrants: "editpage" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("loss of session data");
  });
});
