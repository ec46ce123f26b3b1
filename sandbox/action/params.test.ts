import { beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { useSandbox } from "../testing";
import { callApi, createPages } from "./api-client";

const sb = useSandbox();
const api = (params: Record<string, string>, call?: Parameters<typeof callApi>[2]) => callApi(sb.wiki(), params, call);

beforeEach(async () => {
  const ana = await sb.token("Ana Admin");
  await createPages(sb.wiki(), ana, { "Param page A": "Text A.", "Param page B": "Text B." });
});

describe("ParamValidator errors", () => {
  it("answers an unknown namespace with badvalue and the raw key MediaWiki uses", async () => {
    const bc = await api({ action: "query", list: "allpages", apnamespace: "999", formatversion: "2" });
    expect(bc.headers.get("mediawiki-api-error")).toBe("badvalue");
    expect(bc.body.error).toMatchObject({ code: "badvalue", info: 'Unrecognized value for parameter "apnamespace": 999.' });
    const raw = await api({ action: "query", list: "allpages", apnamespace: "999", formatversion: "2", errorformat: "raw" });
    expect(raw.body.errors[0]).toMatchObject({ code: "badvalue", key: "paramvalidator-badvalue-enumnotmulti", module: "query+allpages" });
    expect(raw.body.errors[0].params.slice(0, 2)).toEqual([{ plaintext: "apnamespace" }, { plaintext: "999" }]);
    expect(raw.body.errors[0].params[2]).toMatchObject({ type: "text", list: expect.arrayContaining([{ plaintext: 0 }]) });
  });

  it("answers an unknown enum value with badvalue in every error format", async () => {
    const plain = await api({ action: "query", list: "allpages", apfilterredir: "bogus", formatversion: "2", errorformat: "plaintext" });
    expect(plain.body.errors).toEqual([{ code: "badvalue", text: 'Unrecognized value for parameter "apfilterredir": bogus.', module: "query+allpages" }]);
    const assert = await api({ action: "query", meta: "siteinfo", assert: "nobody", formatversion: "2" });
    expect(assert.body.error.code).toBe("badvalue");
  });

  it("refuses U+001F separation in a single-valued parameter", async () => {
    const reply = await api({ action: "query", list: "allpages", apdir: "\x1fascending\x1fdescending", formatversion: "2" });
    expect(reply.body.error.code).toBe("badvalue");
    expect(reply.body.error.info).toContain('Parameter "apdir" accepts only a single value.');
    // ApiResult cleans every output string: the separators come back as U+FFFD.
    const raw = await api({ action: "query", list: "allpages", apdir: "\x1fascending\x1fdescending", formatversion: "2", errorformat: "raw" });
    expect(raw.body.errors[0]).toMatchObject({ key: "paramvalidator-notmulti", params: [{ plaintext: "apdir" }, { plaintext: "\ufffdascending\ufffddescending" }] });
  });

  it("answers a non-integer with badinteger", async () => {
    const reply = await api({ action: "query", list: "allpages", aplimit: "ten", formatversion: "2", errorformat: "raw" });
    expect(reply.body.errors[0]).toMatchObject({ code: "badinteger", key: "paramvalidator-badinteger", params: [{ plaintext: "aplimit" }, { plaintext: "ten" }] });
  });
});

describe("ParamValidator warnings", () => {
  it("clamps limit=0 to 1 with an outofrange warning", async () => {
    const reply = await api({ action: "query", list: "allpages", aplimit: "0", formatversion: "2", errorformat: "raw" });
    expect(reply.body.query.allpages).toHaveLength(1);
    expect(reply.body.warnings).toEqual([
      {
        code: "outofrange",
        key: "paramvalidator-outofrange-minmax",
        params: [{ plaintext: "aplimit" }, { plaintext: "0" }, { num: 1 }, { num: 500 }],
        data: { min: 1, curmax: 500, max: 500, highmax: 5000 },
        module: "query+allpages",
      },
    ]);
    const bc = await api({ action: "query", list: "allpages", aplimit: "0", formatversion: "2" });
    expect(bc.body.warnings.allpages.warnings).toBe('The value "0" for parameter "aplimit" must be between 1 and 500.');
  });

  it("drops unknown rvprop values with an unrecognizedvalues warning and its data", async () => {
    const reply = await api({ action: "query", prop: "revisions", titles: "Param page A", rvprop: "ids|bogus", formatversion: "2", errorformat: "plaintext" });
    expect(reply.body.query.pages[0].revisions[0]).toEqual({ revid: expect.any(Number), parentid: 0 });
    expect(reply.body.warnings).toEqual([
      { code: "unrecognizedvalues", text: 'Unrecognized value for parameter "rvprop": bogus', data: { values: ["bogus"] }, module: "query+revisions" },
    ]);
  });

  it("names unknown parameters with the raw key apierror-unrecognizedparams, keyed by their place in the request", async () => {
    // The client sends format, action, meta, bogus, other…: PHP's array_diff keeps the indices 3 and 4.
    const reply = await api({ action: "query", meta: "siteinfo", bogus: "1", other: "2", formatversion: "2", errorformat: "raw" });
    expect(reply.body.warnings).toEqual([
      { code: "unrecognizedparams", key: "apierror-unrecognizedparams", params: [{ list: { 3: "bogus", 4: "other" }, type: "comma" }, 2], module: "main" },
    ]);
  });
});

describe("conflicting parameters and continuation", () => {
  it("refuses rvlimit over several pages with invalidparammix", async () => {
    const reply = await api({ action: "query", prop: "revisions", titles: "Param page A|Param page B", rvlimit: "2", formatversion: "2", errorformat: "raw" });
    expect(reply.headers.get("mediawiki-api-error")).toBe("invalidparammix");
    expect(reply.body.errors[0]).toMatchObject({ key: "apierror-revisions-singlepage", params: ["rv"], module: "query+revisions" });
  });

  it("reads the latest revision of several pages when only rvdir=older is given", async () => {
    const reply = await api({ action: "query", prop: "revisions", titles: "Param page A|Param page B", rvdir: "older", formatversion: "2" });
    expect(reply.body.query.pages).toHaveLength(2);
  });

  it("refuses action=parse with both page and text", async () => {
    const reply = await api({ action: "parse", page: "Param page A", text: "x", formatversion: "2" });
    expect(reply.body.error).toMatchObject({ code: "invalidparammix", info: 'The parameters "text" and "page" can not be used together.' });
  });

  it("refuses titles with pageids as multisource", async () => {
    const reply = await api({ action: "query", titles: "Param page A", pageids: "1", formatversion: "2" });
    expect(reply.body.error).toMatchObject({ code: "multisource", info: 'The "pageids" parameter cannot be used with "titles".' });
  });

  it("answers a malformed rvcontinue or continue with badcontinue", async () => {
    const rv = await api({ action: "query", prop: "revisions", titles: "Param page A", rvlimit: "1", rvcontinue: "bogus", formatversion: "2" });
    expect(rv.body.error).toMatchObject({ code: "badcontinue", info: "Invalid continue param. You should pass the original value returned by the previous query." });
    const main = await api({ action: "query", list: "allpages", continue: "bogus", formatversion: "2", errorformat: "plaintext" });
    expect(main.body.errors[0]).toMatchObject({ code: "badcontinue", module: "main" });
  });
});

describe("action=edit md5", () => {
  async function edit(fields: Record<string, string>) {
    const bearer = await sb.token("Ana Admin");
    const token = (await api({ action: "query", meta: "tokens", formatversion: "2" }, { bearer })).body.query.tokens.csrftoken as string;
    return api({ action: "edit", title: "Param page A", token, formatversion: "2", ...fields }, { method: "POST", bearer });
  }

  it("refuses a wrong md5 with badmd5 and saves nothing", async () => {
    const reply = await edit({ text: "Changed.", md5: "0".repeat(32) });
    expect(reply.body.error).toMatchObject({ code: "badmd5", info: "The supplied MD5 hash was incorrect." });
    const page = await api({ action: "query", prop: "revisions", titles: "Param page A", rvprop: "content", rvslots: "main", formatversion: "2" });
    expect(page.body.query.pages[0].revisions[0].slots.main.content).toBe("Text A.");
  });

  it("saves when md5 is that of text, or of prependtext and appendtext together", async () => {
    const md5 = (value: string) => createHash("md5").update(value, "utf8").digest("hex");
    expect((await edit({ text: "Änderung.", md5: md5("Änderung.") })).body.edit.result).toBe("Success");
    expect((await edit({ prependtext: "Top. ", appendtext: " End.", md5: md5("Top.  End.") })).body.edit.result).toBe("Success");
  });
});

describe("api.php headers and JSONP", () => {
  it("sends MediaWiki's caching and safety headers on results and errors", async () => {
    const requests: Record<string, string>[] = [{ action: "query", meta: "siteinfo" }, { action: "query", list: "allpages", apfilterredir: "bogus" }];
    for (const params of requests) {
      const reply = await api(params);
      expect(reply.headers.get("cache-control")).toBe("private, must-revalidate, max-age=0");
      expect(reply.headers.get("x-content-type-options")).toBe("nosniff");
      expect(reply.headers.get("x-frame-options")).toBe("DENY");
      expect(reply.headers.get("content-disposition")).toBe("inline; filename=api-result.json");
    }
    const cached = await api({ action: "query", meta: "userinfo", maxage: "60" });
    expect(cached.headers.get("cache-control")).toBe("private, must-revalidate, max-age=60");
  });

  it("varies and caches publicly only what any reader may see", async () => {
    const wikimediaVary = "Accept-Encoding, Treat-as-Untrusted, X-Forwarded-Proto, Cookie, Authorization";
    const site = await api({ action: "query", meta: "siteinfo" });
    expect(site.headers.get("vary")).toBe(wikimediaVary);
    expect(site.headers.get("cache-control")).toBe("private, must-revalidate, max-age=0");
    const cached = await api({ action: "query", meta: "siteinfo", maxage: "60", smaxage: "30" });
    expect(cached.headers.get("cache-control")).toBe("s-maxage=30, max-age=60, public");
    expect(cached.headers.get("expires")).toEqual(expect.any(String));
    const personalReads: Record<string, string>[] = [
      { action: "query", meta: "siteinfo|tokens", maxage: "60" },
      { action: "query", meta: "userinfo", maxage: "60", smaxage: "60" },
    ];
    for (const personal of personalReads) {
      const reply = await api(personal);
      expect(reply.headers.get("vary")).toBeNull();
      expect(reply.headers.get("cache-control")).toBe("private, must-revalidate, max-age=60");
    }
    const error = await api({ action: "query", list: "allpages", apfilterredir: "bogus", maxage: "60", smaxage: "60" });
    expect(error.headers.get("vary")).toBeNull();
    expect(error.headers.get("cache-control")).not.toContain("public");
  });

  it("answers JSONP as text/javascript, anonymously even with a token, and withholds tokens", async () => {
    const bearer = await sb.token("Ana Admin");
    const response = await fetch(`${sb.wiki()}/api.php?action=query&meta=userinfo|tokens&format=json&formatversion=2&callback=cb%3Cscript%3E.x&_=1`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("mediawiki-login-suppressed")).toBe("true");
    const text = await response.text();
    expect(text.startsWith("/**/cbscript.x(")).toBe(true);
    const body = JSON.parse(text.slice("/**/cbscript.x(".length, -1));
    expect(body.query.userinfo).toMatchObject({ id: 0, anon: true });
    expect(body.query.tokens).toBeUndefined();
    expect(body.warnings.tokens.warnings).toBe("Tokens may not be obtained when the same-origin policy is not applied.");
    expect(body.warnings.main).toBeUndefined();
  });
});
