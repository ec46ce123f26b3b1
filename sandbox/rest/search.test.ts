import { describe, expect, it } from "vitest";
import { useSandbox } from "../testing";

const sb = useSandbox();
const search = (query: string, host = "en.wikipedia.org") => fetch(`${sb.wiki(host)}/rest.php/v1/search/page?${query}`);

describe("GET /v1/search/page", () => {
  it("returns pages in the documented shape with highlighted excerpts", async () => {
    const response = await search("q=solar%20system&limit=5");
    expect(response.status).toBe(200);
    const { pages } = await response.json();
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.length).toBeLessThanOrEqual(5);
    for (const page of pages) {
      expect(Object.keys(page).sort()).toEqual(["description", "excerpt", "id", "key", "matched_title", "thumbnail", "title"]);
    }
    const [top] = pages;
    expect(top).toMatchObject({ key: "Solar_System", title: "Solar System", matched_title: null, description: "The Sun and objects orbiting it" });
    expect(top.excerpt).toMatch(/<span class="searchmatch">Solar<\/span> <span class="searchmatch">System<\/span>/);
    expect(top.thumbnail).toMatchObject({ mimetype: "image/png", width: 60, duration: null });
    expect(top.thumbnail.url).toMatch(new RegExp(`^${sb.url}/upload\\.wikimedia\\.org/wikipedia/commons/thumb/.+/60px-Planets2013\\.svg\\.png$`));
    expect((await fetch(top.thumbnail.url)).status).toBe(200);
  });

  it("resolves redirects to their target and names the redirect in matched_title", async () => {
    const { pages } = await (await search("q=planet%20earth")).json();
    const earth = pages.find((page: any) => page.title === "Earth");
    expect(earth).toMatchObject({ key: "Earth", matched_title: "Planet Earth" });
    expect(pages.some((page: any) => page.title === "Planet Earth")).toBe(false);
  });

  it("escapes text in excerpts and searches only content pages", async () => {
    const { pages } = await (await search("q=licensed")).json();
    expect(pages).toEqual([]);
    const hostile = await (await search("q=hostile")).json();
    expect(hostile.pages[0].title).toBe("Sandbox/Hostile markup");
    expect(hostile.pages[0].excerpt).not.toContain("<script");
  });

  it("searches each wiki's own content", async () => {
    const { pages } = await (await search(`q=${encodeURIComponent("השמש")}`, "he.wikipedia.org")).json();
    expect(pages[0].title).toBe("מערכת השמש");
    expect(pages[0].excerpt).toContain('<span class="searchmatch">השמש</span>');
  });

  it("defaults to 50 results and rejects limits outside 1..100", async () => {
    const { pages } = await (await search("q=the")).json();
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.length).toBeLessThanOrEqual(50);
    for (const limit of ["0", "101"]) {
      const response = await search(`q=earth&limit=${limit}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "parameter-validation-failed", name: "limit", failureCode: "outofrange", httpCode: 400 });
    }
    const bad = await search("q=earth&limit=ten");
    expect((await bad.json()).failureCode).toBe("badinteger");
  });

  it("requires q", async () => {
    const response = await search("limit=2");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: "parameter-validation-failed",
      name: "q",
      failureCode: "missingparam",
      messageTranslations: { en: 'The "q" parameter must be set.' },
    });
  });
});
