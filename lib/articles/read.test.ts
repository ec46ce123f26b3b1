import { describe, expect, it } from "vitest";
import { createAppToken, appCredential } from "@/lib/wikimedia/app-token";
import { createWikimediaHttp } from "@/lib/wikimedia/http";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { createRestClient } from "@/lib/wikimedia/rest";
import { siteOf } from "@/lib/wikimedia/testing";
import { WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { createHtmlCache } from "./html-cache";
import { mediaPrefixFor } from "./media";
import { readArticle, readHistory, sanitizeExcerpt, searchPages, type ReadDeps } from "./read";

const sb = useSandbox();

const EN = siteOf("en.wikipedia.org");
const HE = siteOf("he.wikipedia.org");

function setup() {
  const oauthUrl = `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
  const tokens = createTokenClient({ oauthUrl, clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test" });
  const wikiUrlTemplate = `${sb.url}/{host}/w`;
  const http = createWikimediaHttp({ wikiUrlTemplate, userAgent: "Wikiport/test (read tests)", requestTimeoutMs: 2_000 });
  const deps: ReadDeps = {
    rest: createRestClient({ http }),
    wikiUrlTemplate,
    mediaPrefix: mediaPrefixFor({ mode: "sandbox", sandboxUrl: sb.url }),
    cache: createHtmlCache(),
  };
  return { deps, visitor: appCredential(createAppToken({ tokens })) };
}

async function requestCount(endpoint: string): Promise<number> {
  return ((await sb.control("GET", `/requests?endpoint=${encodeURIComponent(endpoint)}`)) as { requests: unknown[] }).requests.length;
}

describe("readArticle", () => {
  it("reads an article as a visitor: sanitized HTML with images from the media host, licence, page URL", async () => {
    const { deps, visitor } = setup();
    const result = await readArticle(deps, visitor, EN, "Solar_System");
    if (!result.ok) throw new Error(result.error.message);
    const article = result.value;
    expect(article).toMatchObject({ title: "Solar System", key: "Solar_System", redirectedFrom: null, lang: "en", dir: "ltr" });
    expect(article.revisionId).toBeGreaterThan(0);
    expect(article.html).toContain('href="/wiki/en.wikipedia.org/');
    expect(article.html).toContain(`src="${sb.url}/upload.wikimedia.org/`);
    expect(article.html).not.toMatch(/<script|<html|<head/i);
    expect(article.licence.url).toMatch(/^https:\/\//);
    expect(article.wikiUrl).toBe(`${sb.url}/en.wikipedia.org/wiki/Solar_System`);
    expect(Number.isNaN(Date.parse(article.lastModified))).toBe(false);
  });

  it("follows a wiki redirect and says where it came from", async () => {
    const { deps, visitor } = setup();
    const result = await readArticle(deps, visitor, EN, "Planet_Earth");
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ title: "Earth", redirectedFrom: "Planet Earth" });
  });

  it("normalizes the title (first letter, spaces)", async () => {
    const { deps, visitor } = setup();
    const result = await readArticle(deps, visitor, EN, "solar System");
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.title).toBe("Solar System");
  });

  it("reads a right-to-left wiki right to left", async () => {
    const { deps, visitor } = setup();
    const result = await readArticle(deps, visitor, HE, "מערכת_השמש");
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ title: "מערכת השמש", lang: "he", dir: "rtl" });
  });

  it("strips the hostile fixture's scripts, handlers and javascript: links", async () => {
    const { deps, visitor } = setup();
    const result = await readArticle(deps, visitor, EN, "Sandbox/Hostile_markup");
    if (!result.ok) throw new Error(result.error.message);
    const html = result.value.html;
    expect(html).not.toMatch(/<script|\son\w+=|href="\s*(?:javascript|data|vbscript):|<iframe|<form|<style|<svg|<math|\sstyle=/i);
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it("sanitizes a revision once: a second read is served from the cache", async () => {
    const { deps, visitor } = setup();
    let sanitized = 0;
    const counting = { ...deps, cache: { ...deps.cache, get: (host: string, id: number, compute: () => string) => deps.cache.get(host, id, () => (sanitized++, compute())) } };
    const first = await readArticle(counting as ReadDeps, visitor, EN, "Sun");
    const second = await readArticle(counting as ReadDeps, visitor, EN, "Sun");
    expect(first.ok && second.ok).toBe(true);
    expect(sanitized).toBe(1);
  });

  it("turns a missing page and a bad title into typed errors with a sentence", async () => {
    const { deps, visitor } = setup();
    const missing = await readArticle(deps, visitor, EN, "No_such_page_in_the_sandbox");
    expect(missing).toMatchObject({ ok: false, error: { code: "not_found" } });
    const bad = await readArticle(deps, visitor, EN, "Bad[title]");
    expect(bad).toMatchObject({ ok: false, error: { code: "invalid_title" } });
  });

  it("reports an unavailable wiki as a message, not a throw", async () => {
    const { deps, visitor } = setup();
    await sb.control("POST", "/faults", { endpoint: "rest/page/with_html", kind: "status", status: 503, count: 10 });
    const result = await readArticle(deps, visitor, EN, "Moon");
    expect(result).toMatchObject({ ok: false, error: { code: "wikimedia_unavailable" } });
    expect(result.ok ? "" : result.error.message).toMatch(/^en\.wikipedia\.org is having technical problems/);
    expect(await requestCount("rest/page/with_html")).toBe(1);
  });
});

describe("readHistory", () => {
  it("pages through history 20 at a time", async () => {
    const { deps, visitor } = setup();
    const first = await readHistory(deps, visitor, EN, "Solar_System");
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.revisions).toHaveLength(20);
    expect(first.value.olderThan).not.toBeNull();
    const older = await readHistory(deps, visitor, EN, "Solar_System", { olderThan: first.value.olderThan! });
    if (!older.ok) throw new Error(older.error.message);
    expect(older.value.revisions[0]!.id).toBeLessThan(first.value.revisions.at(-1)!.id);
    expect(older.value.newerThan).not.toBeNull();
  });

  it("says a missing page has no history", async () => {
    const { deps, visitor } = setup();
    expect(await readHistory(deps, visitor, EN, "No_such_page_in_the_sandbox")).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("searchPages", () => {
  it("finds Solar System with a sanitized excerpt", async () => {
    const { deps, visitor } = setup();
    const result = await searchPages(deps, visitor, EN, "solar system");
    if (!result.ok) throw new Error(result.error.message);
    const hit = result.value.find((page) => page.key === "Solar_System");
    expect(hit).toBeDefined();
    for (const page of result.value) expect(page.excerptHtml ?? "").not.toMatch(/<(?!\/?span)/);
  });

  it("keeps only searchmatch spans in an excerpt", () => {
    expect(sanitizeExcerpt('<span class="searchmatch">Sun</span> <b>x</b><img src=x onerror=alert(1)><span class="evil" onclick="y">z</span>')).toBe(
      '<span class="searchmatch">Sun</span> x<span>z</span>',
    );
  });
});
