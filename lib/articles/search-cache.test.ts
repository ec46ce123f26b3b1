import { describe, expect, it } from "vitest";
import { createAppToken, appCredential } from "@/lib/wikimedia/app-token";
import { createWikimediaHttp } from "@/lib/wikimedia/http";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { createRestClient } from "@/lib/wikimedia/rest";
import { parseSite, type Site } from "@/lib/wikimedia/sites";
import { WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { searchPages } from "./read";
import { createVisitorSearchCache } from "./search-cache";

const sb = useSandbox();

function site(host: string): Site {
  const parsed = parseSite(host);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.site;
}
const EN = site("en.wikipedia.org");
const DE = site("de.wikipedia.org");

function setup() {
  const tokens = createTokenClient({
    oauthUrl: `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`,
    clientId: WIKIPORT_CLIENT.key,
    clientSecret: WIKIPORT_CLIENT.secret,
    userAgent: "Wikiport/test",
  });
  const http = createWikimediaHttp({ wikiUrlTemplate: `${sb.url}/{host}/w`, userAgent: "Wikiport/test (search cache tests)", requestTimeoutMs: 2_000, deadlineMs: 2_000 });
  const rest = createRestClient({ http });
  const visitor = appCredential(createAppToken({ tokens }));
  // Not 0: lru-cache takes a start time of 0 for "no TTL".
  const clock = { now: 1_000_000 };
  const cache = createVisitorSearchCache({ ttlMs: 60_000, perf: { now: () => clock.now } });
  const search = (where: Site, words: string, limit = 20) => cache.search(where.host, words, limit, () => searchPages({ rest }, visitor, where, words, limit));
  return { search, clock };
}

async function searchRequests(): Promise<number> {
  const { requests } = (await sb.control("GET", `/requests?endpoint=${encodeURIComponent("rest/search/page")}`)) as { requests: unknown[] };
  return requests.length;
}

describe("visitors' searches, kept for a minute", () => {
  it("40 concurrent searches for the same words and more within the minute cost one request to the wiki", async () => {
    const { search, clock } = setup();
    const results = await Promise.all(Array.from({ length: 40 }, () => search(EN, "solar system")));
    for (const result of results) {
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.map((hit) => hit.title)).toContain("Solar System");
    }
    clock.now += 59_000;
    expect((await search(EN, "solar system")).ok).toBe(true);
    expect(await searchRequests()).toBe(1);

    clock.now += 2_000;
    expect((await search(EN, "solar system")).ok).toBe(true);
    expect(await searchRequests()).toBe(2);
  });

  it("other words, another wiki or another number of results are searches of their own", async () => {
    const { search } = setup();
    await search(EN, "solar system");
    await search(EN, "moon");
    await search(DE, "solar system");
    await search(EN, "solar system", 5);
    await search(EN, "solar system");
    expect(await searchRequests()).toBe(4);
  });

  it("a failed search is returned, not kept: the next visitor asks the wiki again", async () => {
    const { search } = setup();
    await sb.control("POST", "/faults", { endpoint: "rest/search/page", kind: "status", status: 503, count: 10 });
    const failed = await search(EN, "moon");
    expect(failed.ok ? "ok" : failed.error.code).toBe("wikimedia_unavailable");
    await sb.control("DELETE", "/faults");
    const before = await searchRequests();
    const next = await search(EN, "moon");
    expect(next.ok).toBe(true);
    expect(await searchRequests()).toBe(before + 1);
  });
});
