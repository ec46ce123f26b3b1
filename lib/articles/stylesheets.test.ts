import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ARTICLE_PAGE_ENTRY, manifestPath, readPageStylesheets, StylesheetsNotFound, stylesheetsFromManifest } from "./stylesheets";

/** The shape `next build` (16.4.5, Turbopack) writes for the page: a script assigning the manifest. */
function manifest(entryCSSFiles: Record<string, { path: string; inlined?: boolean }[]>, entry = ARTICLE_PAGE_ENTRY): string {
  return (
    `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\n` +
    `globalThis.__RSC_MANIFEST[${JSON.stringify(entry)}] = ${JSON.stringify({ moduleLoading: { prefix: "" }, clientModules: {}, entryCSSFiles, entryJSFiles: {} })};\n`
  );
}

describe("the article page's stylesheets from the build's manifest", () => {
  it("lists every CSS file of the page's entries once, under /_next/", () => {
    const source = manifest({
      "[project]/app/layout": [{ path: "static/chunks/0y8jud-uyapn2.css", inlined: false }],
      "[project]/app/wiki/[site]/[...title]/page": [{ path: "static/chunks/0y8jud-uyapn2.css", inlined: false }, { path: "static/chunks/page.css" }],
    });
    expect(stylesheetsFromManifest(source)).toEqual(["/_next/static/chunks/0y8jud-uyapn2.css", "/_next/static/chunks/page.css"]);
  });

  it("refuses a build without them, another page's manifest, inlined CSS or a path that is not a static file", () => {
    expect(() => stylesheetsFromManifest(manifest({}))).toThrow(StylesheetsNotFound);
    expect(() => stylesheetsFromManifest(manifest({ x: [{ path: "static/a.css" }] }, "/other/page"))).toThrow(StylesheetsNotFound);
    expect(() => stylesheetsFromManifest(manifest({ x: [{ path: "static/a.css", inlined: true }] }))).toThrow(StylesheetsNotFound);
    expect(() => stylesheetsFromManifest(manifest({ x: [{ path: `static/a.css"><script>` }] }))).toThrow(StylesheetsNotFound);
    expect(() => stylesheetsFromManifest("this is not javascript {")).toThrow(StylesheetsNotFound);
  });

  it("runs the manifest in a context of its own, not in this process's global scope", () => {
    stylesheetsFromManifest(`globalThis.leaked = 1; ${manifest({ x: [{ path: "static/a.css" }] })}`);
    expect((globalThis as { leaked?: unknown }).leaked).toBeUndefined();
    expect((globalThis as { __RSC_MANIFEST?: Record<string, unknown> }).__RSC_MANIFEST?.[ARTICLE_PAGE_ENTRY]).toBeUndefined();
  });

  it("reads the manifest where next build writes it, and says so when there is none", () => {
    const dist = mkdtempSync(join(tmpdir(), "wikiport-dist-"));
    expect(() => readPageStylesheets(dist)).toThrow(/were not found in the build \(no file .*page_client-reference-manifest\.js\)/);
    const path = manifestPath(dist);
    expect(path).toBe(join(dist, "server/app/wiki/[site]/[...title]/page_client-reference-manifest.js"));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, manifest({ x: [{ path: "static/chunks/a.css" }] }));
    expect(readPageStylesheets(dist)).toEqual(["/_next/static/chunks/a.css"]);
  });
});
