import { describe, expect, it } from "vitest";
import { CACHE_BUDGET } from "@/lib/cache-budget";
import { siteOf } from "@/lib/wikimedia/testing";
import { createCardCache } from "./cache";
import type { CardSummary, SummaryResult } from "./summary";

const EN = siteOf("en.wikipedia.org");

function summary(title: string, revisionId: number): CardSummary {
  return {
    title, wiki: EN.host, lang: "en", dir: "ltr", revisionId, lastModified: null, description: null, extract: `Revision ${revisionId}`, thumbnail: null,
    wikiUrl: `https://en.wikipedia.org/wiki/${title}`, licence: { title: "CC BY-SA 4.0", url: "https://creativecommons.org/licenses/by-sa/4.0/" }, credit: null,
  };
}

/** A fake wiki: answers from `pages`, counts requests, and can hold answers until released. */
function fakeWiki() {
  const pages = new Map<string, number>([["Earth", 100]]);
  const calls: string[] = [];
  let gate: Promise<void> | null = null;
  let failNext: SummaryResult | null = null;
  const fetcher = async (_site: typeof EN, title: string): Promise<SummaryResult> => {
    calls.push(title);
    if (gate) await gate;
    if (failNext) {
      const failure = failNext;
      failNext = null;
      return failure;
    }
    const canonical = title === "Planet Earth" ? "Earth" : title;
    const revision = pages.get(canonical);
    return revision === undefined ? { ok: false, error: { code: "not_found", message: "missing" } } : { ok: true, value: summary(canonical, revision) };
  };
  return {
    pages, calls, fetcher,
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => { gate = null; release(); };
    },
    failOnce(result: SummaryResult) { failNext = result; },
  };
}

describe("card cache", () => {
  it("makes one upstream request for many views within the TTL", async () => {
    const wiki = fakeWiki();
    let now = 0;
    const cache = createCardCache(wiki.fetcher, { latestTtlMs: 60_000, now: () => now });
    for (let i = 0; i < 50; i++) {
      now += 1_000;
      const result = await cache.summary(EN, "Earth");
      expect(result).toMatchObject({ ok: true, value: { revisionId: 100 } });
    }
    expect(wiki.calls).toEqual(["Earth"]);
  });

  it("shares one request among concurrent misses (single flight)", async () => {
    const wiki = fakeWiki();
    const cache = createCardCache(wiki.fetcher);
    const release = wiki.hold();
    const pending = Array.from({ length: 20 }, () => cache.summary(EN, "Earth"));
    release();
    const results = await Promise.all(pending);
    expect(results.every((result) => result.ok && result.value.revisionId === 100)).toBe(true);
    expect(wiki.calls).toHaveLength(1);
  });

  it("after the TTL, serves the known card while one background request finds the new revision", async () => {
    const wiki = fakeWiki();
    let now = 0;
    const cache = createCardCache(wiki.fetcher, { latestTtlMs: 60_000, now: () => now });
    await cache.summary(EN, "Earth");
    wiki.pages.set("Earth", 101);
    now = 61_000;
    const release = wiki.hold();
    const stale = await Promise.all([cache.summary(EN, "Earth"), cache.summary(EN, "Earth")]);
    expect(stale.map((result) => result.ok && result.value.revisionId)).toEqual([100, 100]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.summary(EN, "Earth")).toMatchObject({ ok: true, value: { revisionId: 101 } });
    expect(wiki.calls).toEqual(["Earth", "Earth"]);
  });

  it("shares the entry between a redirect and its target, and remembers a missing page briefly", async () => {
    const wiki = fakeWiki();
    let now = 0;
    const cache = createCardCache(wiki.fetcher, { missingTtlMs: 30_000, now: () => now });
    await cache.summary(EN, "Planet Earth");
    expect(await cache.summary(EN, "Earth")).toMatchObject({ ok: true, value: { title: "Earth" } });
    expect(await cache.summary(EN, "Nowhere")).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await cache.summary(EN, "Nowhere")).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(wiki.calls).toEqual(["Planet Earth", "Nowhere"]);
    now = 31_000;
    await cache.summary(EN, "Nowhere");
    expect(wiki.calls).toEqual(["Planet Earth", "Nowhere", "Nowhere"]);
  });

  it("does not remember transient failures, and keeps serving the known card through them", async () => {
    const wiki = fakeWiki();
    let now = 0;
    const cache = createCardCache(wiki.fetcher, { latestTtlMs: 60_000, now: () => now });
    wiki.failOnce({ ok: false, error: { code: "wikimedia_unavailable", message: "down" } });
    expect(await cache.summary(EN, "Earth")).toMatchObject({ ok: false, error: { code: "wikimedia_unavailable" } });
    expect(await cache.summary(EN, "Earth")).toMatchObject({ ok: true, value: { revisionId: 100 } });
    now = 61_000;
    wiki.failOnce({ ok: false, error: { code: "wikimedia_unavailable", message: "down" } });
    expect(await cache.summary(EN, "Earth")).toMatchObject({ ok: true, value: { revisionId: 100 } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The failed refresh waits a little before the next try, rather than one request per view.
    expect(await cache.summary(EN, "Earth")).toMatchObject({ ok: true, value: { revisionId: 100 } });
    expect(wiki.calls).toHaveLength(3);
  });

  it("renders once per key", () => {
    const cache = createCardCache(fakeWiki().fetcher);
    let renders = 0;
    const render = () => `<p>${++renders}</p>`;
    expect(cache.rendered("en.wikipedia.org\n100\ndark", render)).toBe("<p>1</p>");
    expect(cache.rendered("en.wikipedia.org\n100\ndark", render)).toBe("<p>1</p>");
    expect(cache.rendered("en.wikipedia.org\n100\nlight", render)).toBe("<p>2</p>");
  });

  it("bounds the rendered cards in bytes, dropping the least recently used", () => {
    const cache = createCardCache(fakeWiki().fetcher, { maxRenderedBytes: 10_000 });
    let renders = 0;
    const render = () => `<p>${++renders}</p>`.padEnd(1_000, " ");
    for (let revision = 1; revision <= 100; revision++) cache.rendered(`en.wikipedia.org\n${revision}\nlight`, render);
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.bytes).toBeGreaterThan(5_000);
    cache.rendered("en.wikipedia.org\n100\nlight", render);
    expect(renders).toBe(100);
    cache.rendered("en.wikipedia.org\n1\nlight", render);
    expect(renders).toBe(101);
  });

  it("bounds the cards' data in bytes, so long extracts take their share", async () => {
    const long = (title: string): SummaryResult => ({ ok: true, value: { ...summary(title, title.length), extract: "λ".repeat(2_000) } });
    const calls: string[] = [];
    const cache = createCardCache(
      async (_site, title) => {
        calls.push(title);
        return long(title);
      },
      { maxSummaryBytes: 20_000, maxTitleBytes: 4_000 },
    );
    const titles = Array.from({ length: 50 }, (_, n) => `Page ${"x".repeat(n)}`);
    for (const title of titles) await cache.summary(EN, title);
    expect(cache.bytes).toBeLessThanOrEqual(24_000);
    // The first card's data was dropped: it is asked of the wiki again.
    await cache.summary(EN, titles[0]!);
    expect(calls).toHaveLength(51);
  });

  it("holds no more than its default budget however many cards are shown", () => {
    const cache = createCardCache(fakeWiki().fetcher);
    const html = "<article>".padEnd(50_000, "x");
    for (let n = 1; n <= 500; n++) cache.rendered(`en.wikipedia.org\n${n}`, () => `${html}${n}`);
    expect(cache.bytes).toBeLessThanOrEqual(CACHE_BUDGET.cardRendered);
    expect(cache.bytes).toBeGreaterThan(CACHE_BUDGET.cardRendered / 2);
  });
});
