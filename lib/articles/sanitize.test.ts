import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useSandbox } from "@/sandbox/testing";
import { parsoidBody, sanitizeArticleHtml, wikiLinkTarget } from "./sanitize";

const sb = useSandbox();
const en = { host: "en.wikipedia.org", lang: "en", dir: "ltr" as const };

async function parsoidHtml(title: string): Promise<string> {
  const response = await fetch(`${sb.wiki()}/rest.php/v1/page/${encodeURIComponent(title)}/html`);
  expect(response.status).toBe(200);
  return response.text();
}

function sanitize(html: string): string {
  return sanitizeArticleHtml(html, { site: en, mediaPrefix: `${sb.url}/upload.wikimedia.org/` });
}

/** Everything that can run script or leave the page, as it could appear in markup. */
const FORBIDDEN = [
  /<script/i, /<style/i, /<iframe/i, /<object/i, /<embed/i, /<form/i, /<input/i, /<button/i, /<svg/i, /<math/i,
  /<meta/i, /<base/i, /<link/i, /\son[a-z]+\s*=/i, /\sstyle\s*=/i,
  // In attributes only: the fixture's link texts say "javascript: link", which is harmless text.
  /=\s*["']?\s*(javascript|vbscript|data):/i,
  /formaction/i, /srcdoc/i, /evil\.example\/x\.js/, /target=/i,
];

describe("sanitizeArticleHtml", () => {
  it("strips every construct of the sandbox's hostile fixture and keeps the content", async () => {
    const clean = sanitize(await parsoidHtml("Sandbox/Hostile markup"));
    for (const pattern of FORBIDDEN) expect(clean, `still matches ${pattern}`).not.toMatch(pattern);
    expect(clean).not.toMatch(/<\/?wikiport-/);
    expect(clean).toContain("This page is a <b>test fixture</b> for HTML sanitizers.");
    expect(clean).toContain('<a href="/wiki/en.wikipedia.org/Solar_System" title="Solar System">Solar System</a>');
    expect(clean).toContain("Paragraph with event handlers.");
  });

  it("opens external links with noopener noreferrer, protocol-relative ones over https", async () => {
    const clean = sanitize(await parsoidHtml("Sandbox/Hostile markup"));
    const external = [...clean.matchAll(/<a [^>]*href="(https?:[^"]*)"[^>]*>/g)].map((m) => m[0]);
    expect(external.length).toBeGreaterThanOrEqual(3);
    for (const link of external) expect(link).toContain('rel="noopener noreferrer nofollow"');
    expect(clean).toContain('href="https://evil.example/pr"');
  });

  it("keeps images from the wiki's media host and drops others", async () => {
    const html = await parsoidHtml("Solar System");
    const clean = sanitize(html);
    const images = [...clean.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThan(0);
    for (const src of images) expect(src.startsWith(`${sb.url}/upload.wikimedia.org/`)).toBe(true);
    expect(sanitize('<p><img src="https://evil.example/track.png" alt="x"/>text</p>')).toBe("<p>text</p>");
  });

  it("names an image without alt after its file, so the image and its link have a name", async () => {
    const clean = sanitize(await parsoidHtml("Solar System"));
    expect(clean).toMatch(/<img [^>]*alt="Planets2013\.svg"/);
    expect(sanitize(`<p><img src="${sb.url}/upload.wikimedia.org/a.png" alt="The Moon" resource="./File:Moon.png"/></p>`)).toContain('alt="The Moon"');
    expect(sanitize(`<p><img src="${sb.url}/upload.wikimedia.org/a.png" resource="./File:Full_Moon%C3%A9.png"/></p>`)).toContain('alt="Full Mooné.png"');
  });

  it("keeps section and heading anchors so in-page links work", async () => {
    const clean = sanitize(await parsoidHtml("Solar System"));
    expect(clean).toMatch(/<h2 id="[^"]+">/);
  });

  it("rewrites wiki links only when they are Parsoid's relative links", () => {
    expect(wikiLinkTarget("./Solar_System#Moons", en)).toBe("/wiki/en.wikipedia.org/Solar_System#Moons");
    expect(wikiLinkTarget("./Talk:Earth?action=edit", en)).toBe("/wiki/en.wikipedia.org/Talk:Earth");
    expect(wikiLinkTarget("/wiki/Earth", en)).toBeNull();
    expect(wikiLinkTarget("https://en.wikipedia.org/wiki/Earth", en)).toBeNull();
    expect(parsoidBody('<html><body class="x" dir="ltr"><p>a</p></body></html>')).toBe("<p>a</p>");
  });

  it("keeps the classes of Wikimedia's HTML and drops every other one, so an article cannot dress as Wikiport", () => {
    const fake = '<div class="fixed inset-0 z-50 bg-white flex items-center justify-center infobox" style="position:fixed;inset:0;z-index:9999">Session expired, sign in again</div>';
    expect(sanitize(fake)).toBe('<div class="infobox">Session expired, sign in again</div>');
    expect(sanitize('<span class="absolute top-0 left-0 w-screen h-screen">x</span>')).toBe("<span>x</span>");
    expect(sanitize('<p style="position:absolute;top:0">x</p>')).toBe("<p>x</p>");
    expect(sanitize('<table class="wikitable sortable table"><tr><td class="mw-collapsible navbox-list sticky">x</td></tr></table>')).toBe(
      '<table class="wikitable sortable"><tr><td class="mw-collapsible navbox-list">x</td></tr></table>',
    );
    // Parsoid's link classes survive the link rewriting.
    expect(sanitize('<a rel="mw:WikiLink" href="./Nowhere" class="new fixed">Nowhere</a>')).toBe('<a href="/wiki/en.wikipedia.org/Nowhere" class="new">Nowhere</a>');
  });

  it("keeps none of the class names Wikiport's own UI uses", () => {
    // Every word in a className of the app's source (Tailwind utilities and the app's own classes).
    const words = new Set<string>();
    for (const dir of ["app", "lib"]) {
      for (const file of readdirSync(join(process.cwd(), dir), { recursive: true, encoding: "utf8" })) {
        if (!file.endsWith(".tsx")) continue;
        const source = readFileSync(join(process.cwd(), dir, file), "utf8");
        for (const match of source.matchAll(/className=(?:"([^"]*)"|\{`([^`]*)`\}|\{[^}]*?"([^"]*)")/g)) {
          for (const word of (match[1] ?? match[2] ?? match[3] ?? "").split(/\s+/)) if (/^[a-z][\w:[\]./-]*$/i.test(word)) words.add(word);
        }
      }
    }
    expect(words.size).toBeGreaterThan(100);
    const kept = sanitize(`<div class="${[...words].join(" ")}">x</div>`);
    // The article's own container class and the few the article stylesheet shares with Wikimedia are fine.
    const survivors = /class="([^"]*)"/.exec(kept)?.[1]?.split(" ") ?? [];
    expect(survivors.filter((name) => !["wikiport-article"].includes(name))).toEqual([]);
  });
});
