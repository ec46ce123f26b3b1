import { describe, expect, it } from "vitest";
import { parsePageAddress } from "./address";
import { parsePageTitle, titlePath, titleSegment } from "./titles";

describe("parsePageAddress", () => {
  it("turns a route's decoded site and title into a Site and both forms of the title", () => {
    expect(parsePageAddress("en.wikipedia.org", ["Solar_System"])).toEqual({
      ok: true,
      address: { site: { host: "en.wikipedia.org", lang: "en", dir: "ltr" }, title: { text: "Solar System", dbKey: "Solar_System" } },
    });
    const hebrew = parsePageAddress("he.wikipedia.org", "מערכת השמש");
    expect(hebrew.ok && hebrew.address).toEqual({ site: { host: "he.wikipedia.org", lang: "he", dir: "rtl" }, title: { text: "מערכת השמש", dbKey: "מערכת_השמש" } });
  });

  it("joins a catch-all's segments with `/`, as subpages are written", () => {
    const parsed = parsePageAddress("en.wikipedia.org", ["Wikipedia:Sandbox", "Sub page"]);
    expect(parsed.ok && parsed.address.title).toEqual({ text: "Wikipedia:Sandbox/Sub page", dbKey: "Wikipedia:Sandbox/Sub_page" });
  });

  it("decodes nothing again: the params arrive decoded, so `%` is a character of the title", () => {
    // `/embed/en.wikipedia.org/100%25` reaches the route as "100%"; a second decoding threw on it.
    expect(parsePageAddress("en.wikipedia.org", ["100%"])).toMatchObject({ ok: true, address: { title: { text: "100%", dbKey: "100%" } } });
    expect(parsePageAddress("en.wikipedia.org", ["A%2FB"])).toMatchObject({ ok: true, address: { title: { text: "A%2FB" } } });
  });

  it("refuses a site that is not a Wikimedia wiki, and a title that is empty or too long", () => {
    expect(parsePageAddress("evil.example", ["Earth"])).toMatchObject({ ok: false, error: { code: "invalid_site", message: expect.stringMatching(/not a Wikimedia wiki/) } });
    expect(parsePageAddress("%zz", ["Earth"])).toMatchObject({ ok: false, error: { code: "invalid_site" } });
    for (const title of [[], [""], ["_ _"], ["x".repeat(513)]]) {
      expect(parsePageAddress("en.wikipedia.org", title)).toMatchObject({ ok: false, error: { code: "invalid_title", message: expect.any(String) } });
    }
  });
});

describe("parsePageTitle", () => {
  it("treats spaces and underscores alike, collapses runs of them and trims the ends", () => {
    expect(parsePageTitle("  Solar__System _")).toEqual({ ok: true, title: { text: "Solar System", dbKey: "Solar_System" } });
  });
});

describe("titlePath and titleSegment", () => {
  it("write spaces as underscores, keep `:` readable and encode the rest once", () => {
    expect(titlePath("Wikipedia:Sandbox/Sub page")).toBe("Wikipedia:Sandbox/Sub_page");
    expect(titleSegment("Wikipedia:Sandbox/Sub page")).toBe("Wikipedia:Sandbox%2FSub_page");
    expect(titlePath("100%")).toBe("100%25");
    expect(titlePath("AC/DC & Co?")).toBe("AC/DC_%26_Co%3F");
    expect(titleSegment("Ça va #1")).toBe("%C3%87a_va_%231");
  });

  it("round-trip through a catch-all route's decoding and the parser", () => {
    for (const title of ["100%", "Wikipedia:Sandbox/Sub page", "Ça va? #1", "a+b=c"]) {
      const segments = titlePath(title).split("/").map(decodeURIComponent);
      const parsed = parsePageTitle(segments);
      expect(parsed.ok && parsed.title.text, title).toBe(title);
      expect(decodeURIComponent(titleSegment(title)).replaceAll("_", " "), title).toBe(title);
    }
  });
});
