import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, parseCardOptions, storedCardOptions } from "./options";
import { embedSnippet } from "./snippet";
import { embedUrl, registeredEmbedUrl } from "./urls";

const parse = (query: string) => parseCardOptions(new URLSearchParams(query));

describe("card options", () => {
  it("defaults every option and accepts each allowed value", () => {
    expect(parse("")).toEqual({ ok: true, options: DEFAULT_OPTIONS });
    expect(parse("theme=dark&layout=compact&lang=he")).toEqual({ ok: true, options: { theme: "dark", layout: "compact", lang: "he" } });
    expect(parse("theme=light&lang=de")).toEqual({ ok: true, options: { theme: "light", layout: "full", lang: "de" } });
    // The card speaks every interface language; without `lang` it speaks its reader's (Accept-Language).
    expect(DEFAULT_OPTIONS.lang).toBe("auto");
    expect(parse("lang=ar")).toEqual({ ok: true, options: { theme: "auto", layout: "full", lang: "ar" } });
  });

  it("refuses unknown values, unknown parameters and repeated ones, saying which", () => {
    expect(parse("theme=blue")).toEqual({
      ok: false,
      error: { code: "bad_option", message: '"theme" must be one of light, dark, auto.', lang: "auto", option: { kind: "invalid", name: "theme", allowed: ["light", "dark", "auto"] } },
    });
    expect(parse("layout=huge&lang=de")).toMatchObject({ ok: false, error: { message: '"layout" must be one of compact, full.', lang: "de" } });
    expect(parse("lang=xx")).toMatchObject({ ok: false, error: { message: '"lang" must be one of auto, en, de, fr, es, he, ar.', lang: "auto" } });
    expect(parse("colour=red")).toMatchObject({ ok: false, error: { message: '"colour" is not an option.', option: { kind: "unknown", name: "colour" } } });
    expect(parse("theme=dark&theme=light")).toMatchObject({ ok: false, error: { message: '"theme" is given more than once.', option: { kind: "repeated", name: "theme" } } });
  });

  it("reads a stored widget's options leniently", () => {
    expect(storedCardOptions({ theme: "dark", layout: "compact", lang: "he" })).toEqual({ theme: "dark", layout: "compact", lang: "he" });
    expect(storedCardOptions({ theme: "neon", lang: "xx" })).toEqual(DEFAULT_OPTIONS);
    expect(storedCardOptions(null)).toEqual(DEFAULT_OPTIONS);
  });
});

describe("card URLs", () => {
  it("builds public card URLs with readable titles and only the options given", () => {
    expect(embedUrl("https://wikiport.example", "en.wikipedia.org", "Solar System")).toBe("https://wikiport.example/embed/en.wikipedia.org/Solar_System");
    expect(embedUrl("https://wikiport.example/", "en.wikipedia.org", "Sandbox/Hostile markup", { lang: "de", theme: "dark" })).toBe(
      "https://wikiport.example/embed/en.wikipedia.org/Sandbox/Hostile_markup?theme=dark&lang=de",
    );
    expect(embedUrl("http://localhost:3000", "he.wikipedia.org", "כדור הארץ", { layout: "compact" })).toBe(
      `http://localhost:3000/embed/he.wikipedia.org/${encodeURIComponent("כדור_הארץ")}?layout=compact`,
    );
    expect(embedUrl("http://localhost:3000", "en.wikipedia.org", "AC/DC: Live?#1")).toBe("http://localhost:3000/embed/en.wikipedia.org/AC/DC:_Live%3F%231");
  });

  it("builds registered widget URLs", () => {
    expect(registeredEmbedUrl("https://wikiport.example", "abc_DEF-123")).toBe("https://wikiport.example/embed/w/abc_DEF-123");
  });
});

describe("embed snippet", () => {
  const snippet = embedSnippet({ src: 'https://wikiport.example/embed/en.wikipedia.org/Earth?theme=dark&lang=de', title: 'Earth "card" <b>' });

  it("is a lazy, borderless, full-width, sandboxed iframe with an escaped title", () => {
    const frame = /<iframe [^>]*><\/iframe>/.exec(snippet)?.[0] ?? "";
    expect(frame).toContain('src="https://wikiport.example/embed/en.wikipedia.org/Earth?theme=dark&amp;lang=de"');
    expect(frame).toContain('title="Earth &quot;card&quot; &lt;b&gt;"');
    expect(frame).toContain('loading="lazy"');
    expect(frame).toContain('width="100%"');
    expect(frame).toContain("border:0");
    expect(frame).toContain('sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"');
    expect(frame).not.toMatch(/allow-top-navigation|allow-forms/);
  });

  it("resizes only on a height message from Wikiport's origin and from its own frame", () => {
    const script = /<script>([\s\S]*)<\/script>/.exec(snippet)?.[1] ?? "";
    expect(script).toContain('event.origin !== "https://wikiport.example"');
    expect(script).toContain("event.source !== frame.contentWindow");
    expect(script).toContain('data.type === "wikiport:height"');
    expect(script).not.toContain('"*"');
  });
});
