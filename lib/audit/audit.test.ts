import { describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { useTestDb } from "@/db/testing";
import { log } from "@/lib/log";
import { describeAudit, recentAudit, recordAudit } from "./index";

const testDb = useTestDb();

async function user(name: string): Promise<string> {
  return (await testDb.db.insert(users).values({ name }).returning())[0]!.id;
}

describe("the activity log", () => {
  it("keeps each user's events apart, newest first, and limited", async () => {
    const ada = await user("Ada Editor");
    const ana = await user("Ana Admin");
    const t0 = Date.UTC(2026, 10, 23, 12);
    for (let i = 0; i < 25; i++) {
      await recordAudit(testDb.db, log, { userId: ada, action: "edit", wiki: "en.wikipedia.org", title: `Page_${i}`, revisionId: 1000 + i, result: "ok" }, new Date(t0 + i * 1000));
    }
    await recordAudit(testDb.db, log, { userId: ana, action: "watch", wiki: "de.wikipedia.org", title: "Erde", result: "ok" }, new Date(t0));
    const events = await recentAudit(testDb.db, ada);
    expect(events).toHaveLength(20);
    expect(events[0]).toMatchObject({ title: "Page 24", revisionId: 1024, result: "ok" });
    expect((await recentAudit(testDb.db, ana)).map(describeAudit)).toEqual(["Watched Erde on de.wikipedia.org"]);
  });

  it("describes account events without a page", async () => {
    expect(describeAudit({ action: "disconnect", wiki: null, title: null })).toBe("Disconnected Wikiport from Wikimedia");
    expect(describeAudit({ action: "add_section", wiki: "en.wikipedia.org", title: "Talk:Moon" })).toBe("Added a section to Talk:Moon on en.wikipedia.org");
  });

  it("never fails the action it records: a write error is logged instead", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await recordAudit(testDb.db, log, { userId: "no-such-user", action: "edit", result: "ok" });
    expect(error.mock.calls.join("\n")).toContain("audit.record_failed");
    error.mockRestore();
  });
});
