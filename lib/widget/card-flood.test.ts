/**
 * A card read during one address's flood of page reads (issue 14, goal g): it reaches the wiki after a
 * few of the flood's queued reads, not after all of them, also when the card and the pages run in
 * separate copies of Wikiport's modules, as Next.js loads the `/embed/` route and the `/wiki/` page
 * (lib/process-wide.ts). Through the real wiring (lib/wiring.ts, lib/widget/server.ts) on the test
 * database, against the sandbox over HTTP; counts and orders, not timings.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { useTestDb } from "@/db/testing";
import { mediaPrefixFor } from "@/lib/articles/media";
import { PROCESS_WIDE } from "@/lib/process-wide";
import { siteOf } from "@/lib/wikimedia/testing";
import { useSandbox } from "@/sandbox/testing";

// The marker throws when imported outside React's server condition; Next.js loads these modules there.
vi.mock("server-only", () => ({}));

const sb = useSandbox();
const testDb = useTestDb();
const EN = siteOf("en.wikipedia.org");
const APP = "http://wikiport.test";
const FLOODER = "198.51.100.7";
const READER = "203.0.113.9";
const FLOOD = 24;

const stops: (() => void)[] = [];

beforeEach(() => {
  const target = testDb.target;
  vi.stubEnv("WIKIPORT_URL", APP);
  vi.stubEnv("AUTH_SECRET", randomBytes(33).toString("base64"));
  vi.stubEnv("WIKIPORT_KEYS", `k1=${randomBytes(32).toString("base64url")}`);
  vi.stubEnv("WIKIPORT_ACTIVE_KEY", "k1");
  vi.stubEnv("WIKIMEDIA_MODE", "sandbox");
  vi.stubEnv("WIKIMEDIA_SANDBOX_URL", sb.url);
  vi.stubEnv("WIKIPORT_TRUSTED_PROXY_HOPS", "1");
  vi.stubEnv("DATABASE_URL", target.engine === "postgres" ? target.url : "");
  vi.stubEnv("DATABASE_PATH", target.engine === "sqlite" ? target.path : "unused.db");
});

afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  // The process's objects were made on this test's database; the next test gets its own.
  const holder = globalThis as typeof globalThis & { [PROCESS_WIDE]?: Map<string, unknown> };
  await (holder[PROCESS_WIDE]?.get("db") as Db | undefined)?.close();
  delete holder[PROCESS_WIDE];
  vi.unstubAllEnvs();
});

/** A fresh copy of the modules a route or a page loads, as each of Next.js's module runtimes has one. */
async function moduleRuntime() {
  vi.resetModules();
  return {
    wiring: await import("@/lib/wiring"),
    db: await import("@/lib/db"),
    cards: await import("@/lib/widget/server"),
    articles: await import("@/lib/articles/read"),
    htmlCache: await import("@/lib/articles/html-cache"),
    http: await import("@/lib/wikimedia/http"),
  };
}

/** What reaches the sandbox, in order: article reads by title, and "card" for an Action API request. */
function watchArrivals(): string[] {
  const arrivals: string[] = [];
  const observe = (req: IncomingMessage) => {
    const url = req.url ?? "";
    const page = /\/rest\.php\/v1\/page\/([^/?]+)\/with_html/.exec(url);
    if (page) arrivals.push(decodeURIComponent(page[1]!));
    else if (url.includes("/api.php")) arrivals.push("card");
  };
  sb.sandbox.server.on("request", observe);
  stops.push(() => void sb.sandbox.server.off("request", observe));
  return arrivals;
}

function cardRequest(title: string) {
  return new Request(`${APP}/embed/${EN.host}/${title}`, { headers: { "x-forwarded-for": READER } });
}

describe("a card during a flood of page reads from one address", () => {
  it("reaches the wiki after a few of the flood's queued reads, with the page and the card in separate module runtimes", async () => {
    const page = await moduleRuntime();
    const route = await moduleRuntime();
    // One request layer and one database per process, whichever runtime asks.
    expect(route.wiring.getWikimedia()).toBe(page.wiring.getWikimedia());
    expect(route.db.getDb()).toBe(page.db.getDb());

    const wikimedia = page.wiring.getWikimedia();
    const deps = {
      rest: wikimedia.rest,
      wikiUrlTemplate: `${sb.url}/{host}/w`,
      mediaPrefix: mediaPrefixFor({ mode: "sandbox", sandboxUrl: sb.url }),
      cache: page.htmlCache.createHtmlCache(),
    };
    // As lib/articles/server.ts reads for a visitor: the app token, queued under the client's address.
    const readPage = (title: string) => page.articles.readArticle(deps, page.http.waitingAs(wikimedia.asVisitor(), FLOODER), EN, title);
    const cards = route.cards.getCardResponder();
    // The app token and a first card before the wiki slows down, so that nothing but slots is waited for.
    expect(await readPage("Earth")).toMatchObject({ ok: true });
    expect((await cards.publicCard(cardRequest("Sun"), EN.host, ["Sun"])).status).toBe(200);

    await sb.control("POST", "/faults", { endpoint: "rest/page/with_html", kind: "slow", delayMs: 100, count: 1_000 });
    const arrivals = watchArrivals();
    const flood = Array.from({ length: FLOOD }, (_, n) => readPage(`Flood_${n}`));
    // The flood's first three are at the wiki: every other read of it is queued behind them.
    await expect.poll(() => arrivals.length).toBeGreaterThanOrEqual(3);
    const card = await cards.publicCard(cardRequest("Main_Page"), EN.host, ["Main_Page"]);
    expect(card.status).toBe(200);
    const before = arrivals.indexOf("card");
    // Separate gates per runtime put it after all 24 (it polled, the page's waiters were woken at once):
    // now 3 in flight, then turns by address.
    expect(before).toBeGreaterThanOrEqual(0);
    expect(before).toBeLessThanOrEqual(6);
    const floodCodes = (await Promise.all(flood)).map((result) => (result.ok ? "ok" : result.error.code));
    expect(floodCodes).toEqual(Array.from({ length: FLOOD }, () => "not_found"));
  });
});
