import { describe, expect, it } from "vitest";
import { CACHE_BUDGET } from "@/lib/cache-budget";
import { createHtmlCache } from "./html-cache";

describe("createHtmlCache", () => {
  it("computes each (wiki, revision) once", () => {
    const cache = createHtmlCache();
    let computed = 0;
    const compute = () => `<p>${++computed}</p>`;
    expect(cache.get("en.wikipedia.org", 42, compute)).toBe("<p>1</p>");
    expect(cache.get("en.wikipedia.org", 42, compute)).toBe("<p>1</p>");
    expect(cache.get("de.wikipedia.org", 42, compute)).toBe("<p>2</p>");
    expect(cache.get("en.wikipedia.org", 43, compute)).toBe("<p>3</p>");
    expect(computed).toBe(3);
  });

  it("stays within its size bound, dropping the least recently used", () => {
    // Each entry: 30 bytes of HTML and an 18- or 19-byte key.
    const cache = createHtmlCache({ maxSize: 150 });
    for (let revision = 1; revision <= 10; revision++) cache.get("en.wikipedia.org", revision, () => "x".repeat(30));
    expect(cache.size).toBe(3);
    let recomputed = false;
    cache.get("en.wikipedia.org", 1, () => {
      recomputed = true;
      return "x";
    });
    expect(recomputed).toBe(true);
  });

  it("counts a page in a non-Latin script at two bytes a character, as V8 holds it", () => {
    const cache = createHtmlCache({ maxSize: 1000 });
    const hebrew = "<p>ירושלים</p>".padEnd(300, "ש");
    for (let revision = 1; revision <= 5; revision++) cache.get("he.wikipedia.org", revision, () => hebrew);
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    expect(cache.size).toBe(1);
  });

  it("keeps its default budget in bytes however many pages are read", () => {
    const cache = createHtmlCache();
    const page = "<p>Solar System</p>".padEnd(400_000, "x");
    for (let revision = 1; revision <= 200; revision++) cache.get("en.wikipedia.org", revision, () => `${page}${revision}`);
    expect(cache.bytes).toBeLessThanOrEqual(CACHE_BUDGET.articleHtml);
    expect(cache.bytes).toBeGreaterThan(CACHE_BUDGET.articleHtml / 2);
  });
});
