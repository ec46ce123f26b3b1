import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { upstreamSlots } from "@/db/schema";
import { useTestDb } from "@/db/testing";
import { useSandbox, watchOpenRequests } from "@/sandbox/testing";
import { databaseSlots } from "./database-slots";
import { anonymousCredential, createWikimediaHttp } from "./http";
import { createRestClient } from "./rest";
import { SlotTimeout } from "./slots";
import { closedInstance, failure, siteOf, useOtherInstances } from "./testing";

const sb = useSandbox();
const testDb = useTestDb();

const anotherInstance = useOtherInstances(() => testDb.target);

const EN = siteOf("en.wikipedia.org");

function instance(db: Db) {
  const http = createWikimediaHttp({
    wikiUrlTemplate: `${sb.url}/{host}/w`,
    userAgent: "Wikiport/test (slots tests) node",
    requestTimeoutMs: 5_000,
    deadlineMs: 15_000,
    slots: databaseSlots({ db }),
  });
  return createRestClient({ http });
}

describe("at most 3 requests in flight per credential, across instances (docs/wikimedia-protocol.md §7)", () => {
  it("two instances on one database never have more than 3 requests of one credential open at the wiki", async () => {
    const open = watchOpenRequests(sb, "/rest.php/v1/page/");
    try {
      await sb.control("POST", "/faults", { endpoint: "rest/page", kind: "slow", delayMs: 150, count: 12 });
      const [one, two] = [instance(testDb.db), instance(anotherInstance())];
      const reads = Array.from({ length: 12 }, (_, n) => (n % 2 === 0 ? one : two).getPageSource(anonymousCredential, EN, "Moon"));
      const pages = await Promise.all(reads);
      expect(pages.map((page) => page.title)).toEqual(Array(12).fill("Moon"));
      expect(open.max()).toBe(3);
      const { requests } = await sb.control("GET", "/requests?endpoint=rest/page");
      expect(requests.filter((r: { fault: string | null }) => r.fault === "slow")).toHaveLength(12);
    } finally {
      open.stop();
    }
  });

  it("stores the credential as a digest and frees every slot after the requests", async () => {
    await instance(testDb.db).getPageSource(anonymousCredential, EN, "Earth");
    const rows = await testDb.db.select().from(upstreamSlots);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.credential).toMatch(/^[0-9a-f]{64}$/);
      expect(row.holder).toBeNull();
    }
  });

  it("gives a dead holder's slots to another instance once they expire, and not before", async () => {
    let clock = Date.now();
    const now = () => clock;
    const dead = databaseSlots({ db: testDb.db, now });
    const held = await Promise.all([1, 2, 3].map(() => dead.acquire("user:ada", { deadline: clock + 60_000, holdMs: 1_000 })));

    const survivor = databaseSlots({ db: anotherInstance(), now, fallbackMs: 20 });
    await expect(survivor.acquire("user:ada", { deadline: clock, holdMs: 1_000 })).rejects.toBeInstanceOf(SlotTimeout);
    // Another credential is not held up.
    await (await survivor.acquire("user:bob", { deadline: clock, holdMs: 1_000 }))();

    const waiting = survivor.acquire("user:ada", { deadline: clock + 60_000, holdMs: 1_000 });
    clock += 1_001;
    const release = await waiting;

    // The dead holder's late release does not free the slot it lost.
    await Promise.all(held.map((giveBack) => giveBack()));
    const taken = (await testDb.db.select().from(upstreamSlots)).filter((row) => row.holder !== null);
    expect(taken).toHaveLength(1);
    await release();
    expect((await testDb.db.select().from(upstreamSlots)).filter((row) => row.holder !== null)).toEqual([]);
  });

  it("wakes a waiter when a slot is given back, and times it out at its deadline otherwise", async () => {
    const one = databaseSlots({ db: testDb.db, limit: 1, fallbackMs: 60_000 });
    const two = databaseSlots({ db: testDb.db, limit: 1, fallbackMs: 60_000 });
    const release = await one.acquire("app", { deadline: Date.now() + 60_000, holdMs: 60_000 });
    await expect(two.acquire("app", { deadline: Date.now() + 50, holdMs: 60_000 })).rejects.toBeInstanceOf(SlotTimeout);
    const waiting = two.acquire("app", { deadline: Date.now() + 30_000, holdMs: 60_000 });
    await release();
    // Within the test's timeout only if the release woke it: the fallback is a minute.
    await (await waiting)();
  });

  it("reports a database that does not answer as a stable error, without the query or its parameters", async () => {
    const gone = await closedInstance(testDb.target);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = await failure(instance(gone).getPageSource(anonymousCredential, EN, "Earth"));
    const lines = logged.mock.calls.map((call) => String(call[0]));
    logged.mockRestore();
    expect(error.code).toBe("wikimedia_unavailable");
    expect(error.message).toBe("Wikiport cannot reach Wikimedia right now because its own database did not answer. Try again in a few minutes.");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", event: "wikimedia.slots_unavailable" });
    expect(lines[0]).not.toMatch(/upstream_slots|select|update/i);
    const { requests } = await sb.control("GET", "/requests?endpoint=rest/page");
    expect(requests).toEqual([]);
  });
});
