import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_BOT_PASSWORD } from "../seed";
import { useSandbox } from "../testing";
import { callApi, createPages, type ApiCall } from "./api-client";

const sb = useSandbox();
const api = (params: Record<string, string>, call?: ApiCall) => callApi(sb.wiki(), params, call);

beforeEach(async () => {
  await createPages(sb.wiki(), await sb.token("Ana Admin"), {
    "Fixture Moon": "The '''Moon''' orbits [[Fixture Earth]].",
    "Fixture Earth": "'''Earth''' is the third planet.\n\n== Surface ==\nMostly water.",
  });
});

async function csrfFor(bearer: string): Promise<string> {
  const reply = await api({ action: "query", meta: "tokens", formatversion: "2" }, { bearer });
  return reply.body.query.tokens.csrftoken;
}

async function postEdit(bearer: string, params: Record<string, string>, call: ApiCall = {}) {
  const token = await csrfFor(bearer);
  return api({ action: "edit", token, formatversion: "2", ...params }, { method: "POST", bearer, ...call });
}

describe("action=edit", () => {
  it("creates a page (fv2 shape with new, watched) and then edits it", async () => {
    const bearer = await sb.token("Ada Editor");
    const created = await postEdit(bearer, { title: "Sandbox page", text: "Hello", summary: "create", createonly: "1" });
    expect(created.body.edit).toMatchObject({
      new: true, result: "Success", title: "Sandbox page", contentmodel: "wikitext", oldrevid: 0, watched: true,
    });
    expect(created.body.edit.newtimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const edited = await postEdit(bearer, { title: "Sandbox page", text: "Hello again" });
    expect(edited.body.edit.new).toBeUndefined();
    expect(edited.body.edit.oldrevid).toBe(created.body.edit.newrevid);
  });

  it("uses fv1 empty strings and reports nochange without revision ids", async () => {
    const bearer = await sb.token("Ada Editor");
    const token = await csrfFor(bearer);
    const page = await api({ action: "query", titles: "Fixture Moon", prop: "revisions", rvprop: "content", rvslots: "main", formatversion: "2" });
    const text = page.body.query.pages[0].revisions[0].slots.main.content as string;
    const reply = await api({ action: "edit", title: "Fixture Moon", text, token }, { method: "POST", bearer });
    expect(reply.body.edit).toMatchObject({ result: "Success", nochange: "", title: "Fixture Moon" });
    expect(reply.body.edit.newrevid).toBeUndefined();
    expect(reply.body.edit.oldrevid).toBeUndefined();
  });

  it("accepts multipart/form-data bodies", async () => {
    const bearer = await sb.token("Ada Editor");
    const reply = await postEdit(bearer, { title: "Multipart page", text: "Sent as multipart" }, { multipart: true });
    expect(reply.body.edit.result).toBe("Success");
    const read = await api({ action: "query", titles: "Multipart page", prop: "revisions", rvprop: "content", rvslots: "main", formatversion: "2" });
    expect(read.body.query.pages[0].revisions[0].slots.main.content).toBe("Sent as multipart");
  });

  it("requires POST, a posted token, and a valid one", async () => {
    const bearer = await sb.token("Ada Editor");
    const token = await csrfFor(bearer);
    const noToken = await api({ action: "edit", title: "Fixture Moon", text: "x" }, { bearer });
    expect(noToken.body.error).toMatchObject({ code: "missingparam", info: 'The "token" parameter must be set.' });
    const get = await api({ action: "edit", title: "Fixture Moon", text: "x", token }, { bearer });
    expect(get.body.error.code).toBe("mustpostparams");
    const inQuery = await api({ action: "edit", title: "Fixture Moon", text: "x" }, { method: "POST", bearer, query: { token } });
    expect(inQuery.body.error.code).toBe("mustpostparams");
    expect(inQuery.headers.get("mediawiki-api-error")).toBe("mustpostparams");
    const bad = await api({ action: "edit", title: "Fixture Moon", text: "x", token: `${"0".repeat(32)}6b04b02a+\\` }, { method: "POST", bearer });
    expect(bad.body.error).toMatchObject({ code: "badtoken", info: "Invalid CSRF token." });
    const anonymous = await api({ action: "edit", title: "Fixture Moon", text: "x", token: "+\\" }, { method: "POST" });
    expect(anonymous.body.error.code).toBe("permissiondenied");
  });

  it("passes engine errors through with their data: blocked, cantcreate, protectedpage, articleexists, missingtitle", async () => {
    const blocked = await postEdit(await sb.token("Blake Blocked"), { title: "Fixture Moon", text: "x" });
    expect(blocked.headers.get("mediawiki-api-error")).toBe("blocked");
    expect(blocked.body.error).toMatchObject({ code: "blocked", blockinfo: { blockid: 1, blockedby: "Ana Admin", blockexpiry: "infinite", blockpartial: false } });
    const editOnly = await postEdit(await sb.token("Ada Editor", ["basic", "editpage"]), { title: "Brand new", text: "x" });
    expect(editOnly.body.error.code).toBe("cantcreate");
    sb.sandbox.store.state.pages.find((p) => p.wiki === "en.wikipedia.org" && p.title === "Fixture Moon")!.protection = { edit: "sysop" };
    const protectedPage = await postEdit(await sb.token("Ada Editor"), { title: "Fixture Moon", text: "x" });
    expect(protectedPage.body.error.code).toBe("protectedpage");
    const exists = await postEdit(await sb.token("Ada Editor"), { title: "Fixture Earth", text: "x", createonly: "1" });
    expect(exists.body.error.code).toBe("articleexists");
    const missing = await postEdit(await sb.token("Ada Editor"), { title: "Nowhere yet", text: "x", nocreate: "1" });
    expect(missing.body.error.code).toBe("missingtitle");
  });

  it("puts block data under errors[].data in modern error formats", async () => {
    const blocked = await postEdit(await sb.token("Blake Blocked"), { title: "Fixture Moon", text: "x", errorformat: "plaintext" });
    expect(blocked.body.errors[0]).toMatchObject({ code: "blocked", module: "edit", data: { blockinfo: { blockid: 1 } } });
  });

  it("detects an edit conflict from a stale basetimestamp", async () => {
    const ada = await sb.token("Ada Editor");
    const ana = await sb.token("Ana Admin");
    const read = await api({ action: "query", titles: "Fixture Moon", prop: "revisions", rvprop: "timestamp|content|ids", rvslots: "main", formatversion: "2" });
    const base = read.body.query.pages[0].revisions[0];
    sb.sandbox.store.advanceClock(10);
    await postEdit(ana, { title: "Fixture Moon", text: `${base.slots.main.content}\nAdmin line.` });
    const conflict = await postEdit(ada, { title: "Fixture Moon", text: `Ada's rewrite.\n${base.slots.main.content}\nAda line.`, basetimestamp: base.timestamp });
    expect(conflict.body.error.code).toBe("editconflict");
    const merged = await postEdit(ada, { title: "Fixture Moon", text: `Ada's lead.\n\n${base.slots.main.content}`, baserevid: String(base.revid) });
    expect(merged.body.edit.result).toBe("Success");
  });

  it("returns the captcha soft failure with result Failure and no error", async () => {
    const reply = await postEdit(await sb.token("Nico Newcomer"), { title: "Fixture Moon", appendtext: " https://spam.example/" });
    expect(reply.headers.get("mediawiki-api-error")).toBeNull();
    expect(reply.body.error).toBeUndefined();
    expect(reply.body.edit).toMatchObject({ result: "Failure", captcha: { type: "image", mime: "image/png", id: expect.any(String) } });
  });

  it("reports abuse filters with their data", async () => {
    const bearer = await sb.token("Ada Editor");
    const warned = await postEdit(bearer, { title: "Fixture Moon", appendtext: " ALL CAPS WARNING" });
    expect(warned.body.error).toMatchObject({ code: "abusefilter-warning", abusefilter: { id: 43, actions: ["warn"] } });
    const again = await postEdit(bearer, { title: "Fixture Moon", appendtext: " ALL CAPS WARNING" });
    expect(again.body.edit.result).toBe("Success");
    const disallowed = await postEdit(bearer, { title: "Fixture Moon", appendtext: " buy cheap watches" });
    expect(disallowed.body.error).toMatchObject({ code: "abusefilter-disallowed", abusefilter: { id: 42, actions: ["disallow"] } });
  });

  it("rate-limits a newcomer on the sandbox clock", async () => {
    const bearer = await sb.token("Nico Newcomer");
    const token = await csrfFor(bearer);
    const codes: string[] = [];
    for (let i = 0; i < 9; i++) {
      const reply = await api({ action: "edit", title: "Fixture Moon", text: `Nico ${i}`, token, formatversion: "2" }, { method: "POST", bearer });
      codes.push(reply.body.error?.code ?? reply.body.edit.result);
    }
    expect(codes).toEqual([...Array(8).fill("Success"), "ratelimited"]);
    await sb.control("POST", "/clock", { advanceSeconds: 61 });
    const later = await api({ action: "edit", title: "Fixture Moon", text: "Nico later", token, formatversion: "2" }, { method: "POST", bearer });
    expect(later.body.edit.result).toBe("Success");
  });

  it("adds a new section with the summary as its heading", async () => {
    const reply = await postEdit(await sb.token("Ada Editor"), { title: "Fixture Moon", section: "new", summary: "Question", text: "Why?" });
    expect(reply.body.edit.result).toBe("Success");
    const read = await api({ action: "query", titles: "Fixture Moon", prop: "revisions", rvprop: "content|comment", rvslots: "main", formatversion: "2" });
    const revision = read.body.query.pages[0].revisions[0];
    expect(revision.slots.main.content).toMatch(/== Question ==\n\nWhy\?$/);
    expect(revision.comment).toBe("/* Question */ new section");
  });
});

describe("action=watch", () => {
  async function watchToken(bearer: string): Promise<string> {
    const reply = await api({ action: "query", meta: "tokens", type: "watch", formatversion: "2" }, { bearer });
    return reply.body.query.tokens.watchtoken;
  }

  it("watches and unwatches, visible in prop=info and list=watchlistraw", async () => {
    const bearer = await sb.token("Ada Editor");
    const token = await watchToken(bearer);
    const watched = await api({ action: "watch", titles: "Fixture Earth|No such page", token, formatversion: "2" }, { method: "POST", bearer });
    expect(watched.body).toEqual({
      batchcomplete: true,
      watch: [{ ns: 0, title: "Fixture Earth", watched: true }, { ns: 0, title: "No such page", missing: true, watched: true }],
    });
    const info = await api({ action: "query", titles: "Fixture Earth", prop: "info", inprop: "watched", formatversion: "2" }, { bearer });
    expect(info.body.query.pages[0].watched).toBe(true);
    const raw = await api({ action: "query", list: "watchlistraw", formatversion: "2" }, { bearer });
    expect(raw.body.watchlistraw).toContainEqual({ ns: 0, title: "Fixture Earth" });
    expect(raw.body.watchlistraw).toContainEqual({ ns: 1, title: "Talk:Fixture Earth" });
    const unwatched = await api({ action: "watch", titles: "Fixture Earth", unwatch: "1", token, formatversion: "2" }, { method: "POST", bearer });
    expect(unwatched.body.watch).toEqual([{ ns: 0, title: "Fixture Earth", unwatched: true }]);
  });

  it("reports an expiry", async () => {
    const bearer = await sb.token("Ada Editor");
    const token = await watchToken(bearer);
    const reply = await api({ action: "watch", titles: "Fixture Earth", expiry: "1 week", token, formatversion: "2" }, { method: "POST", bearer });
    expect(reply.body.watch[0].expiry).toMatch(/Z$/);
  });

  it("needs a login, the editmywatchlist right and the watch token", async () => {
    const anonymous = await api({ action: "watch", titles: "Fixture Earth", token: "+\\" }, { method: "POST" });
    expect(anonymous.body.error.code).toBe("notloggedin");
    const narrow = await sb.token("Ada Editor", ["basic", "editpage"]);
    const denied = await api({ action: "watch", titles: "Fixture Earth", token: await watchToken(narrow) }, { method: "POST", bearer: narrow });
    expect(denied.body.error.code).toBe("permissiondenied");
    const bearer = await sb.token("Ada Editor");
    const csrf = await csrfFor(bearer);
    const wrongType = await api({ action: "watch", titles: "Fixture Earth", token: csrf }, { method: "POST", bearer });
    expect(wrongType.body.error.code).toBe("badtoken");
  });

  it("lists the watchlist only with viewmywatchlist", async () => {
    const narrow = await sb.token("Ada Editor", ["basic", "editpage"]);
    const reply = await api({ action: "query", list: "watchlistraw" }, { bearer: narrow });
    expect(reply.body.error.code).toBe("permissiondenied");
    const anonymous = await api({ action: "query", list: "watchlist" });
    expect(anonymous.body.error.code).toBe("notloggedin");
  });
});

describe("action=login and action=logout", () => {
  function cookieFrom(setCookie: string[]): string {
    return setCookie.map((c) => c.split(";")[0]).join("; ");
  }

  it("logs in with a bot password into a session limited to its grants, then logs out", async () => {
    const tokens = await api({ action: "query", meta: "tokens", type: "login", formatversion: "2" });
    const anonCookie = cookieFrom(tokens.setCookie);
    const login = await api(
      { action: "login", lgname: `Ada Editor@${DEMO_BOT_PASSWORD.appId}`, lgpassword: DEMO_BOT_PASSWORD.password, lgtoken: tokens.body.query.tokens.logintoken, formatversion: "2" },
      { method: "POST", cookie: anonCookie },
    );
    expect(login.body.login).toEqual({ result: "Success", lguserid: 1001, lgusername: "Ada Editor" });
    const session = cookieFrom(login.setCookie);
    const me = await api({ action: "query", meta: "userinfo", uiprop: "rights", assert: "user", formatversion: "2" }, { cookie: session });
    expect(me.body.query.userinfo.name).toBe("Ada Editor");
    expect(me.body.query.userinfo.rights).toContain("createpage");
    expect(me.body.query.userinfo.rights).not.toContain("sendemail");

    const csrf = (await api({ action: "query", meta: "tokens", formatversion: "2" }, { cookie: session })).body.query.tokens.csrftoken;
    const edit = await api({ action: "edit", title: "Bot page", text: "By bot password", token: csrf, formatversion: "2" }, { method: "POST", cookie: session });
    expect(edit.body.edit.result).toBe("Success");

    const logout = await api({ action: "logout", token: csrf, formatversion: "2" }, { method: "POST", cookie: session });
    expect(logout.body).toEqual({});
    const after = await api({ action: "query", meta: "userinfo", formatversion: "2" }, { cookie: session });
    expect(after.body.query.userinfo.anon).toBe(true);
  });

  it("answers a wrong password with Failed, a missing token with NeedToken and a bad one with WrongToken", async () => {
    const tokens = await api({ action: "query", meta: "tokens", type: "login", formatversion: "2" });
    const cookie = cookieFrom(tokens.setCookie);
    const failed = await api(
      { action: "login", lgname: "Ada Editor@wikiport-bot", lgpassword: "nope", lgtoken: tokens.body.query.tokens.logintoken },
      { method: "POST", cookie },
    );
    expect(failed.body.login).toEqual({ result: "Failed", reason: "Incorrect username or password entered. Please try again." });
    const needToken = await api({ action: "login", lgname: "Ada Editor@wikiport-bot", lgpassword: "x" }, { method: "POST", cookie });
    expect(needToken.body.login.result).toBe("NeedToken");
    expect(needToken.body.login.token).toMatch(/\+\\$/);
    const wrong = await api({ action: "login", lgname: "Ada Editor@wikiport-bot", lgpassword: "x", lgtoken: "abc+\\" }, { method: "POST", cookie });
    expect(wrong.body.login.result).toBe("WrongToken");
  });

  it("requires POST for login", async () => {
    const reply = await api({ action: "login", lgname: "x" });
    expect(reply.body.error.code).toBe("mustbeposted");
  });
});
