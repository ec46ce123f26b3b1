import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/translate";
import { siteOf } from "@/lib/wikimedia/testing";
import type { Article } from "./read";
import { renderVisitorArticle, renderVisitorNotFound, renderVisitorProblem, signInHref } from "./visitor-document";

const EN = siteOf("en.wikipedia.org");
const HE = siteOf("he.wikipedia.org");
const STYLES = ["/_next/static/chunks/abc.css"];
const t = translatorFor("en");
const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert(2)>'`;
const BODY = `<p>The <b>Sun</b> is a star. <a href="/wiki/en.wikipedia.org/Star">Star</a></p>`;

function article(overrides: Partial<Article> = {}): Article {
  return {
    title: "Solar System",
    key: "Solar_System",
    displayTitle: "Solar System",
    revisionId: 42,
    html: BODY,
    redirectedFrom: null,
    lang: "en",
    dir: "ltr",
    licence: { title: "Creative Commons Attribution-Share Alike 4.0", url: "https://creativecommons.org/licenses/by-sa/4.0/" },
    credit: null,
    lastModified: "2026-11-01T10:00:00Z",
    wikiUrl: "https://en.wikipedia.org/wiki/Solar_System",
    ...overrides,
  };
}

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** Everything the page shows from upstream, hostile. */
function hostileArticle(): Article {
  return article({
    title: HOSTILE,
    key: `A${HOSTILE}`,
    displayTitle: HOSTILE,
    redirectedFrom: HOSTILE,
    lang: `en"><script>x</script>`,
    licence: { title: HOSTILE, url: `https://example.org/"><script>y</script>` },
    credit: HOSTILE,
    lastModified: HOSTILE,
    wikiUrl: `https://en.wikipedia.org/wiki/"><script>z</script>`,
  });
}

describe("the visitor's article document", () => {
  it("is a complete document with the page's chrome, the article's HTML once, and the stylesheets", () => {
    const html = renderVisitorArticle({ requested: { site: EN, title: "Solar_System" }, article: article(), stylesheets: STYLES, t });
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">")).toBe(true);
    expect(occurrences(html, BODY)).toBe(1);
    expect(html).toContain(`<div lang="en" dir="ltr" class="wikiport-article">${BODY}</div>`);
    expect(html).toContain(`<link rel="stylesheet" href="/_next/static/chunks/abc.css">`);
    expect(html).toContain("<title>Solar System — en.wikipedia.org · Wikiport</title>");
    expect(html).toContain(`<a href="#content" class="wikiport-skip-link">Skip to content</a>`);
    expect(html).toContain(`<main id="content"`);
    expect(html).toContain(`<nav aria-label="Page actions"`);
    expect(html).toContain(`href="/wiki/en.wikipedia.org/Solar_System" aria-current="page"`);
    expect(html).toContain(`href="/wiki/en.wikipedia.org/Solar_System?action=edit"`);
    expect(html).toContain(`href="/wiki/en.wikipedia.org/Solar_System?action=history"`);
    expect(html).toContain(`<form action="/search" method="get" role="search"`);
    expect(html).toContain(`<option value="en.wikipedia.org" selected>`);
    expect(html).toContain(`<input type="hidden" name="go" value="Solar System">`);
    expect(html).toContain(`href="/sign-in?callbackUrl=%2Fwiki%2Fen.wikipedia.org%2FSolar_System"`);
    expect(html).toContain("Last edited <time datetime=\"2026-11-01T10:00:00Z\">Nov 1, 2026, 10:00 AM UTC</time>.");
  });

  it("has no script, no event handler and no nonce: the same bytes can go to every visitor", () => {
    const html = renderVisitorArticle({ requested: { site: EN, title: "Solar_System" }, article: article(), stylesheets: STYLES, t });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/nonce/i);
  });

  it("escapes every upstream value and the requested title", () => {
    const requested = { site: EN, title: `T${HOSTILE}` };
    const html = renderVisitorArticle({ requested, article: hostileArticle(), stylesheets: STYLES, t });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain(`"><script`);
    expect(html).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("(Redirected from <bdi>&quot;&gt;&lt;script&gt;");
  });

  it("escapes what the error pages show", () => {
    const problem = renderVisitorProblem({
      requested: { site: EN, title: `T${HOSTILE}` },
      wikiUrl: `https://en.wikipedia.org/wiki/"><script>z</script>`,
      error: { code: "wikimedia_unavailable", message: HOSTILE },
      stylesheets: STYLES,
      t,
    });
    expect(problem).not.toMatch(/<script|<img/i);
    // The failure is said in the reader's words (lib/i18n/errors.ts), never by echoing what came with it.
    expect(problem).toContain(`<div role="alert" class="rounded-cdx border border-cdx-error bg-cdx-bg-error-subtle p-4"><p>The wiki is having technical problems.`);
    const missing = renderVisitorProblem({ requested: { site: HE, title: "No_such" }, wikiUrl: "https://he.wikipedia.org/wiki/No_such", error: { code: "not_found", message: "x" }, stylesheets: STYLES, t });
    expect(missing).toContain("This page does not exist on he.wikipedia.org.");
    expect(missing).toContain("sign in to create the page");
    expect(missing).toContain(`<h1 class="text-3xl font-bold text-cdx-emphasized" lang="he" dir="rtl">No such</h1>`);
    expect(renderVisitorNotFound({ stylesheets: STYLES, t })).toContain("<h1 class=\"text-3xl font-bold text-cdx-emphasized\">Page not found</h1>");
  });

  it("escapes a stylesheet address too", () => {
    expect(renderVisitorNotFound({ stylesheets: [`/x.css"><script>`], t })).not.toContain("<script");
  });

  it("sends sign-in back to the page asked for, percent-encoded", () => {
    expect(signInHref({ site: EN, title: "A&B?c=d" })).toBe("/sign-in?callbackUrl=%2Fwiki%2Fen.wikipedia.org%2FA%2526B%253Fc%253Dd");
  });
});

describe("the visitor's article document in the visitor's language", () => {
  const render = (language: string, overrides: Partial<Article> = {}) =>
    renderVisitorArticle({ requested: { site: EN, title: "Solar_System" }, article: article(overrides), stylesheets: STYLES, t: translatorFor(language) });

  it("speaks German around an English article, which keeps its own lang and dir", () => {
    const html = render("de", { redirectedFrom: "Sonnensystem" });
    expect(html.startsWith(`<!DOCTYPE html>\n<html lang="de" dir="ltr">`)).toBe(true);
    expect(html).toContain(`<a href="#content" class="wikiport-skip-link">Zum Inhalt springen</a>`);
    expect(html).toContain(`<nav aria-label="Seitenaktionen"`);
    expect(html).toContain(">Lesen</a>");
    expect(html).toContain(">Bearbeiten</a>");
    expect(html).toContain(">Versionsgeschichte</a>");
    expect(html).toContain("Auf en.wikipedia.org ansehen</a>");
    expect(html).toContain("Mit Wikimedia anmelden</a>");
    expect(html).toContain("(Weitergeleitet von <bdi>Sonnensystem</bdi>)");
    expect(html).toContain(`Text aus <a href="https://en.wikipedia.org/wiki/Solar_System" rel="noopener noreferrer"><bdi>Solar System</bdi></a> auf <bdi>en.wikipedia.org</bdi>`);
    // The date in German (ECMA-402's "de" medium date), still in UTC.
    expect(html).toContain(`<time datetime="2026-11-01T10:00:00Z">01.11.2026, 10:00 (UTC)</time>`);
    expect(html).toContain(`<div lang="en" dir="ltr" class="wikiport-article">${BODY}</div>`);
    expect(html).toContain(`<h1 class="text-3xl font-bold text-cdx-emphasized" lang="en" dir="ltr">Solar System</h1>`);
    expect(html).toContain("<title>Solar System — en.wikipedia.org · Wikiport</title>");
    expect(html).not.toMatch(/Skip to content|Page actions|>Read<|Text from|Sign in with/);
  });

  it("offers the header's language picker, posting to the route that stands in for its action", () => {
    const html = render("de", {});
    expect(html).toContain(`<form action="/language" method="post" class="flex items-center gap-1">`);
    expect(html).toContain(`<option value="de" lang="de" dir="ltr" selected>Deutsch</option>`);
    expect(html).toContain(`<option value="he" lang="he" dir="rtl">עברית</option>`);
    expect(html).toContain(`>Sprache ändern</button></form>`);
  });

  it("is right to left in Hebrew, the English article isolated left to right inside it", () => {
    const html = render("he");
    expect(html.startsWith(`<!DOCTYPE html>\n<html lang="he" dir="rtl">`)).toBe(true);
    expect(html).toContain(`<a href="#content" class="wikiport-skip-link">לדלג לתוכן</a>`);
    expect(html).toContain(`<nav aria-label="פעולות על הדף"`);
    expect(html).toContain(">קריאה</a>");
    expect(html).toContain(">עריכה</a>");
    expect(html).toContain(`<div lang="en" dir="ltr" class="wikiport-article">${BODY}</div>`);
    expect(html).toContain(`<h1 class="text-3xl font-bold text-cdx-emphasized" lang="en" dir="ltr">Solar System</h1>`);
    expect(html).toContain("<bdi>Solar System</bdi>");
    // An icon that points along the text is mirrored, as <Icon> mirrors it (Codex's shouldFlip).
    expect(html).toMatch(/style="transform:scaleX\(-1\)"[^>]*>(?:(?!<\/svg>).)*<\/svg>קריאה/);
    expect(html).not.toMatch(/Skip to content|Page actions|>Read<|Text from|Sign in with/);
  });

  it("translates the missing page, the failure box and the 404 too", () => {
    const de = translatorFor("de");
    const missing = renderVisitorProblem({ requested: { site: HE, title: "No_such" }, wikiUrl: "https://he.wikipedia.org/wiki/No_such", error: { code: "not_found", message: "x" }, stylesheets: STYLES, t: de });
    expect(missing).toContain("Diese Seite existiert auf he.wikipedia.org nicht.");
    expect(missing).toContain(`<h1 class="text-3xl font-bold text-cdx-emphasized" lang="he" dir="rtl">No such</h1>`);
    const notFound = renderVisitorNotFound({ stylesheets: STYLES, t: translatorFor("he") });
    expect(notFound).toContain(`<html lang="he" dir="rtl">`);
    expect(notFound).toContain("<h1 class=\"text-3xl font-bold text-cdx-emphasized\">הדף לא נמצא</h1>");
    expect(notFound).toContain(`<a href="/">אפשר לפתוח דף מדף הבית</a>`);
  });

  it("shows message keys with ?uselang=qqx, and no interface text that is not a message", () => {
    const html = render("qqx");
    expect(html).toContain("(wikiport-header-skip-link)");
    expect(html).toContain("(wikiport-article-read)");
    expect(html).toContain("(wikiport-attribution-text: ");
    expect(html).toContain("<title>(wikiport-page-title: (wikiport-article-document-title: Solar System, en.wikipedia.org))</title>");
    // Everything left once tags, the article, and keys with their parameters are taken out is data from
    // the wiki or the address (host names in the switcher), never English of Wikiport's. The picker's
    // language names are each in its own language (lang on the option).
    const text = html
      .replace(BODY, "")
      .replace(/<option [^>]*lang="[^"]+"[^>]*>[^<]*<\/option>/g, " ")
      .replace(/<[^>]+>/g, " ")
      .replace(/\(wikiport-[a-z-]+(: [^()]*(\([^()]*\))?[^()]*)?\)/g, " ");
    const words = text.split(/\s+/).filter((word) => word && !/\.(org|com)$/.test(word));
    expect(words).toEqual(["Solar", "System"]);
  });

  it("renders a translation's markup as text", () => {
    // A message is plain text wherever it lands: a parameter with markup in it is escaped, not parsed.
    const html = renderVisitorArticle({
      requested: { site: EN, title: "Solar_System" },
      article: article({ redirectedFrom: "<b>x</b>" }),
      stylesheets: STYLES,
      t: translatorFor("fr"),
    });
    expect(html).toContain("(Redirigé depuis <bdi>&lt;b&gt;x&lt;/b&gt;</bdi>)");
  });
});
