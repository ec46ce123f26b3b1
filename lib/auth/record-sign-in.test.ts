import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, grants, users, wikimediaProfiles } from "@/db/schema";
import { useTestDb } from "@/db/testing";
import { SEALED_ENVELOPE, randomKeyRing } from "@/lib/grants/testing";
import { open } from "@/lib/crypto/sealed";
import { createVault } from "@/lib/grants/vault";
import { log } from "@/lib/log";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { recordSignIn } from "./record-sign-in";

const keyRing = randomKeyRing();
const ENVELOPE = SEALED_ENVELOPE;

const testDb = useTestDb();

function vault() {
  return createVault({
    db: testDb.db,
    keyRing,
    // Never called: storing tokens needs no network.
    tokens: createTokenClient({ oauthUrl: "http://127.0.0.1:9/oauth2", clientId: "x", clientSecret: "y", userAgent: "test" }),
    oauthServer: "https://meta.wikimedia.org/w/rest.php/oauth2",
    refreshSkewSeconds: 120,
    log,
  });
}

function profile(overrides: Record<string, unknown> = {}) {
  return {
    sub: "1001",
    username: "Ada Editor",
    editcount: 1523,
    confirmed_email: true,
    email_verified: true,
    blocked: false,
    registered: "20190314093000",
    groups: ["*", "user", "autoconfirmed"],
    rights: ["edit", "read"],
    grants: ["basic", "editpage"],
    ...overrides,
  };
}

function account(accessToken: string, refreshToken: string, providerAccountId = "1001") {
  return { provider: "wikimedia", type: "oauth", providerAccountId, access_token: accessToken, refresh_token: refreshToken, expires_in: 14400, token_type: "Bearer" };
}

describe("recordSignIn", () => {
  it("creates the user, a token-free account link, the profile and a sealed grant", async () => {
    const { userId } = await recordSignIn({ db: testDb.db, vault: vault() }, { account: account("access-1", "refresh-1"), profile: profile() });
    const db = testDb.db;

    expect((await db.select().from(users).where(eq(users.id, userId)))[0]).toMatchObject({ name: "Ada Editor", email: null });
    expect((await db.select().from(accounts))).toEqual([
      expect.objectContaining({ userId, provider: "wikimedia", providerAccountId: "1001", access_token: null, refresh_token: null }),
    ]);
    expect((await db.select().from(wikimediaProfiles))[0]).toMatchObject({
      userId,
      username: "Ada Editor",
      groups: ["*", "user", "autoconfirmed"],
      editCount: 1523,
      blocked: false,
      registeredAt: new Date(Date.UTC(2019, 2, 14, 9, 30)),
    });
    const grant = (await db.select().from(grants).where(eq(grants.userId, userId)))[0]!;
    expect(grant.accessToken).toMatch(ENVELOPE);
    expect(grant.scopes).toBe("basic editpage");
    expect(open(keyRing, grant.accessToken!, { purpose: "grants.access_token", owner: `user:${userId}/grant:${grant.id}` })).toBe("access-1");
  });

  it("overwrites the tokens and clears a reconnect state on a later sign-in (next-auth #3599)", async () => {
    const deps = { db: testDb.db, vault: vault() };
    const { userId } = await recordSignIn(deps, { account: account("access-1", "refresh-1"), profile: profile() });
    await testDb.db.update(grants).set({ status: "reconnect_needed", statusReason: "invalid_grant", accessToken: null, refreshToken: null });
    const before = (await testDb.db.select().from(grants))[0]!;

    const again = await recordSignIn(deps, { account: account("access-2", "refresh-2"), profile: profile({ username: "Ada Renamed" }) });

    expect(again.userId).toBe(userId);
    const after = (await testDb.db.select().from(grants))[0]!;
    expect(after).toMatchObject({ status: "active", statusReason: null });
    expect(after.version).toBe(before.version + 1);
    const owner = `user:${userId}/grant:${after.id}`;
    expect(open(keyRing, after.refreshToken!, { purpose: "grants.refresh_token", owner })).toBe("refresh-2");
    expect((await testDb.db.select().from(users))[0]?.name).toBe("Ada Renamed");
    expect((await testDb.db.select().from(accounts))).toHaveLength(1);
  });

  it("keeps an e-mail address only when Wikimedia says it is confirmed, and only for its first owner", async () => {
    const deps = { db: testDb.db, vault: vault() };
    const unconfirmed = await recordSignIn(deps, {
      account: account("a", "r", "1002"),
      profile: profile({ sub: "1002", username: "Nico Newcomer", confirmed_email: false, email: "nico@example.org" }),
    });
    const first = await recordSignIn(deps, { account: account("a", "r", "1003"), profile: profile({ sub: "1003", username: "One", email: "Shared@example.org" }) });
    const second = await recordSignIn(deps, { account: account("a", "r", "1004"), profile: profile({ sub: "1004", username: "Two", email: "shared@example.org" }) });

    const emailOf = async (id: string) => (await testDb.db.select().from(users).where(eq(users.id, id)))[0]?.email;
    expect(await emailOf(unconfirmed.userId)).toBeNull();
    expect(await emailOf(first.userId)).toBe("shared@example.org");
    expect(await emailOf(second.userId)).toBeNull();
  });

  it("refuses a token and a profile of different users, and writes nothing", async () => {
    await expect(
      recordSignIn({ db: testDb.db, vault: vault() }, { account: account("a", "r", "9999"), profile: profile() }),
    ).rejects.toThrow(/different Wikimedia users/);
    expect((await testDb.db.select().from(users))).toEqual([]);
  });
});
