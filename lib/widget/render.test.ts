/**
 * A translation is text: whatever a translator writes, the card shows it as text. The translators here
 * are built in the test (one from its own messages through banana-i18n, as the shipped ones are);
 * production code has no way to load such a catalog.
 */
import Banana from "banana-i18n";
import { describe, expect, it } from "vitest";
import type { MessageKey } from "@/lib/i18n/catalog";
import { translatorFor, type MessageParam, type Translator } from "@/lib/i18n/translate";
import { siteOf } from "@/lib/wikimedia/testing";
import { DEFAULT_OPTIONS } from "./options";
import { messageHtml, renderCard, renderMessage } from "./render";
import type { CardSummary } from "./summary";

const HOSTILE = "<img src=x onerror=alert(1)>";
/** The same with quoted attributes: banana-i18n passes such a tag through as it is. */
const HOSTILE_QUOTED = '<img src="x" onerror="alert(1)">';

/** Cut as the real translator does: private-use marks where the parameters go. */
function partsOf(msg: Translator["msg"]): Translator["parts"] {
  return (key, parameterCount, ...params) => {
    const marked = Array.from({ length: parameterCount }, (_, index) => `\uE000${index}\uE001`);
    return msg(key, ...marked, ...params.slice(parameterCount))
      .split(/(\uE000\d+\uE001)/)
      .filter((piece) => piece !== "")
      .map((piece) => (/^\uE000\d+\uE001$/.test(piece) ? Number(piece.slice(1, -1)) : piece));
  };
}

/** A translator whose card messages carry markup, read through banana-i18n as the shipped catalog is. */
function bananaTranslator(): Translator {
  const banana = new Banana("xx", { finalFallback: "en" });
  const messages: Partial<Record<MessageKey, string>> = {
    "wikiport-card-read-on-wikiport": `${HOSTILE_QUOTED} Wikiport`,
    "wikiport-card-read-on-wiki": `$1 ${HOSTILE_QUOTED}`,
    "wikiport-card-attribution": `${HOSTILE_QUOTED} $1 <b>$2</b> $3 </p><script>alert(2)</script>`,
    "wikiport-card-image-alt": `" onerror="alert(3) $1`,
    "wikiport-card-watch": HOSTILE_QUOTED,
    "wikiport-card-watching": `"><b onmouseover="alert(4)">`,
    "wikiport-card-error-not-found-title": HOSTILE_QUOTED,
    "wikiport-card-error-not-found": `$1 $2 ${HOSTILE_QUOTED}`,
  };
  banana.load({ xx: messages as Record<string, string> }, "xx");
  const msg = (key: MessageKey, ...params: MessageParam[]) => banana.i18n(key, ...params);
  return { ...translatorFor("en"), language: "xx", msg, parts: partsOf(msg) };
}

/**
 * banana-i18n refuses to parse an unquoted tag (the shipped translator then falls back to English), so a
 * translator handing over that exact text is built by hand: what matters is what the card does with it.
 */
function literalTranslator(): Translator {
  const msg = (key: MessageKey, ...params: MessageParam[]) =>
    key === "wikiport-card-attribution" ? `${HOSTILE} $1 $2 $3`.replace(/\$(\d)/g, (_, n: string) => String(params[Number(n) - 1])) : `${HOSTILE}${params.join(" ")}`;
  return { ...translatorFor("en"), language: "xx", msg, parts: partsOf(msg) };
}

const summary: CardSummary = {
  title: "Earth",
  wiki: "en.wikipedia.org",
  lang: "en",
  dir: "ltr",
  revisionId: 1,
  lastModified: null,
  description: "Third planet",
  extract: "Earth is a planet.",
  thumbnail: { url: "https://upload.wikimedia.org/earth.png", width: 100, height: 100 },
  wikiUrl: "https://en.wikipedia.org/wiki/Earth",
  licence: { title: "CC BY-SA 4.0", url: "https://creativecommons.org/licenses/by-sa/4.0/" },
  credit: "English Wikipedia",
};

describe("the card's words are text", () => {
  const input = (t: Translator) => ({
    site: siteOf("en.wikipedia.org"), summary, options: DEFAULT_OPTIONS, t, appOrigin: "http://wikiport.test", embed: { id: "w", allowedOrigins: [], watchButton: true },
  });

  it("shows a translation holding <img src=x onerror=alert(1)> as text, in the card and in a message card", () => {
    expect(() => new Banana("xx", { messages: { k: HOSTILE } }).i18n("k")).toThrow();
    const t = literalTranslator();
    const html = renderCard(input(t));
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;</a>");
    expect(html).toContain('alt="&lt;img src=x onerror=alert(1)&gt;Earth"');
    expect(html).toContain('<p class="attribution">&lt;img src=x onerror=alert(1)&gt; <bdi');
    expect(html).not.toContain("<img src=x");
    const message = renderMessage({ kind: "not_found", options: DEFAULT_OPTIONS, t, appOrigin: "http://wikiport.test", values: { title: "Earth", wiki: "en.wikipedia.org" } });
    expect(message).toContain("<h1>&lt;img src=x onerror=alert(1)&gt;</h1>");
    expect(message).not.toContain("<img src=x");
  });

  it("escapes markup banana-i18n lets through, in labels, attributes and the sentence around links", () => {
    const t = bananaTranslator();
    expect(t.msg("wikiport-card-watch")).toBe(HOSTILE_QUOTED);
    const html = renderCard(input(t));
    expect(html).toContain("&lt;img src=&quot;x&quot; onerror=&quot;alert(1)&quot;&gt; Wikiport</a>");
    expect(html).toContain("&lt;b&gt;<bdi>English Wikipedia</bdi>&lt;/b&gt;");
    expect(html).toContain('alt="&quot; onerror=&quot;alert(3) Earth"');
    expect(html).toContain('data-done="&quot;&gt;&lt;b onmouseover=&quot;alert(4)&quot;&gt;"');
    expect(html).not.toMatch(/<img src="x"|<b>|<b onmouseover|<script>alert/);
    // The links the sentence holds are still links.
    expect(html).toContain('<a href="https://creativecommons.org/licenses/by-sa/4.0/" target="_blank" rel="license noopener noreferrer">CC BY-SA 4.0</a>');

    const message = renderMessage({ kind: "not_found", options: DEFAULT_OPTIONS, t, appOrigin: "http://wikiport.test", values: { title: "Earth", wiki: "en.wikipedia.org" } });
    expect(message).toContain("<p>Earth en.wikipedia.org &lt;img src=&quot;x&quot; onerror=&quot;alert(1)&quot;&gt;</p>");
    expect(message).not.toContain('<img src="x"');
  });

  it("puts the elements where the translation puts its parameters", () => {
    expect(messageHtml(translatorFor("he"), "wikiport-card-attribution", ["<i>1</i>", "<i>2</i>", "<i>3</i>"])).toBe(
      "הטקסט מתוך <i>1</i> ב־<i>2</i>, זמין לפי רישיון <i>3</i>; ייתכן שיחולו תנאים נוספים.",
    );
  });
});
