import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { grants, users } from "@/db/schema";
import { useTestDb } from "@/db/testing";
import { keyIdOf, open, seal } from "@/lib/crypto/sealed";
import { countStale, resealAll } from "./rotate";
import { rotationKeyRings } from "./testing";

const { oldRing, bothRing, newRing } = rotationKeyRings();

const testDb = useTestDb();

async function addGrants(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const userId = (await testDb.db.insert(users).values({ name: `User ${i}` }).returning())[0]!.id;
    const id = `grant-${i}`;
    const owner = `user:${userId}/grant:${id}`;
    await testDb.db
      .insert(grants)
      .values({
        id,
        userId,
        oauthServer: "https://meta.wikimedia.org/w/rest.php/oauth2",
        wikimediaUserId: String(1000 + i),
        accessToken: seal(oldRing, `access-${i}`, { purpose: "grants.access_token", owner }),
        refreshToken: seal(oldRing, `refresh-${i}`, { purpose: "grants.refresh_token", owner }),
      });
    ids.push(id);
  }
  return ids;
}

describe("resealAll (npm run keys:rotate)", () => {
  it("moves every value to the active key, keeps them readable, and then the old key can go", async () => {
    await addGrants(250);
    expect(await countStale(testDb.db, bothRing)).toEqual({ "grants.access_token": 250, "grants.refresh_token": 250, "personal_tokens.token": 0, "app_tokens.token": 0 });
    const reports: string[] = [];
    const result = await resealAll(testDb.db, bothRing, (progress) => reports.push(`${progress.column} ${progress.done}`));
    expect(result).toEqual([
      { column: "grants.access_token", done: 250, total: 250, skipped: 0 },
      { column: "grants.refresh_token", done: 250, total: 250, skipped: 0 },
      { column: "personal_tokens.token", done: 0, total: 0, skipped: 0 },
      { column: "app_tokens.token", done: 0, total: 0, skipped: 0 },
    ]);
    expect(reports).toEqual(["grants.access_token 100", "grants.access_token 200", "grants.access_token 250", "grants.refresh_token 100", "grants.refresh_token 200", "grants.refresh_token 250"]);
    expect(await countStale(testDb.db, bothRing)).toEqual({ "grants.access_token": 0, "grants.refresh_token": 0, "personal_tokens.token": 0, "app_tokens.token": 0 });

    for (const row of (await testDb.db.select().from(grants))) {
      const owner = `user:${row.userId}/grant:${row.id}`;
      expect(keyIdOf(row.refreshToken!)).toBe("k2");
      expect(open(newRing, row.refreshToken!, { purpose: "grants.refresh_token", owner })).toMatch(/^refresh-\d+$/);
      expect(open(newRing, row.accessToken!, { purpose: "grants.access_token", owner })).toMatch(/^access-\d+$/);
    }
  });

  it("fails closed when the old key is removed before the job ran", async () => {
    const [id] = await addGrants(1);
    const row = (await testDb.db.select().from(grants).where(eq(grants.id, id!)))[0]!;
    expect(() => open(newRing, row.refreshToken!, { purpose: "grants.refresh_token", owner: `user:${row.userId}/grant:${id}` })).toThrow(
      /not in the key ring/,
    );
  });

  it("skips a row whose refresh lease is held, never changes versions, and finishes on the next run", async () => {
    const [busy] = await addGrants(3);
    await testDb.db.update(grants).set({ leaseOwner: "other-process", leaseUntil: new Date(Date.now() + 30_000) }).where(eq(grants.id, busy!));
    expect((await resealAll(testDb.db, bothRing)).slice(0, 2)).toEqual([
      { column: "grants.access_token", done: 2, total: 3, skipped: 1 },
      { column: "grants.refresh_token", done: 2, total: 3, skipped: 1 },
    ]);
    expect(await countStale(testDb.db, bothRing)).toMatchObject({ "grants.access_token": 1, "grants.refresh_token": 1 });
    expect((await testDb.db.select({ v: grants.version }).from(grants)).map((r) => r.v)).toEqual([0, 0, 0]);

    await testDb.db.update(grants).set({ leaseOwner: null, leaseUntil: null }).where(eq(grants.id, busy!));
    expect((await resealAll(testDb.db, bothRing)).map((column) => column.done)).toEqual([1, 1, 0, 0]);
    expect(await countStale(testDb.db, bothRing)).toEqual({ "grants.access_token": 0, "grants.refresh_token": 0, "personal_tokens.token": 0, "app_tokens.token": 0 });
  });
});
