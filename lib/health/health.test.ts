import { describe, expect, it } from "vitest";
import { TEST_ENGINE, useTestDb } from "@/db/testing";
import { checkHealth } from "./index";

const testDb = useTestDb();

describe(`the health check (${TEST_ENGINE})`, () => {
  it("is ok while the database answers, and names the database when it does not", async () => {
    expect(await checkHealth(testDb.db)).toEqual({ ok: true });
    await testDb.db.close();
    expect(await checkHealth(testDb.db)).toEqual({ ok: false, reason: "database_unavailable" });
  });
});
