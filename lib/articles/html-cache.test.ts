import { describe, expect, it } from "vitest";
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
    const cache = createHtmlCache({ maxSize: 100 });
    for (let revision = 1; revision <= 10; revision++) cache.get("en.wikipedia.org", revision, () => "x".repeat(30));
    expect(cache.size).toBe(3);
    let recomputed = false;
    cache.get("en.wikipedia.org", 1, () => {
      recomputed = true;
      return "x";
    });
    expect(recomputed).toBe(true);
  });
});
