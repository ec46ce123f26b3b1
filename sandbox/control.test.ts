import { describe, expect, it } from "vitest";
import { useSandbox } from "./testing";

const sb = useSandbox();

describe("sandbox control API", () => {
  it("lists the demo accounts and Wikiport's consumer", async () => {
    const info = await sb.control("GET", "/info");
    expect(info.users.map((u: { name: string }) => u.name)).toEqual(["Ada Editor", "Nico Newcomer", "Blake Blocked", "Ana Admin", "Wanda Wanderer"]);
    expect(info.consumer.clientId).toMatch(/^[0-9a-f]{32}$/);
    expect(info.wikis.map((w: { host: string }) => w.host)).toContain("he.wikipedia.org");
  });

  it("advances the clock", async () => {
    const before = await sb.control("GET", "/clock");
    const after = await sb.control("POST", "/clock", { advanceSeconds: 3600 });
    expect(after.offsetMs - before.offsetMs).toBe(3_600_000);
  });

  it("rejects a fault without an endpoint with a clear message", async () => {
    const response = await fetch(`${sb.url}/__sandbox/faults`, { method: "POST", body: JSON.stringify({ kind: "hang" }) });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toContain("endpoint");
  });

  it("answers an unknown wiki with a 404 page that names it", async () => {
    const response = await fetch(`${sb.url}/xx.wikipedia.org/w/api.php`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("xx.wikipedia.org");
  });

  it("logs when each request started and ended, and whose credential it spent", async () => {
    const ada = await sb.token("Ada Editor");
    const page = (title: string) => fetch(`${sb.wiki()}/rest.php/v1/page/${title}`, { headers: { authorization: `Bearer ${ada}` } });
    await sb.control("POST", "/faults", { endpoint: "rest/page", kind: "slow", delayMs: 150, count: 2 });
    // Two at once, held open by the fault; then one on its own after both have been answered.
    await Promise.all([page("Moon"), page("Earth")]);
    await page("Sun");
    await fetch(`${sb.wiki()}/rest.php/v1/page/Moon`);

    type Entry = { started: number; ended: number; credential: string | null; path: string };
    const { requests } = (await sb.control("GET", "/requests?endpoint=rest/page")) as { requests: Entry[] };
    expect(requests.map((entry) => entry.credential)).toEqual(["user:Ada Editor", "user:Ada Editor", "user:Ada Editor", null]);
    for (const entry of requests) expect(entry.ended).toBeGreaterThan(entry.started);
    const [first, second, alone] = requests as [Entry, Entry, Entry];
    const overlap = (a: Entry, b: Entry) => a.started < b.ended && b.started < a.ended;
    expect(overlap(first, second)).toBe(true);
    expect(overlap(alone, first) || overlap(alone, second)).toBe(false);
    // Held by the fault for 150 ms: the times are those of the request, not of the log entry.
    expect(first.ended - first.started).toBeGreaterThanOrEqual(140);
  });
});
