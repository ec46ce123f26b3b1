/**
 * The comparer's own rules, on made-up answers (no server): a contract suite whose differ let things
 * through would prove nothing.
 */
import { describe, expect, it } from "vitest";
import { compare } from "./compare";
import type { Exchange } from "./http-client";
import { diffShapes, shapeOf } from "./shape";

function answer(request: string, status: number, json: unknown, headers: Record<string, string> = {}): Exchange {
  return {
    request, status, mediaType: "application/json", json, text: JSON.stringify(json),
    headers: new Headers({ "content-type": "application/json", ...headers }),
  };
}

describe("diffShapes", () => {
  it("ignores values but not types", () => {
    expect(diffShapes(shapeOf({ a: 1, b: "x" }), shapeOf({ a: 2, b: "y" }))).toEqual([]);
    expect(diffShapes(shapeOf({ a: 1 }), shapeOf({ a: "1" }))).toEqual([{ kind: "type", path: "a", mediawiki: "number", sandbox: "string" }]);
  });

  it("reports missing and extra keys with their paths, inside arrays too", () => {
    const mw = { pages: [{ id: 1, title: "A" }, { id: 2, title: "B" }] };
    const sb = { pages: [{ id: 1, name: "A" }] };
    expect(diffShapes(shapeOf(mw), shapeOf(sb))).toEqual([
      { kind: "extra-in-sandbox", path: "pages[].name", mediawiki: "(absent)", sandbox: "string" },
      { kind: "missing-in-sandbox", path: "pages[].title", mediawiki: "string", sandbox: "(absent)" },
    ]);
  });

  it("merges array elements, so lengths don't matter but element shapes do", () => {
    expect(diffShapes(shapeOf([{ a: 1 }, { a: 2 }, { a: 3 }]), shapeOf([{ a: 9 }]))).toEqual([]);
    expect(diffShapes(shapeOf([1, "x"]), shapeOf([1]))).toEqual([
      { kind: "type", path: "[]", mediawiki: "number|string", sandbox: "number" },
    ]);
  });

  it("compares maps keyed by ids (fv1 pages) by their values, not their keys", () => {
    expect(diffShapes(shapeOf({ pages: { "1": { title: "A" } } }), shapeOf({ pages: { "6": { title: "B" }, "-1": { title: "C" } } }))).toEqual([]);
    expect(diffShapes(shapeOf({ pages: { "1": { title: "A" } } }), shapeOf({ pages: { "6": { name: "B" } } })).map((d) => d.path)).toEqual([
      "pages{}.name",
      "pages{}.title",
    ]);
  });

  it("does not pass an empty array against a full one silently", () => {
    expect(diffShapes(shapeOf({ list: [] }), shapeOf({ list: [{ a: 1 }] }))).toEqual([
      { kind: "unverifiable-empty-array", path: "list[]", mediawiki: "(empty array)", sandbox: "object" },
    ]);
  });
});

describe("compare", () => {
  it("fails an unlisted difference and explains a listed one", () => {
    const mw = answer("GET rest.php/v1/page/X", 404, { messageTranslations: { en: "x" }, httpCode: 404, httpReason: "Not Found" });
    const sb = answer("GET rest.php/v1/page/X", 404, {
      errorKey: "rest-nonexistent-title", messageTranslations: { en: "x" }, httpCode: 404, httpReason: "Not Found", extra: 1,
    });
    const result = compare({ mediawiki: mw, sandbox: sb });
    expect(result.explained.map((e) => e.by)).toEqual(["rest-error-key"]);
    expect(result.unexplained).toEqual([{ kind: "extra-in-sandbox", path: "extra", mediawiki: "(absent)", sandbox: "number" }]);
  });

  it("compares error codes by value, and the MediaWiki-API-Error header", () => {
    const mw = answer("POST api.php?action=edit", 200, { error: { code: "badtoken", info: "x" } }, { "mediawiki-api-error": "badtoken" });
    const sb = answer("POST api.php?action=edit", 200, { error: { code: "notoken", info: "y" } });
    const kinds = compare({ mediawiki: mw, sandbox: sb }).unexplained.map((f) => `${f.kind} ${f.path}`);
    expect(kinds).toEqual(["header:mediawiki-api-error ", "value error.code"]);
  });

  it("tolerates null against a value only at documented nullable fields", () => {
    const request = "GET rest.php/v1/page/X/history";
    const mw = answer(request, 200, { revisions: [{ delta: null, size: 1 }] });
    const sb = answer(request, 200, { revisions: [{ delta: 5, size: null }] });
    expect(compare({ mediawiki: mw, sandbox: sb }).unexplained.map((f) => f.path)).toEqual(["revisions[].size"]);
  });

  it("a known status difference is explained, an unknown one is not", () => {
    const known = compare({ mediawiki: answer("GET rest.php/v1/page/main_Page/bare", 200, {}), sandbox: answer("GET rest.php/v1/page/main_Page/bare", 301, {}) });
    expect(known.unexplained).toEqual([]);
    const unknown = compare({ mediawiki: answer("GET rest.php/v1/page/Other/bare", 200, {}), sandbox: answer("GET rest.php/v1/page/Other/bare", 301, {}) });
    expect(unknown.unexplained.map((f) => f.kind)).toEqual(["status"]);
  });
});
