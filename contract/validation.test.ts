/**
 * api.php parameter validation (ParamValidator, ApiBase::requireMaxOneParameter, dieContinueUsageIf,
 * ApiEditPage's md5), in errorformat bc, plaintext and raw, and api.php's response headers and JSONP,
 * compared between MediaWiki 1.39 and the sandbox. Beyond the shape, the texts, raw message keys and
 * parameters of errors and warnings must be the same: clients show the texts and branch on the keys.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectSameContract, knownDifferenceUsage, valuesAt } from "./compare";
import { KNOWN_HEADER_DIFFERENCES } from "./known-differences";
import type { Exchange, Params } from "./http-client";
import { botLogin, token, type Session } from "./session";
import { api, pair, useTargets, type Target, type Pair } from "./targets";

const targets = useTargets();
const sessions = new Map<Target["name"], Session>();

/** Two pages that exist on both wikis, so revision enumeration over "several pages" is really several. */
const PAGE_A = "Contract validation A";
const PAGE_B = "Contract validation B";

beforeAll(async () => {
  for (const target of [targets.mediawiki, targets.sandbox]) {
    const session = await botLogin(target);
    sessions.set(target.name, session);
    for (const title of [PAGE_A, PAGE_B]) {
      const answer = await api(target, {
        method: "POST",
        query: { action: "edit", formatversion: 2 },
        body: { title, text: `Text of ${title}.`, summary: "setup", token: await token(target, session.jar) },
        jar: session.jar,
      });
      expect((answer.json as { edit?: { result?: unknown } }).edit?.result, answer.text.slice(0, 300)).toBe("Success");
    }
  }
});

afterAll(() => {
  console.info(knownDifferenceUsage());
});

function session(target: Target): Session {
  const found = sessions.get(target.name);
  if (!found) throw new Error(`no session on ${target.name}`);
  return found;
}

/** Values that must be equal on both wikis (texts, keys, parameters), beyond the comparer's own. */
function expectSameValues(answers: Pair, paths: string[]): void {
  for (const path of paths) {
    const mediawiki = valuesAt(answers.mediawiki.json, path);
    expect(mediawiki.length, `${answers.mediawiki.request}: MediaWiki has nothing at ${path}: ${answers.mediawiki.text.slice(0, 400)}`).toBeGreaterThan(0);
    expect(valuesAt(answers.sandbox.json, path), `${answers.sandbox.request} at ${path}`).toEqual(mediawiki);
  }
}

/** The whole `params` of each raw error or warning, which valuesAt (scalars only) cannot compare. */
function expectSameRawParams(answers: Pair, list: "errors" | "warnings"): void {
  const params = (exchange: Exchange) =>
    ((exchange.json as Record<string, Array<{ params?: unknown }> | undefined>)[list] ?? []).map((entry) => entry.params);
  const mediawiki = params(answers.mediawiki);
  expect(mediawiki.length, `${answers.mediawiki.request}: no ${list}`).toBeGreaterThan(0);
  expect(params(answers.sandbox), `${answers.sandbox.request}: raw params`).toEqual(mediawiki);
}

const FORMATS = ["bc", "plaintext", "raw"] as const;

/**
 * The same request in errorformat bc (formatversion 1 and 2), plaintext and raw, each compared, with
 * texts and raw keys equal.
 */
async function inEveryFormat(query: Params, check: { errors?: boolean; warnings?: boolean }, rawParams = true): Promise<void> {
  const v1 = await pair(targets, (t) => api(t, { query: { ...query, errorformat: "bc" } }));
  expectSameContract(v1);
  if (check.errors) expectSameValues(v1, ["error.code", "error.info"]);
  for (const errorformat of FORMATS) {
    const answers = await pair(targets, (t) => api(t, { query: { ...query, formatversion: 2, errorformat } }));
    expectSameContract(answers);
    if (errorformat === "bc") {
      if (check.errors) expectSameValues(answers, ["error.code", "error.info"]);
      if (check.warnings) expectSameValues(answers, ["warnings.main.warnings"].filter((path) => valuesAt(answers.mediawiki.json, path).length > 0));
    } else if (errorformat === "plaintext") {
      if (check.errors) expectSameValues(answers, ["errors[].code", "errors[].text", "errors[].module"]);
      if (check.warnings) expectSameValues(answers, ["warnings[].code", "warnings[].text", "warnings[].module"]);
    } else {
      if (check.errors) expectSameValues(answers, ["errors[].key"]);
      if (check.warnings) expectSameValues(answers, ["warnings[].key"]);
      if (rawParams && check.errors) expectSameRawParams(answers, "errors");
      if (rawParams && check.warnings) expectSameRawParams(answers, "warnings");
    }
  }
}

describe("ParamValidator errors", () => {
  it("an unknown namespace for a single-valued namespace parameter: badvalue", async () => {
    // The raw params list every valid namespace, which differ between a bare 1.39 and Wikimedia's set.
    await inEveryFormat({ action: "query", list: "allpages", apnamespace: 999 }, { errors: true }, false);
  });

  it("an unknown enum value: badvalue", async () => {
    await inEveryFormat({ action: "query", list: "allpages", apfilterredir: "bogus" }, { errors: true });
  });

  it("an unknown value of ApiMain's own enum (assert): badvalue", async () => {
    await inEveryFormat({ action: "query", meta: "siteinfo", assert: "nobody" }, { errors: true });
  });

  it("a non-integer for an integer parameter: badinteger", async () => {
    await inEveryFormat({ action: "query", list: "allpages", aplimit: "ten" }, { errors: true });
  });

  it("U+001F separation in a single-valued parameter: badvalue", async () => {
    await inEveryFormat({ action: "query", list: "allpages", apdir: "\x1fascending\x1fdescending" }, { errors: true });
  });

  it("a required parameter missing: missingparam", async () => {
    await inEveryFormat({ action: "query", list: "search" }, { errors: true });
  });

  it("more than 50 titles: toomanyvalues", async () => {
    const titles = Array.from({ length: 51 }, (_, i) => `Contract title ${i}`).join("|");
    await inEveryFormat({ action: "query", titles }, { errors: true });
  });
});

describe("ParamValidator warnings", () => {
  it("limit=0: outofrange, clamped to 1", async () => {
    await inEveryFormat({ action: "query", list: "allpages", aplimit: 0 }, { warnings: true });
  });

  it("a limit above the maximum: outofrange", async () => {
    await inEveryFormat({ action: "query", list: "allpages", aplimit: 501 }, { warnings: true });
  });

  it("unknown rvprop values: unrecognizedvalues", async () => {
    await inEveryFormat({ action: "query", prop: "revisions", titles: PAGE_A, rvprop: "ids|bogus|nonsense" }, { warnings: true });
  });

  it("an unknown prop module: unrecognizedvalues on query", async () => {
    await inEveryFormat({ action: "query", prop: "nosuchprop", titles: PAGE_A }, { warnings: true });
  });

  it("unknown parameters: unrecognizedparams", async () => {
    await inEveryFormat({ action: "query", list: "allpages", aplimit: 1, contractbogus: 1, otherbogus: 2 }, { warnings: true });
  });
});

describe("conflicting parameters and continuation", () => {
  it("rvlimit over two pages: invalidparammix (apierror-revisions-singlepage)", async () => {
    await inEveryFormat({ action: "query", prop: "revisions", titles: `${PAGE_A}|${PAGE_B}`, rvlimit: 2 }, { errors: true });
  });

  it("rvcontinue alone over two pages is not enumeration: no error", async () => {
    const answers = await pair(targets, (t) => api(t, { query: { action: "query", prop: "revisions", titles: `${PAGE_A}|${PAGE_B}`, rvdir: "older", formatversion: 2 } }));
    expectSameContract(answers);
    expect((answers.sandbox.json as { error?: unknown }).error).toBeUndefined();
  });

  it("action=parse with both page and text: invalidparammix", async () => {
    await inEveryFormat({ action: "parse", page: PAGE_A, text: "x" }, { errors: true });
  });

  it("action=parse with page and title: invalidparammix", async () => {
    await inEveryFormat({ action: "parse", page: PAGE_A, title: "Other" }, { errors: true });
  });

  it("titles and pageids together: multisource", async () => {
    await inEveryFormat({ action: "query", titles: PAGE_A, pageids: 1 }, { errors: true });
  });

  it("a malformed rvcontinue: badcontinue", async () => {
    await inEveryFormat({ action: "query", prop: "revisions", titles: PAGE_A, rvlimit: 1, rvcontinue: "bogus" }, { errors: true });
  });

  it("a malformed continue: badcontinue", async () => {
    await inEveryFormat({ action: "query", list: "allpages", continue: "bogus" }, { errors: true });
  });
});

describe("action=edit md5", () => {
  async function editWithMd5(target: Target, body: Params, errorformat: string): Promise<Exchange> {
    const jar = session(target).jar;
    return api(target, {
      method: "POST",
      query: { action: "edit", formatversion: 2, errorformat },
      body: { title: PAGE_A, summary: "md5", token: await token(target, jar), ...body },
      jar,
    });
  }

  it("a wrong md5 of text: badmd5, nothing saved", async () => {
    for (const errorformat of FORMATS) {
      const answers = await pair(targets, (t) => editWithMd5(t, { text: "New text.", md5: "0123456789abcdef0123456789abcdef" }, errorformat));
      expectSameContract(answers);
      expectSameValues(answers, errorformat === "bc" ? ["error.code", "error.info"] : ["errors[].code", "errors[].module"]);
    }
  });

  it("the right md5 of appendtext: saved", async () => {
    // ApiEditPage hashes prependtext . appendtext when either is given.
    const md5 = createHash("md5").update("\nAppended.").digest("hex");
    const answers = await pair(targets, (t) => editWithMd5(t, { appendtext: "\nAppended.", md5 }, "bc"));
    expectSameContract(answers);
  });
});

describe("api.php headers", () => {
  const HEADERS = ["cache-control", "x-content-type-options", "x-frame-options", "content-disposition", "vary"];

  function expectSameHeaders(answers: Pair, names = HEADERS): void {
    for (const name of names) {
      let sandbox = answers.sandbox.headers.get(name);
      for (const known of KNOWN_HEADER_DIFFERENCES.filter((k) => k.header === name)) {
        sandbox = sandbox?.split(/,\s*/).filter((part) => !known.extraInSandbox.includes(part)).join(", ") ?? null;
      }
      expect(sandbox, `${answers.sandbox.request}: header ${name}`).toBe(answers.mediawiki.headers.get(name));
    }
  }

  it("reads, private reads, an error, a POST and action=parse carry MediaWiki's headers", async () => {
    const requests: Array<(t: Target) => Promise<Exchange>> = [
      (t) => api(t, { query: { action: "query", meta: "siteinfo", formatversion: 2 } }),
      (t) => api(t, { query: { action: "query", list: "allpages", formatversion: 2 } }),
      (t) => api(t, { query: { action: "query", meta: "siteinfo", maxage: 60, smaxage: 30, formatversion: 2 } }),
      (t) => api(t, { query: { action: "query", meta: "tokens", formatversion: 2 } }),
      (t) => api(t, { query: { action: "query", meta: "userinfo", formatversion: 2 } }),
      (t) => api(t, { query: { action: "query", list: "allpages", apfilterredir: "bogus", formatversion: 2 } }),
      (t) => api(t, { method: "POST", query: { action: "edit", formatversion: 2 }, body: { title: PAGE_A, text: "x" } }),
    ];
    for (const request of requests) {
      const answers = await pair(targets, request);
      expectSameContract(answers);
      expectSameHeaders(answers);
    }
    // parse's body (its default `prop`s) is not this test's subject; only its headers are compared.
    const parse = await pair(targets, (t) => api(t, { query: { action: "parse", page: PAGE_A, formatversion: 2 } }));
    expectSameContract(parse, { body: "none" });
    expectSameHeaders(parse);
  });

  it("maxage on a read module sets the private max-age", async () => {
    const answers = await pair(targets, (t) => api(t, { query: { action: "query", meta: "userinfo", maxage: 60, formatversion: 2 } }));
    expectSameContract(answers);
    expectSameHeaders(answers);
  });
});

describe("JSONP", () => {
  function jsonpBody(exchange: Exchange): unknown {
    const match = /^\/\*\*\/([\w.[\]'"]*)\(([\s\S]*)\)$/.exec(exchange.text);
    if (!match) throw new Error(`${exchange.request}: not JSONP: ${exchange.text.slice(0, 200)}`);
    return JSON.parse(match[2]!);
  }

  it("answers text/javascript with the callback's name cleaned, as an anonymous user even with a session", async () => {
    const answers = await pair(targets, (t) =>
      api(t, { query: { action: "query", meta: "userinfo", callback: "cb<script>.x", _: 123, formatversion: 2 }, jar: session(t).jar }),
    );
    expect(answers.mediawiki.mediaType).toBe("text/javascript");
    expect(answers.sandbox.mediaType).toBe("text/javascript");
    expect(answers.sandbox.text.slice(0, 20)).toBe(answers.mediawiki.text.slice(0, 20));
    expect(answers.sandbox.headers.get("mediawiki-login-suppressed")).toBe(answers.mediawiki.headers.get("mediawiki-login-suppressed"));
    const both = { mediawiki: { ...answers.mediawiki, mediaType: "application/json", json: jsonpBody(answers.mediawiki) }, sandbox: { ...answers.sandbox, mediaType: "application/json", json: jsonpBody(answers.sandbox) } };
    expectSameContract(both);
    expect(valuesAt(both.sandbox.json, "query.userinfo.anon")).toEqual([true]);
  });

  it("gives no tokens, with MediaWiki's warning", async () => {
    const answers = await pair(targets, (t) =>
      api(t, { query: { action: "query", meta: "tokens", callback: "cb", formatversion: 2, errorformat: "plaintext" }, jar: session(t).jar }),
    );
    const both = { mediawiki: { ...answers.mediawiki, mediaType: "application/json", json: jsonpBody(answers.mediawiki) }, sandbox: { ...answers.sandbox, mediaType: "application/json", json: jsonpBody(answers.sandbox) } };
    expectSameContract(both);
    expectSameValues(both, ["warnings[].code", "warnings[].text", "warnings[].module"]);
  });

  it("refuses action=login", async () => {
    const answers = await pair(targets, async (t) => {
      const jar = session(t).jar;
      return api(t, { method: "POST", query: { action: "login", callback: "cb", formatversion: 2 }, body: { lgname: "x", lgpassword: "y", lgtoken: "+\\" }, jar });
    });
    const both = { mediawiki: { ...answers.mediawiki, mediaType: "application/json", json: jsonpBody(answers.mediawiki) }, sandbox: { ...answers.sandbox, mediaType: "application/json", json: jsonpBody(answers.sandbox) } };
    expectSameContract(both);
    expectSameValues(both, ["login.result", "login.reason"]);
  });
});
