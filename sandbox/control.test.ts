import { describe, expect, it } from "vitest";
import { useSandbox } from "./testing";

const sb = useSandbox();

describe("sandbox control API", () => {
  it("lists the demo accounts and Wikiport's consumer", async () => {
    const info = await sb.control("GET", "/info");
    expect(info.users.map((u: { name: string }) => u.name)).toEqual(["Ada Editor", "Nico Newcomer", "Blake Blocked", "Ana Admin"]);
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
});
