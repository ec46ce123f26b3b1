import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sessions, users } from "@/db/schema";
import { useTestDb } from "@/db/testing";
import { createAuthConfig } from "@/lib/auth/config";
import { parseConfig } from "@/lib/env";
import { createVault } from "@/lib/grants/vault";
import { log } from "@/lib/log";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { listSessions, sessionLabel, SESSION_MAX_AGE_SECONDS } from "./sessions";

const testDb = useTestDb();
const DAY = 24 * 3600 * 1000;

async function addUser(name: string) {
  return (await testDb.db.insert(users).values({ name }).returning())[0]!.id;
}

describe("listSessions", () => {
  it("lists the user's unexpired sessions, this one first, labelled without the token", async () => {
    const now = new Date(100 * DAY);
    const ada = await addUser("Ada Editor");
    const ana = await addUser("Ana Admin");
    const tokens = { laptop: randomBytes(16).toString("hex"), phone: randomBytes(16).toString("hex"), old: randomBytes(16).toString("hex"), ana: randomBytes(16).toString("hex") };
    await testDb.db
      .insert(sessions)
      .values([
        { sessionToken: tokens.laptop, userId: ada, expires: new Date(now.getTime() + 10 * DAY) },
        { sessionToken: tokens.phone, userId: ada, expires: new Date(now.getTime() + 13 * DAY) },
        { sessionToken: tokens.old, userId: ada, expires: new Date(now.getTime() - 1) },
        { sessionToken: tokens.ana, userId: ana, expires: new Date(now.getTime() + 5 * DAY) },
      ]);

    const listed = await listSessions(testDb.db, ada, tokens.laptop, now);
    expect(listed).toEqual([
      { label: sessionLabel(tokens.laptop), current: true, renewedAt: new Date(now.getTime() - 4 * DAY), expiresAt: new Date(now.getTime() + 10 * DAY) },
      { label: sessionLabel(tokens.phone), current: false, renewedAt: new Date(now.getTime() - DAY), expiresAt: new Date(now.getTime() + 13 * DAY) },
    ]);
    expect(listed.every((session) => /^[0-9a-f]{8}$/.test(session.label))).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(tokens.laptop);
    expect(JSON.stringify(listed)).not.toContain(tokens.phone.slice(0, 8));
    expect((await listSessions(testDb.db, ada, undefined, now)).some((session) => session.current)).toBe(false);
  });

  it("derives the start from the same maxAge Auth.js is configured with", async () => {
    const config = parseConfig({
      NODE_ENV: "test",
      AUTH_SECRET: randomBytes(33).toString("base64"),
      WIKIMEDIA_MODE: "sandbox",
      WIKIPORT_KEYS: `k1=${randomBytes(32).toString("base64url")}`,
      WIKIPORT_ACTIVE_KEY: "k1",
    });
    const vault = createVault({
      db: testDb.db,
      keyRing: config.vault.keyRing,
      tokens: createTokenClient({ ...config.wikimedia, userAgent: "test" }),
      oauthServer: config.wikimedia.oauthUrl,
      refreshSkewSeconds: 120,
      log,
    });
    expect(createAuthConfig({ config, db: testDb.db, vault, log }).session?.maxAge).toBe(SESSION_MAX_AGE_SECONDS);
  });
});
