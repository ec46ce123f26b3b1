import { describe, expect, it } from "vitest";
import { INVALID_TOKEN_MESSAGE } from "../auth";
import { useSandbox } from "../testing";
import { callApi, createPages } from "./api-client";

const sb = useSandbox();
const api = (params: Record<string, string>, call?: Parameters<typeof callApi>[2]) => callApi(sb.wiki(), params, call);

describe("api.php envelope", () => {
  it("rejects the removed action=tokens with badvalue, HTTP 200 and the error header (fv1 uses *)", async () => {
    const reply = await api({ action: "tokens", type: "csrf" });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("mediawiki-api-error")).toBe("badvalue");
    expect(reply.body.error).toMatchObject({ code: "badvalue", info: 'Unrecognized value for parameter "action": tokens.' });
    expect(reply.body.error["*"]).toContain("for API usage");
    expect(reply.body.servedby).toEqual(expect.any(String));
  });

  it("names the docref key in formatversion=2", async () => {
    const reply = await api({ action: "nonesuch", formatversion: "2" });
    expect(reply.body.error.code).toBe("badvalue");
    expect(reply.body.error.docref).toContain("api.php");
    expect(reply.body.error["*"]).toBeUndefined();
  });

  it("answers an invalid bearer token with HTTP 200 mwoauth-invalid-authorization", async () => {
    for (const formatversion of ["1", "2"]) {
      const reply = await api({ action: "query", meta: "userinfo", formatversion }, { bearer: "not-a-jwt" });
      expect(reply.status).toBe(200);
      expect(reply.headers.get("mediawiki-api-error")).toBe("mwoauth-invalid-authorization");
      expect(reply.body.error).toMatchObject({ code: "mwoauth-invalid-authorization", info: INVALID_TOKEN_MESSAGE });
    }
  });

  it("treats a lowercase bearer header as anonymous", async () => {
    const reply = await api({ action: "query", meta: "userinfo", formatversion: "2" }, { headers: { authorization: "bearer xyz" } });
    expect(reply.body.query.userinfo).toMatchObject({ id: 0, anon: true });
  });

  it("uses fv1 empty-string booleans and fv2 real booleans", async () => {
    const v1 = await api({ action: "query", titles: "Nope" });
    expect(v1.body.batchcomplete).toBe("");
    expect(v1.body.query.pages["-1"]).toEqual({ ns: 0, title: "Nope", missing: "" });
    const v2 = await api({ action: "query", titles: "Nope", formatversion: "2" });
    expect(v2.body.batchcomplete).toBe(true);
    expect(v2.body.query.pages).toEqual([{ ns: 0, title: "Nope", missing: true }]);
  });

  it("escapes non-ASCII in fv1 and not in fv2", async () => {
    const v1 = await fetch(`${sb.wiki("he.wikipedia.org")}/api.php?action=query&meta=siteinfo&format=json`);
    expect(await v1.text()).toMatch(/\\u05d5/);
    const v2 = await fetch(`${sb.wiki("he.wikipedia.org")}/api.php?action=query&meta=siteinfo&format=json&formatversion=2`);
    const text = await v2.text();
    expect(text).toContain("ויקיפדיה");
    expect(JSON.parse(text).query.general).toMatchObject({ rtl: true, lang: "he" });
  });

  it("warns about unknown parameters, in bc and modern error formats", async () => {
    const bc = await api({ action: "query", meta: "siteinfo", bogus: "1", formatversion: "2" });
    expect(bc.body.warnings.main).toEqual({ warnings: "Unrecognized parameter: bogus." });
    const v1 = await api({ action: "query", meta: "siteinfo", bogus: "1" });
    expect(v1.body.warnings.main).toEqual({ "*": "Unrecognized parameter: bogus." });
    const plain = await api({ action: "query", meta: "siteinfo", bogus: "1", errorformat: "plaintext", formatversion: "2" });
    expect(plain.body.warnings).toEqual([{ code: "unrecognizedparams", text: "Unrecognized parameter: bogus.", module: "main" }]);
  });

  it("formats errors per errorformat", async () => {
    const plain = await api({ action: "tokens", errorformat: "plaintext", formatversion: "2" });
    expect(plain.headers.get("mediawiki-api-error")).toBe("badvalue");
    expect(plain.body.errors).toEqual([{ code: "badvalue", text: 'Unrecognized value for parameter "action": tokens.', module: "main" }]);
    expect(plain.body.docref).toContain("api.php");
    const none = await api({ action: "tokens", errorformat: "none", formatversion: "2" });
    expect(none.body.errors).toEqual([{ code: "badvalue", module: "main" }]);
    const html = await api({ action: "tokens", errorformat: "html", formatversion: "2" });
    expect(html.body.errors[0].html).toContain("&quot;action&quot;");
  });

  it("serves help without an action and honours curtimestamp, servedby and requestid", async () => {
    const help = await api({ formatversion: "2" });
    expect(help.body.help.mime).toBe("text/html");
    const reply = await api({ action: "query", meta: "siteinfo", curtimestamp: "1", servedby: "1", requestid: "r1", formatversion: "2" });
    expect(reply.body).toMatchObject({ requestid: "r1", servedby: expect.any(String), curtimestamp: expect.stringMatching(/Z$/) });
  });

  it("checks assert=user and assert=bot", async () => {
    const anon = await api({ action: "query", meta: "userinfo", assert: "user" });
    expect(anon.body.error.code).toBe("assertuserfailed");
    expect(anon.headers.get("mediawiki-api-error")).toBe("assertuserfailed");
    const token = await sb.token("Ada Editor");
    const user = await api({ action: "query", meta: "userinfo", assert: "user", formatversion: "2" }, { bearer: token });
    expect(user.body.query.userinfo.name).toBe("Ada Editor");
    const bot = await api({ action: "query", meta: "userinfo", assert: "bot" }, { bearer: token });
    expect(bot.body.error.code).toBe("assertbotfailed");
  });

  it("passes maxlag=5 when there is no lag, and reports injected lag with Retry-After", async () => {
    const ok = await api({ action: "query", meta: "siteinfo", maxlag: "5", formatversion: "2" });
    expect(ok.body.error).toBeUndefined();
    await sb.control("POST", "/faults", { endpoint: "api/query", kind: "maxlag", retryAfter: 7 });
    const lagged = await api({ action: "query", meta: "siteinfo", maxlag: "5" });
    expect(lagged.body.error).toMatchObject({ code: "maxlag", lag: 7 });
    expect(lagged.headers.get("retry-after")).toBe("7");
  });

  it("forces origin=* requests anonymous and withholds tokens", async () => {
    const token = await sb.token("Ada Editor");
    const reply = await api({ action: "query", meta: "userinfo|tokens", origin: "*", formatversion: "2" }, { bearer: token });
    expect(reply.headers.get("mediawiki-login-suppressed")).toBe("true");
    expect(reply.headers.get("access-control-allow-origin")).toBe("*");
    expect(reply.body.query.userinfo.anon).toBe(true);
    expect(reply.body.query.tokens).toBeUndefined();
    expect(reply.body.warnings.tokens.warnings).toContain("same-origin policy");
  });

  it("names the fault-injection endpoints after the action", async () => {
    await sb.control("DELETE", "/requests");
    await api({ action: "query", meta: "tokens" });
    await api({ action: "query", meta: "tokens|userinfo" });
    await api({ action: "edit" });
    const { requests } = await sb.control("GET", "/requests");
    expect(requests.map((r: { endpoint: string }) => r.endpoint)).toEqual(["api/query/tokens", "api/query", "api/edit"]);
  });

  it("needs the read right for reading: an auth-only token gets readapidenied but may fetch tokens", async () => {
    const token = await sb.token("Ada Editor", ["mwoauth-authonly"]);
    const read = await api({ action: "query", titles: "Main Page", prop: "info" }, { bearer: token });
    expect(read.body.error.code).toBe("readapidenied");
    const tokens = await api({ action: "query", meta: "tokens", formatversion: "2" }, { bearer: token });
    expect(tokens.body.query.tokens.csrftoken).toMatch(/^[0-9a-f]{32}[0-9a-f]+\+\\$/);
  });
});

describe("small modules", () => {
  it("parses a page to HTML (fv2 string, fv1 under *)", async () => {
    await createPages(sb.wiki(), await sb.token("Ana Admin"), { "Fixture parse": "Some '''bold''' text." });
    const v2 = await api({ action: "parse", page: "Fixture parse", formatversion: "2" });
    expect(v2.body.parse).toMatchObject({ title: "Fixture parse", pageid: expect.any(Number), revid: expect.any(Number) });
    expect(v2.body.parse.text).toContain("<b>bold</b>");
    expect(v2.body.parse.text).toContain("mw-parser-output");
    const v1 = await api({ action: "parse", page: "Fixture parse" });
    expect(v1.body.parse.text["*"]).toContain("<b>bold</b>");
    const missing = await api({ action: "parse", page: "No such fixture" });
    expect(missing.body.error.code).toBe("missingtitle");
  });

  it("tells a client the token type of a module (paraminfo)", async () => {
    const reply = await api({ action: "paraminfo", modules: "edit|watch", formatversion: "2" });
    const tokenTypes = reply.body.paraminfo.modules.map((m: { parameters: { name: string; tokentype: string }[] }) => m.parameters.find((p) => p.name === "token")?.tokentype);
    expect(tokenTypes).toEqual(["csrf", "watch"]);
  });

  it("refuses a write module under Promise-Non-Write-API-Action", async () => {
    const bearer = await sb.token("Ada Editor");
    const reply = await api({ action: "edit", title: "X", text: "x", token: "+\\" }, { method: "POST", bearer, headers: { "promise-non-write-api-action": "true" } });
    expect(reply.body.error.code).toBe("badtoken");
    const tokens = await api({ action: "query", meta: "tokens", formatversion: "2" }, { bearer });
    const promised = await api(
      { action: "edit", title: "X", text: "x", token: tokens.body.query.tokens.csrftoken },
      { method: "POST", bearer, headers: { "promise-non-write-api-action": "true" } },
    );
    expect(promised.body.error.code).toBe("promised-nonwrite-api");
  });
});

describe("meta=tokens", () => {
  it("gives anonymous callers +\\ for csrf and watch, but full login tokens", async () => {
    const reply = await api({ action: "query", meta: "tokens", type: "csrf|watch|login|createaccount", formatversion: "2" });
    expect(reply.body.query.tokens.csrftoken).toBe("+\\");
    expect(reply.body.query.tokens.watchtoken).toBe("+\\");
    expect(reply.body.query.tokens.logintoken).toMatch(/^[0-9a-f]{32}[0-9a-f]+\+\\$/);
    expect(reply.body.query.tokens.createaccounttoken).toMatch(/^[0-9a-f]{32}[0-9a-f]+\+\\$/);
    expect(reply.setCookie.join(";")).toContain("sandboxwikiSession=");
  });

  it("derives stable tokens for one OAuth grant, and all types with *", async () => {
    const token = await sb.token("Ada Editor");
    const first = await api({ action: "query", meta: "tokens", type: "*", formatversion: "2" }, { bearer: token });
    expect(Object.keys(first.body.query.tokens).sort()).toEqual(
      ["createaccounttoken", "csrftoken", "logintoken", "patroltoken", "rollbacktoken", "userrightstoken", "watchtoken"],
    );
    const csrf = first.body.query.tokens.csrftoken as string;
    expect(csrf).toMatch(/^[0-9a-f]{32}[0-9a-f]+\+\\$/);
    expect(csrf).not.toBe(first.body.query.tokens.watchtoken);
    await createPages(sb.wiki(), await sb.token("Ana Admin"), { "Fixture Moon": "Moon." });
    // The session is derived from the approval, so a second access token for it accepts the same CSRF token.
    const edit = await api(
      { action: "edit", title: "Fixture Moon", appendtext: "\nAppended.", token: csrf, formatversion: "2" },
      { method: "POST", bearer: await sb.token("Ada Editor") },
    );
    expect(edit.body.edit.result).toBe("Success");
  });

  it("warns about the removed token type names", async () => {
    const reply = await api({ action: "query", meta: "tokens", type: "edit", formatversion: "2" });
    expect(reply.body.warnings.tokens.warnings).toBe('Unrecognized value for parameter "type": edit');
  });
});
