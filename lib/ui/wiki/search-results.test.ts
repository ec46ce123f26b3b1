import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/translate";
import { siteOf } from "@/lib/wikimedia/testing";
import { SearchResults } from "./search-results";

const EN = siteOf("en.wikipedia.org");
const render = (language: string, query: string) => renderToStaticMarkup(createElement(SearchResults, { t: translatorFor(language), site: EN, query, results: [] }));

describe("no search results", () => {
  it("names the wiki and what was searched for, in the interface language, the words isolated", () => {
    expect(render("en", "Quux")).toBe(`<p class="text-cdx-subtle">No pages on en.wikipedia.org match “<bdi>Quux</bdi>”.</p>`);
    expect(render("de", "Quux")).toBe(`<p class="text-cdx-subtle">Keine Seiten auf en.wikipedia.org passen zu „<bdi>Quux</bdi>“.</p>`);
    expect(render("he", "Quux")).toContain("לא נמצאו באתר en.wikipedia.org דפים התואמים ל„<bdi>Quux</bdi>”.");
  });

  it("shows what was searched for as text", () => {
    expect(render("fr", "<img src=x>")).toContain("<bdi>&lt;img src=x&gt;</bdi>");
  });
});
