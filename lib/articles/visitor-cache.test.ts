import { describe, expect, it } from "vitest";
import { createAppToken, appCredential } from "@/lib/wikimedia/app-token";
import { createWikimediaHttp } from "@/lib/wikimedia/http";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { createRestClient } from "@/lib/wikimedia/rest";
import { parseSite, type Site } from "@/lib/wikimedia/sites";
import { WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { createHtmlCache } from "./html-cache";
import { mediaPrefixFor } from "./media";
import { readArticle, type ReadDeps } from "./read";
import { createVisitorPageCache } from "./visitor-cache";

const sb = useSandbox();

const EN = (() => {
  const parsed = parseSite("en.wikipedia.org");
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.site;
})() satisfies Site;

function setup() {
  const oauthUrl = `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
  const tokens = createTokenClient({ oauthUrl, clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test" });
  const wikiUrlTemplate = `${sb.url}/{host}/w`;
  const http = createWikimediaHttp({ wikiUrlTemplate, userAgent: "Wikiport/test (visitor cache tests)", requestTimeoutMs: 2_000, deadlineMs: 2_000 });
  const deps: ReadDeps = {
    rest: createRestClient({ http }),
    wikiUrlTemplate,
    mediaPrefix: mediaPrefixFor({ mode: "sandbox", sandboxUrl: sb.url }),
    cache: createHtmlCache(),
  };
  const visitor = appCredential(createAppToken({ tokens }));
  // Not 0: lru-cache takes a start time of 0 for "no TTL".
  const clock = { now: 1_000_000 };
  const pages = createVisitorPageCache({ ttlMs: 60_000, perf: { now: () => clock.now } });
  const read = (title: string) => pages.read(EN.host, title, () => readArticle(deps, visitor, EN, title));
  return { read, clock };
}

async function pageReads(): Promise<number> {
  const { requests } = (await sb.control("GET", `/requests?endpoint=${encodeURIComponent("rest/page/with_html")}`)) as { requests: unknown[] };
  return requests.length;
}

describe("visitors' pages, cached for a minute", () => {
  it("50 concurrent views and more within the minute cost one read from the wiki", async () => {
    const { read } = setup();
    const results = await Promise.all(Array.from({ length: 50 }, () => read("Solar_System")));
    expect(results.every((result) => result.ok)).toBe(true);
    expect((await read("Solar_System")).ok).toBe(true);
    expect(await pageReads()).toBe(1);
  });

  it("after the minute the last page is served while the latest revision is fetched once", async () => {
    const { read, clock } = setup();
    const first = await read("Solar_System");
    if (!first.ok) throw new Error(first.error.message);
    clock.now += 61_000;
    const stale = await read("Solar_System");
    expect(stale.ok && stale.value.revisionId).toBe(first.value.revisionId);
    await expect.poll(pageReads).toBe(2);
    expect(await read("Solar_System")).toMatchObject({ ok: true });
    expect(await pageReads()).toBe(2);
  });

  it("a failure is returned and kept for ten seconds, then the next view asks the wiki again", async () => {
    const { read, clock } = setup();
    await sb.control("POST", "/faults", { endpoint: "rest/page/with_html", kind: "status", status: 503, count: 10 });
    const failed = await read("Moon");
    expect(failed).toMatchObject({ ok: false, error: { code: "wikimedia_unavailable" } });
    await sb.control("DELETE", "/faults");
    expect(await read("Moon")).toMatchObject({ ok: false, error: { code: "wikimedia_unavailable" } });
    expect(await pageReads()).toBe(1);
    clock.now += 10_001;
    expect(await read("Moon")).toMatchObject({ ok: true });
    expect(await pageReads()).toBe(2);
  });

  it("a missing page is kept for thirty seconds", async () => {
    const { read, clock } = setup();
    expect(await read("Not_yet_written")).toMatchObject({ ok: false, error: { code: "not_found" } });
    clock.now += 29_000;
    expect(await read("Not_yet_written")).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await pageReads()).toBe(1);
    clock.now += 1_001;
    expect(await read("Not_yet_written")).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await pageReads()).toBe(2);
  });

  it("when refreshing fails, visitors keep getting the last good page", async () => {
    const { read, clock } = setup();
    expect(await read("Earth")).toMatchObject({ ok: true });
    await sb.control("POST", "/faults", { endpoint: "rest/page/with_html", kind: "status", status: 503, count: 10 });
    clock.now += 61_000;
    expect(await read("Earth")).toMatchObject({ ok: true, value: { title: "Earth" } });
    expect(await read("Earth")).toMatchObject({ ok: true, value: { title: "Earth" } });
  });
});
