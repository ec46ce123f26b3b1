import { describe, expect, it } from "vitest";
import { useSandbox } from "../testing";

const sb = useSandbox();
const rest = () => `${sb.wiki()}/rest.php/v1`;

describe("GET /v1/page/{title}/history", () => {
  it("returns 20 revisions, newest first, in the documented shape", async () => {
    const response = await fetch(`${rest()}/page/Solar_System/history`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.revisions).toHaveLength(20);
    expect(body.latest).toBe(`${rest()}/page/Solar_System/history`);
    const ids = body.revisions.map((revision: any) => revision.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    for (const revision of body.revisions) {
      expect(Object.keys(revision).sort()).toEqual(["comment", "delta", "id", "minor", "size", "timestamp", "user"]);
      expect(Number.isInteger(revision.size)).toBe(true);
      expect(typeof revision.minor).toBe("boolean");
      expect(revision.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(typeof revision.user.name).toBe("string");
    }
    expect(body.older).toBe(`${rest()}/page/Solar_System/history?older_than=${ids[19]}`);
    expect(body.newer).toBeUndefined();
  });

  it("pages back with older_than and forward with newer_than", async () => {
    const first = await (await fetch(`${rest()}/page/Solar_System/history`)).json();
    const second = await (await fetch(first.older)).json();
    expect(second.revisions.length).toBeGreaterThan(0);
    expect(second.revisions[0].id).toBeLessThan(first.revisions[19].id);
    expect(second.older).toBeUndefined();
    expect(second.newer).toBe(`${rest()}/page/Solar_System/history?newer_than=${second.revisions[0].id}`);
    const oldest = second.revisions[second.revisions.length - 1];
    expect(oldest.delta).toBeNull();
    const back = await (await fetch(second.newer)).json();
    expect(back.revisions.map((r: any) => r.id)).toEqual(first.revisions.map((r: any) => r.id));
    expect(back.newer).toBeUndefined();
    expect(back.older).toBeDefined();
  });

  it("computes delta from the parent revision and records logged-out editors with a null id", async () => {
    const body = await (await fetch(`${rest()}/page/Earth/history`)).json();
    const [, , ipEdit, created] = body.revisions;
    expect(ipEdit.user).toEqual({ id: null, name: "203.0.113.45" });
    expect(ipEdit.delta).toBe(ipEdit.size - created.size);
    expect(created.user).toEqual({ id: 1001, name: "Ada Editor" });
  });

  it("filters by anonymous, minor and reverted", async () => {
    const anonymous = await (await fetch(`${rest()}/page/Solar_System/history?filter=anonymous`)).json();
    expect(anonymous.revisions.length).toBeGreaterThan(0);
    expect(anonymous.revisions.every((r: any) => r.user.id === null)).toBe(true);
    expect(anonymous.latest).toBe(`${rest()}/page/Solar_System/history?filter=anonymous`);
    const minor = await (await fetch(`${rest()}/page/Solar_System/history?filter=minor`)).json();
    expect(minor.revisions.length).toBe(2);
    expect(minor.revisions.every((r: any) => r.minor)).toBe(true);
    const reverted = await (await fetch(`${rest()}/page/Solar_System/history?filter=reverted`)).json();
    expect(reverted.revisions).toHaveLength(1);
    expect(reverted.revisions[0].user.name).toBe("198.51.100.23");
    const bot = await (await fetch(`${rest()}/page/Solar_System/history?filter=bot`)).json();
    expect(bot.revisions).toEqual([]);
  });

  it("rejects bad parameters", async () => {
    const both = await fetch(`${rest()}/page/Earth/history?older_than=110&newer_than=100`);
    expect(both.status).toBe(400);
    expect((await both.json()).errorKey).toBe("rest-pagehistory-incompatible-params");
    const notInteger = await fetch(`${rest()}/page/Earth/history?older_than=abc`);
    expect(notInteger.status).toBe(400);
    expect(await notInteger.json()).toMatchObject({ error: "parameter-validation-failed", name: "older_than", value: "abc", failureCode: "badinteger" });
    const badFilter = await fetch(`${rest()}/page/Earth/history?filter=everything`);
    expect(badFilter.status).toBe(400);
    expect((await badFilter.json()).failureCode).toBe("badvalue");
  });

  it("answers 404 for an unknown page and for a revision of another page", async () => {
    const missing = await fetch(`${rest()}/page/No_such_page/history`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).errorKey).toBe("rest-nonexistent-title");
    const moon = await (await fetch(`${rest()}/page/Moon/history`)).json();
    const foreign = await fetch(`${rest()}/page/Earth/history?older_than=${moon.revisions[0].id}`);
    expect(foreign.status).toBe(404);
    const body = await foreign.json();
    expect(body.errorKey).toBe("rest-nonexistent-title-revision");
    // PageHistoryHandler sends the message only (1.39, contract/client-modules.test.ts): no invented `revid`.
    expect(body).not.toHaveProperty("revid");
  });

  it("redirects a non-normalized title with 301", async () => {
    const response = await fetch(`${rest()}/page/Solar%20System/history?filter=minor`, { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/en.wikipedia.org/w/rest.php/v1/page/Solar_System/history?filter=minor");
  });
});
