/** REST routes common clients use (issue 15 point 3): history counts, title search, language links. */
import { beforeEach, describe, expect, it } from "vitest";
import { callApi, createPages } from "../action/api-client";
import { useSandbox } from "../testing";

const sb = useSandbox();
const rest = (path: string) => fetch(`${sb.wiki()}/rest.php/v1${path}`, { redirect: "manual" });

beforeEach(async () => {
  const ana = await sb.token("Ana Admin");
  await createPages(sb.wiki(), ana, { "Rcr Page": "First text.\n\n[[de:Rcr Seite]] [[he:דף]] [[fr:page rcr]]" });
  await createPages(sb.wiki(), ana, { "Rcr Page": "Second text.\n\n[[de:Rcr Seite]] [[he:דף]] [[fr:page rcr]]" });
  const ada = await sb.token("Ada Editor");
  const token = (await callApi(sb.wiki(), { action: "query", meta: "tokens", formatversion: "2" }, { bearer: ada })).body.query.tokens.csrftoken;
  await callApi(sb.wiki(), { action: "edit", title: "Rcr Page", appendtext: "\nA minor addition.", minor: "1", token, formatversion: "2" }, { method: "POST", bearer: ada });
  await createPages(sb.wiki(), ana, { "Rcr Redirect": "#REDIRECT [[Rcr Page]]", "Rcr Other": "Other." });
});

describe("GET /v1/page/{title}/history/counts/{type}", () => {
  it("counts edits, editors and minor edits", async () => {
    const edits = await rest("/page/Rcr_Page/history/counts/edits");
    expect(edits.status).toBe(200);
    expect(edits.headers.get("cache-control")).toBe("max-age=60");
    expect(await edits.json()).toEqual({ count: 3, limit: false });
    expect(await (await rest("/page/Rcr_Page/history/counts/editors")).json()).toEqual({ count: 2, limit: false });
    expect(await (await rest("/page/Rcr_Page/history/counts/minor")).json()).toEqual({ count: 1, limit: false });
    expect(await (await rest("/page/Rcr_Page/history/counts/anonymous")).json()).toEqual({ count: 0, limit: false });
  });

  it("announces the old type names as deprecated", async () => {
    const response = await rest("/page/Rcr_Page/history/counts/anonedits");
    expect(response.status).toBe(200);
    expect(response.headers.get("deprecation")).toBe('version="v1"');
  });

  it("refuses an unknown type, from/to on other types, and an unknown page", async () => {
    const unknown = await rest("/page/Rcr_Page/history/counts/nonsense");
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: "parameter-validation-failed", name: "type", failureCode: "badvalue" });
    const mix = await rest("/page/Rcr_Page/history/counts/minor?from=1&to=2");
    expect(mix.status).toBe(400);
    expect(await mix.json()).toMatchObject({ errorKey: "rest-pagehistorycount-parameters-invalid" });
    expect((await rest("/page/Rcr_Nowhere/history/counts/edits")).status).toBe(404);
  });
});

describe("GET /v1/search/title", () => {
  it("finds titles by prefix, a redirect standing for its target", async () => {
    const response = await rest("/search/title?q=rcr&limit=10");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=1200");
    const { pages } = await response.json();
    expect(pages.map((page: { title: string }) => page.title)).toEqual(["Rcr Other", "Rcr Page"]);
    expect(pages[1]).toMatchObject({ key: "Rcr_Page", excerpt: "Rcr Page", matched_title: null });
    const viaRedirect = await (await rest("/search/title?q=Rcr%20Red")).json();
    expect(viaRedirect.pages).toEqual([expect.objectContaining({ title: "Rcr Page", matched_title: "Rcr Redirect", excerpt: "Rcr Redirect" })]);
  });

  it("needs q", async () => {
    const response = await rest("/search/title");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ name: "q", failureCode: "missingparam" });
  });
});

describe("GET /v1/page/{title}/links/language", () => {
  it("lists interlanguage links by language code with names, keys and titles", async () => {
    const response = await rest("/page/Rcr_Page/links/language");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      { code: "de", name: "Deutsch", key: "Rcr_Seite", title: "Rcr Seite" },
      { code: "fr", name: "français", key: "Page_rcr", title: "Page rcr" },
      { code: "he", name: "עברית", key: "דף", title: "דף" },
    ]);
    expect(await (await rest("/page/Rcr_Other/links/language")).json()).toEqual([]);
    expect((await rest("/page/Rcr_Nowhere/links/language")).status).toBe(404);
  });
});

describe("GET /v1/revision/{id}/bare of an unknown revision", () => {
  it("answers 404 with the message only, as MediaWiki does", async () => {
    const response = await rest("/revision/99999999/bare");
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body).toMatchObject({ errorKey: "rest-nonexistent-revision", httpCode: 404 });
    expect(body).not.toHaveProperty("revid");
  });
});
