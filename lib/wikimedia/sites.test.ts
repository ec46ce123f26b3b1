import { describe, expect, it } from "vitest";
import { META, mayCarryToken, pageUrl, parseSite, siteUrls } from "./sites";

const PRODUCTION = "https://{host}/w";
const SANDBOX = "http://127.0.0.1:8787/{host}/w";

describe("parseSite", () => {
  it.each([
    ["en.wikipedia.org", "en", "ltr"],
    ["he.wikipedia.org", "he", "rtl"],
    ["  DE.Wikipedia.org ", "de", "ltr"],
    ["fr.wiktionary.org", "fr", "ltr"],
    ["meta.wikimedia.org", "en", "ltr"],
    ["www.wikidata.org", "en", "ltr"],
  ])("accepts %s", (input, lang, dir) => {
    const parsed = parseSite(input);
    expect(parsed.ok && parsed.site).toEqual({ host: input.trim().toLowerCase(), lang, dir });
  });

  it.each([
    "https://en.wikipedia.org",
    "en.wikipedia.org:8443",
    "user@en.wikipedia.org",
    "en.wikipedia.org/wiki/Earth",
    "en.wikipedia.org.",
    "127.0.0.1",
    "169.254.169.254",
    "[::1]",
    "::ffff:127.0.0.1",
    "localhost",
    "en.wikipedia.org.evil.example",
    "evil.example",
    "wikipedia.org",
    "",
  ])("refuses %j before any connection", (input) => {
    const parsed = parseSite(input);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.code).toBe("invalid_site");
  });
});

describe("siteUrls and mayCarryToken", () => {
  const en = { host: "en.wikipedia.org", lang: "en", dir: "ltr" as const };

  it("builds production and sandbox URLs from one template", () => {
    expect(siteUrls(en, PRODUCTION)).toEqual({
      base: "https://en.wikipedia.org/w",
      api: "https://en.wikipedia.org/w/api.php",
      rest: "https://en.wikipedia.org/w/rest.php",
    });
    expect(siteUrls(en, SANDBOX).api).toBe("http://127.0.0.1:8787/en.wikipedia.org/w/api.php");
  });

  it("lets a token go only to an allow-listed wiki's script path", () => {
    expect(mayCarryToken(new URL("https://en.wikipedia.org/w/api.php"), PRODUCTION)).toBe(true);
    expect(mayCarryToken(new URL("https://meta.wikimedia.org/w/rest.php/oauth2/resource/profile"), PRODUCTION)).toBe(true);
    expect(mayCarryToken(new URL("http://127.0.0.1:8787/de.wikipedia.org/w/rest.php/v1/page/Erde"), SANDBOX)).toBe(true);

    expect(mayCarryToken(new URL("http://en.wikipedia.org/w/api.php"), PRODUCTION)).toBe(false);
    expect(mayCarryToken(new URL("https://en.wikipedia.org/wiki/Earth"), PRODUCTION)).toBe(false);
    expect(mayCarryToken(new URL("https://evil.example/w/api.php"), PRODUCTION)).toBe(false);
    expect(mayCarryToken(new URL("https://en.wikipedia.org.evil.example/w/api.php"), PRODUCTION)).toBe(false);
    expect(mayCarryToken(new URL("http://127.0.0.1:8787/evil.example/w/api.php"), SANDBOX)).toBe(false);
    expect(mayCarryToken(new URL("http://127.0.0.1:9999/en.wikipedia.org/w/api.php"), SANDBOX)).toBe(false);
    expect(mayCarryToken(new URL("https://en.wikipedia.org/w/api.php"), SANDBOX)).toBe(false);
    expect(mayCarryToken(new URL("https://user@en.wikipedia.org/w/api.php"), PRODUCTION)).toBe(false);
    expect(mayCarryToken(new URL("http://a:b@127.0.0.1:8787/en.wikipedia.org/w/api.php"), SANDBOX)).toBe(false);
  });

  it("links to a page on the wiki itself", () => {
    expect(pageUrl(META, PRODUCTION, "Special:OAuthManageMyGrants")).toBe("https://meta.wikimedia.org/wiki/Special:OAuthManageMyGrants");
    expect(pageUrl(en, SANDBOX, "Solar System/Moons")).toBe("http://127.0.0.1:8787/en.wikipedia.org/wiki/Solar_System/Moons");
    expect(pageUrl(en, PRODUCTION, "C++ (language)")).toBe("https://en.wikipedia.org/wiki/C%2B%2B_(language)");
  });
});
