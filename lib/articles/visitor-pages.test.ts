/**
 * Visitors' article views as kept documents, against the sandbox wiki over HTTP through the real reading
 * path and visitor cache (its clock injected, as in visitor-cache.test.ts): one rendering per revision,
 * a new revision shown once the visitor cache's minute is over, failures never kept as documents, and
 * the kept documents bounded in bytes.
 */
import { describe, expect, it } from "vitest";
import { appCredential, createAppToken } from "@/lib/wikimedia/app-token";
import { createWikimediaHttp, waitingAs, type Credential } from "@/lib/wikimedia/http";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { createRestClient } from "@/lib/wikimedia/rest";
import { siteOf } from "@/lib/wikimedia/testing";
import { DEMO_USERS, WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { createHtmlCache } from "./html-cache";
import { mediaPrefixFor } from "./media";
import { readArticle, wikiPageUrl, type ReadDeps } from "./read";
import { createVisitorPageCache } from "./visitor-cache";
import { createVisitorPages, visitorResponse, VISITOR_CACHE_CONTROL, VISITOR_VARY } from "./visitor-pages";
import { visitorLanguage } from "./visitor-route";

const sb = useSandbox();
const EN = siteOf("en.wikipedia.org");
const STYLES = ["/_next/static/chunks/test.css"];

function setup(options: { maxBytes?: number } = {}) {
  const oauthUrl = `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
  const tokens = createTokenClient({ oauthUrl, clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test" });
  const wikiUrlTemplate = `${sb.url}/{host}/w`;
  const http = createWikimediaHttp({ wikiUrlTemplate, userAgent: "Wikiport/test (visitor pages tests)", requestTimeoutMs: 2_000, deadlineMs: 2_000 });
  const rest = createRestClient({ http });
  const deps: ReadDeps = { rest, wikiUrlTemplate, mediaPrefix: mediaPrefixFor({ mode: "sandbox", sandboxUrl: sb.url }), cache: createHtmlCache() };
  const visitor = appCredential(createAppToken({ tokens }));
  // Not 0: lru-cache takes a start time of 0 for "no TTL".
  const clock = { now: 1_000_000 };
  const cache = createVisitorPageCache({ ttlMs: 60_000, perf: { now: () => clock.now } });
  const pages = createVisitorPages({
    read: (site, title, client) => cache.read(site.host, title, () => readArticle(deps, waitingAs(visitor, client), site, title)),
    wikiPageUrl: (site, title) => wikiPageUrl(wikiUrlTemplate, site, title),
    stylesheets: () => STYLES,
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
  });
  const view = (path: string, language = "en") => pages.answer(new URL(path, "http://wikiport.test"), "203.0.113.9", language);
  return { pages, view, clock, rest };
}

async function editor(): Promise<Credential> {
  const token = await sb.token(DEMO_USERS.editor.name);
  return { kind: "user", key: "test-editor", run: (send) => send(token) };
}

async function pageReads(): Promise<number> {
  const { requests } = (await sb.control("GET", `/requests?endpoint=${encodeURIComponent("rest/page/with_html")}`)) as { requests: unknown[] };
  return requests.length;
}

describe("a visitor's article view as a kept document", () => {
  it("renders a revision once: later views get the very same bytes", async () => {
    const { view } = setup();
    const first = await view("/wiki/en.wikipedia.org/Solar_System");
    expect(first.status).toBe(200);
    const html = first.body.toString("utf8");
    expect(html).toContain(`<h1 class="text-3xl font-bold text-cdx-emphasized" lang="en" dir="ltr">Solar System</h1>`);
    expect(html).not.toMatch(/<script|nonce/i);
    const again = await view("/wiki/en.wikipedia.org/Solar_System?action=view");
    expect(again.body).toBe(first.body);
    expect(await pageReads()).toBe(1);
  });

  it("shows a new revision once the visitor cache's minute is over, and only then", async () => {
    const { view, clock, rest } = setup();
    const before = (await view("/wiki/en.wikipedia.org/Moon")).body.toString("utf8");
    const page = await rest.getPageSource(await editor(), EN, "Moon");
    await rest.putPage(await editor(), EN, "Moon", { source: `${page.source}\n\nA sentence the visitors see a minute later.`, comment: "test", latestRevisionId: page.latest.id });

    expect((await view("/wiki/en.wikipedia.org/Moon")).body.toString("utf8")).toBe(before);
    clock.now += 61_000;
    // The first view after the minute is served the kept page while one request fetches the new revision.
    await expect.poll(async () => (await view("/wiki/en.wikipedia.org/Moon")).body.toString("utf8")).toContain("A sentence the visitors see a minute later.");
    expect(before).not.toContain("A sentence the visitors see a minute later.");
  });

  it("renders failures per request and keeps none: a missing page, a bad title (404), an unknown wiki (404)", async () => {
    const { view, pages } = setup();
    const missing = await view("/wiki/en.wikipedia.org/No_such_page_here");
    expect(missing.status).toBe(200);
    expect(missing.body.toString("utf8")).toContain("This page does not exist on en.wikipedia.org.");
    expect((await view(`/wiki/en.wikipedia.org/${encodeURIComponent("Bad[title]")}`)).status).toBe(404);
    expect((await view("/wiki/evil.example.com/Solar_System")).status).toBe(404);
    expect((await view("/wiki/en.wikipedia.org")).status).toBe(404);
    expect(pages.bytes).toBe(0);
  });

  it("decodes a title exactly once: /wiki/…/100%25 is the page 100%", async () => {
    const { view, rest } = setup();
    await rest.putPage(await editor(), EN, "100%", { source: "100 percent is all of it.", comment: "A title with a percent sign" });
    const html = (await view("/wiki/en.wikipedia.org/100%25")).body.toString("utf8");
    expect(html).toContain("<title>100% — en.wikipedia.org · Wikiport</title>");
    expect(html).toMatch(/<h1[^>]*>100%<\/h1>/);
    expect(html).toContain("100 percent is all of it.");
  });

  it("keeps documents bounded in bytes, not in entries", async () => {
    const { view, pages } = setup({ maxBytes: 64 * 1024 });
    for (const title of ["Solar_System", "Moon", "Earth", "Sun", "Main_Page"]) {
      expect((await view(`/wiki/en.wikipedia.org/${title}`)).status).toBe(200);
      expect(pages.bytes).toBeLessThanOrEqual(64 * 1024);
    }
    expect(pages.bytes).toBeGreaterThan(0);
  });

  it("answers with its own headers, no body for HEAD, and the bytes untouched", async () => {
    const { view } = setup();
    const answer = await view("/wiki/en.wikipedia.org/Sun");
    const get = visitorResponse(answer, "GET");
    expect(get.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(get.headers.get("cache-control")).toBe(VISITOR_CACHE_CONTROL);
    expect(get.headers.get("vary")).toBe(VISITOR_VARY);
    expect(VISITOR_VARY).toBe("Accept-Language, Cookie");
    expect(get.headers.get("content-length")).toBe(String(answer.body.length));
    expect(Buffer.from(await get.arrayBuffer()).equals(answer.body)).toBe(true);
    const head = visitorResponse(answer, "HEAD");
    expect(await head.text()).toBe("");
  });

  it("gives each visitor their own language, from one upstream read of the page", async () => {
    const { view, pages } = setup();
    const german = await view("/wiki/en.wikipedia.org/Solar_System", "de");
    const english = await view("/wiki/en.wikipedia.org/Solar_System", "en");
    const germanAgain = await view("/wiki/en.wikipedia.org/Solar_System", "de");
    expect(await pageReads()).toBe(1);

    const de = german.body.toString("utf8");
    const en = english.body.toString("utf8");
    expect(de).toContain(`<html lang="de" dir="ltr">`);
    expect(de).toContain(">Versionsgeschichte</a>");
    expect(de).not.toContain(">History</a>");
    expect(en).toContain(`<html lang="en" dir="ltr">`);
    expect(en).toContain(">History</a>");
    expect(en).not.toContain("Versionsgeschichte");
    // Each language's document is kept as bytes of its own: the German visitor's second view is the kept one.
    expect(germanAgain.body).toBe(german.body);
    expect(german.body.equals(english.body)).toBe(false);
    expect(pages.bytes).toBeGreaterThanOrEqual(german.body.length + english.body.length);
  });

  it("shows message keys for ?uselang=qqx, chosen as the proxy chooses", async () => {
    const { view } = setup();
    const url = "/wiki/en.wikipedia.org/Moon?uselang=qqx";
    const language = visitorLanguage({ searchParams: new URL(url, "http://wikiport.test").searchParams, cookie: "de", acceptLanguage: "fr" });
    const html = (await view(url, language)).body.toString("utf8");
    expect(html).toContain("(wikiport-article-read)");
    expect(html).toContain("(wikiport-header-skip-link)");
    expect(html).not.toContain(">Read</a>");
  });

  it("answers a missing page and a bad address in the visitor's language", async () => {
    const { view } = setup();
    expect((await view("/wiki/en.wikipedia.org/No_such_page_here", "fr")).body.toString("utf8")).toContain("Cette page n’existe pas sur en.wikipedia.org.");
    const bad = await view("/wiki/evil.example.com/Solar_System", "ar");
    expect(bad.status).toBe(404);
    expect(bad.body.toString("utf8")).toContain(`<html lang="ar" dir="rtl">`);
  });
});
