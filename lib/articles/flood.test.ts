/**
 * A flood of visitor reads from one client address, with the wiki slowed (issue 14, goal g): another
 * address's read still reaches the wiki after a few of the flood's queued requests, not after all of
 * them, with the slots of this process and with the database's slots every instance shares; and the
 * flood costs at most one upstream request per distinct title, existing or not. Counts and orders, not
 * timings: the order is the order in which requests arrive at the sandbox.
 */
import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { useTestDb } from "@/db/testing";
import { appCredential, createAppToken } from "@/lib/wikimedia/app-token";
import { databaseSlots } from "@/lib/wikimedia/database-slots";
import { createWikimediaHttp, waitingAs } from "@/lib/wikimedia/http";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { createRestClient } from "@/lib/wikimedia/rest";
import { localSlots, type SlotPool } from "@/lib/wikimedia/slots";
import { siteOf } from "@/lib/wikimedia/testing";
import { WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { createHtmlCache } from "./html-cache";
import { mediaPrefixFor } from "./media";
import { readArticle, type ReadDeps } from "./read";
import { createVisitorPageCache } from "./visitor-cache";

const sb = useSandbox();
const testDb = useTestDb();
const EN = siteOf("en.wikipedia.org");

const FLOODER = "198.51.100.7";
const VISITOR = "203.0.113.9";
const FLOOD = 24;

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** The titles of page reads in the order they arrive at the sandbox. */
function watchArrivals(): string[] {
  const arrivals: string[] = [];
  const observe = (req: IncomingMessage) => {
    const match = /\/rest\.php\/v1\/page\/([^/?]+)\/with_html/.exec(req.url ?? "");
    if (match) arrivals.push(decodeURIComponent(match[1]!));
  };
  sb.sandbox.server.on("request", observe);
  stops.push(() => void sb.sandbox.server.off("request", observe));
  return arrivals;
}

async function setup(slots: SlotPool) {
  const oauthUrl = `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
  const tokens = createTokenClient({ oauthUrl, clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test" });
  const wikiUrlTemplate = `${sb.url}/{host}/w`;
  const http = createWikimediaHttp({ wikiUrlTemplate, userAgent: "Wikiport/test (flood tests)", requestTimeoutMs: 10_000, deadlineMs: 20_000, slots });
  const deps: ReadDeps = {
    rest: createRestClient({ http }),
    wikiUrlTemplate,
    mediaPrefix: mediaPrefixFor({ mode: "sandbox", sandboxUrl: sb.url }),
    cache: createHtmlCache(),
  };
  const appToken = createAppToken({ tokens });
  // The token first, so that every read of the flood queues for a slot at once.
  await appToken.get();
  const visitor = appCredential(appToken);
  const pages = createVisitorPageCache();
  const read = (address: string, title: string) => {
    const as = waitingAs(visitor, address);
    return pages.read(EN.host, title, () => readArticle(deps, as, EN, title));
  };
  return { read };
}

async function slowWiki(): Promise<void> {
  await sb.control("POST", "/faults", { endpoint: "rest/page/with_html", kind: "slow", delayMs: 100, count: 1_000 });
}

async function pageReads(): Promise<number> {
  const { requests } = (await sb.control("GET", `/requests?endpoint=${encodeURIComponent("rest/page/with_html")}`)) as { requests: unknown[] };
  return requests.length;
}

describe.each([
  ["this process's slots", () => localSlots(3)],
  ["the database's slots", () => databaseSlots({ db: testDb.db })],
])("visitors take turns for the app token's slots (%s)", (_name, slots) => {
  it("another address's first read reaches the wiki after a few of the flood's queued reads, not all", async () => {
    const { read } = await setup(slots());
    await slowWiki();
    const arrivals = watchArrivals();
    const flood = Array.from({ length: FLOOD }, (_, n) => read(FLOODER, `Flood_${n}`));
    // The flood's first three are at the wiki: every other read of it is queued behind them.
    await expect.poll(() => arrivals.length).toBeGreaterThanOrEqual(3);
    const visitor = await read(VISITOR, "Moon");
    expect(visitor).toMatchObject({ ok: true, value: { title: "Moon" } });
    const before = arrivals.indexOf("Moon");
    // First come, first served put it after all 24: now 3 in flight plus at most 3 queued before it.
    expect(before).toBeGreaterThanOrEqual(0);
    expect(before).toBeLessThanOrEqual(6);
    expect((await Promise.all(flood)).every((result) => !result.ok && result.error.code === "not_found")).toBe(true);
  });
});

describe("a flood costs at most one upstream request per distinct title", () => {
  it("repeated and nonexistent titles, concurrent and again after: one read each", async () => {
    const { read } = await setup(localSlots(3));
    await slowWiki();
    const titles = [...Array.from({ length: 6 }, (_, n) => `Nowhere_${n}`), "Moon", "Earth"];
    const flood = () => Promise.all(titles.flatMap((title) => Array.from({ length: 5 }, () => read(FLOODER, title))));
    const first = await flood();
    const again = await flood();
    for (const results of [first, again]) {
      expect(results.filter((result) => result.ok)).toHaveLength(10);
      expect(results.filter((result) => !result.ok && result.error.code === "not_found")).toHaveLength(30);
    }
    expect(await pageReads()).toBe(titles.length);
  });

  it("a missing page is one request, not two", async () => {
    const { read } = await setup(localSlots(3));
    expect(await read(VISITOR, "No_such_page_here")).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await pageReads()).toBe(1);
  });
});
