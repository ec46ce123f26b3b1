import { describe, expect, it } from "vitest";
import { useSandbox } from "../testing";
import { callApi, createPages } from "./api-client";

const sb = useSandbox();
const api = (params: Record<string, string>, host?: string) => callApi(sb.wiki(host), { formatversion: "2", ...params });

const CARD = { action: "query", prop: "extracts|pageimages|description|info|revisions", exintro: "1", explaintext: "1", piprop: "thumbnail", pithumbsize: "320", redirects: "1" };

describe("prop=extracts|pageimages|description (TextExtracts, PageImages, ShortDescription)", () => {
  it("gives a card's data in one request: lead text, thumbnail, short description, latest revision", async () => {
    const reply = await api({ ...CARD, titles: "Earth" });
    expect(reply.status).toBe(200);
    expect(reply.body.warnings).toBeUndefined();
    const page = reply.body.query.pages[0];
    expect(page).toMatchObject({ title: "Earth", description: "Third planet from the Sun", descriptionsource: "local", lastrevid: expect.any(Number) });
    expect(page.revisions[0].revid).toBe(page.lastrevid);
    // Plain text of the lead only: no markup, no template, no later section.
    expect(page.extract).toMatch(/^Earth is the third planet/);
    expect(page.extract).not.toMatch(/[[\]{}<>]|'''/);
    expect(page.thumbnail.source).toBe(`${sb.url}/upload.wikimedia.org/wikipedia/commons/thumb/${page.thumbnail.source.split("/thumb/")[1]}`);
    expect(page.thumbnail).toMatchObject({ width: 320, height: 320 });
    expect(page.pageimage).toBeUndefined();
  });

  it("follows redirects and reports missing pages without props", async () => {
    const reply = await api({ ...CARD, titles: "Planet Earth|No such card page" });
    expect(reply.body.query.redirects).toEqual([{ from: "Planet Earth", to: "Earth" }]);
    const [earth, missing] = reply.body.query.pages;
    expect(earth).toMatchObject({ title: "Earth", extract: expect.any(String) });
    expect(missing).toEqual(expect.objectContaining({ title: "No such card page", missing: true }));
    expect(missing).not.toHaveProperty("extract");
  });

  it("returns limited HTML without explaintext, and honours exsentences", async () => {
    const html = await api({ action: "query", prop: "extracts", exintro: "1", titles: "Earth" });
    expect(html.body.query.pages[0].extract).toMatch(/^<p>Earth is/);
    const one = await api({ action: "query", prop: "extracts", exintro: "1", explaintext: "1", exsentences: "1", titles: "Earth" });
    expect(one.body.query.pages[0].extract).toMatch(/^Earth is[^.]*\.$/);
  });

  it("gives name, original and a box-fitted thumbnail; never upscales a bitmap", async () => {
    const reply = await api({ action: "query", prop: "pageimages", piprop: "thumbnail|name|original", pithumbsize: "5000", titles: "Moon" });
    const page = reply.body.query.pages[0];
    expect(page.pageimage).toBe("FullMoon2010.png");
    expect(page.original).toEqual({ source: expect.stringMatching(/\/upload\.wikimedia\.org\/wikipedia\/commons\/.+\/FullMoon2010\.png$/), width: 1000, height: 1000 });
    expect(page.thumbnail).toMatchObject({ width: 1000, height: 1000, source: page.original.source });
    const small = await api({ action: "query", prop: "pageimages", titles: "Moon" });
    expect(small.body.query.pages[0]).toMatchObject({ pageimage: "FullMoon2010.png", thumbnail: { width: 50, height: 50 } });
  });

  it("falls back to the central (Wikidata) description and serves other wikis' content", async () => {
    const ana = await sb.token("Ana Admin");
    await createPages(sb.wiki(), ana, { "Card plain page": "Just a sentence. Another one.\n\n== Later ==\nNot in the intro." });
    const plain = await api({ ...CARD, titles: "Card plain page" });
    expect(plain.body.query.pages[0]).toMatchObject({ extract: "Just a sentence. Another one." });
    expect(plain.body.query.pages[0]).not.toHaveProperty("description");
    expect(plain.body.query.pages[0]).not.toHaveProperty("thumbnail");
    const de = await api({ ...CARD, titles: "Erde" }, "de.wikipedia.org");
    expect(de.body.query.pages[0]).toMatchObject({ description: "Dritter Planet des Sonnensystems", descriptionsource: "local" });
  });

  it("makes the hostile fixture's extract from its overridden HTML: text that a client must still escape", async () => {
    const reply = await api({ ...CARD, titles: "Sandbox/Hostile markup" });
    const extract: string = reply.body.query.pages[0].extract;
    expect(extract).toContain("test fixture for HTML sanitizers");
    expect(extract).not.toContain("window.__hostile");
    expect(extract).toContain("javascript: link");
    expect(extract).not.toMatch(/<script|alert\('script tag'\)/);
  });

  it("allows one whole-article extract per request, as TextExtracts does", async () => {
    const reply = await api({ action: "query", prop: "extracts", explaintext: "1", exlimit: "5", titles: "Earth|Moon" });
    expect(reply.body.warnings.extracts.warnings).toContain("lowered to 1");
    expect(reply.body.query.pages.filter((page: { extract?: string }) => page.extract !== undefined)).toHaveLength(1);
  });
});
