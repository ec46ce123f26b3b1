import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { accounts, grants, sessions, users, wikimediaProfiles } from "@/db/schema";
import { useTestDb } from "@/db/testing";
import { createVault } from "@/lib/grants/vault";
import { randomKeyRing } from "@/lib/grants/testing";
import { log } from "@/lib/log";
import { WikimediaError } from "@/lib/wikimedia/errors";
import { createWikimediaHttp } from "@/lib/wikimedia/http";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { userCredential } from "@/lib/wikimedia/user-token";
import { wikiportTokens } from "@/sandbox/oauth/test-browser";
import { WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { checkConnection } from "./connection";
import { deleteAccount, signOutEverywhere } from "./manage";

const sb = useSandbox();
const testDb = useTestDb();

function setup() {
  const oauthUrl = `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
  const vault = createVault({
    db: testDb.db,
    keyRing: randomKeyRing(),
    tokens: createTokenClient({ oauthUrl, clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test" }),
    oauthServer: oauthUrl,
    refreshSkewSeconds: 120,
    log,
  });
  const http = createWikimediaHttp({ wikiUrlTemplate: `${sb.url}/{host}/w`, userAgent: "Wikiport/test (account tests)", requestTimeoutMs: 2_000 });
  const deps = { db: testDb.db, log, http, oauthUrl, asUser: (userId: string) => userCredential(vault, userId) };
  return { vault, deps };
}

async function signedInAda(vault: ReturnType<typeof setup>["vault"]) {
  const userId = (await testDb.db.insert(users).values({ name: "Ada Editor" }).returning())[0]!.id;
  const tokens = await wikiportTokens(sb);
  await vault.storeTokens({
    userId, wikimediaUserId: "1001", accessToken: tokens.access_token, refreshToken: tokens.refresh_token,
    expiresInSeconds: tokens.expires_in, scopes: ["basic"],
  });
  return userId;
}

describe("checkConnection", () => {
  it("asks Wikimedia who the token belongs to and stores the fresh profile", async () => {
    const { vault, deps } = setup();
    const userId = await signedInAda(vault);
    const result = await checkConnection(deps, userId);
    expect(result).toMatchObject({ status: "connected", profile: { username: "Ada Editor", blocked: false } });
    expect((await testDb.db.select().from(wikimediaProfiles).where(eq(wikimediaProfiles.userId, userId)))[0]).toMatchObject({
      username: "Ada Editor",
      editCount: 1523,
    });
  });

  it("finds a revoked grant: one refresh attempt after the rejected token, then reconnect", async () => {
    const { vault, deps } = setup();
    const userId = await signedInAda(vault);
    await sb.control("POST", "/grants/revoke", { user: "Ada Editor", clientId: WIKIPORT_CLIENT.key });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await checkConnection(deps, userId)).toEqual({ status: "reconnect_needed" });
    warn.mockRestore();
    const { requests } = await sb.control("GET", "/requests?endpoint=oauth2/access_token");
    expect(requests.filter((r: { details: { grantType?: string } }) => r.details.grantType === "refresh_token")).toHaveLength(1);
    expect((await testDb.db.select().from(grants).where(eq(grants.userId, userId)))[0]).toMatchObject({
      status: "reconnect_needed",
      accessToken: null,
      refreshToken: null,
    });
  });

  it("keeps the grant when Wikimedia is down", async () => {
    const { vault, deps } = setup();
    const userId = await signedInAda(vault);
    await sb.control("POST", "/faults", { endpoint: "oauth2/resource/profile", kind: "html", status: 503 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await checkConnection(deps, userId)).toEqual({ status: "wikimedia_unavailable" });
    warn.mockRestore();
    expect((await testDb.db.select().from(grants).where(eq(grants.userId, userId)))[0]?.status).toBe("active");
  });

  it("sends the user's token only where the request layer allows: an OAuth URL off the allow-list is refused before any connection", async () => {
    const { vault, deps } = setup();
    const userId = await signedInAda(vault);
    const offList = { ...deps, oauthUrl: "http://127.0.0.1:9/meta.wikimedia.org/w/rest.php/oauth2" };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const outcome = await checkConnection(offList, userId).then((result) => result, (error: unknown) => error);
    warn.mockRestore();
    expect(outcome).toBeInstanceOf(WikimediaError);
    expect((outcome as WikimediaError).code).toBe("forbidden_host");
  });
});

describe("signOutEverywhere and deleteAccount", () => {
  it("end every session of one user only", async () => {
    const [ada, ana] = await Promise.all(["Ada Editor", "Ana Admin"].map(async (name) => (await testDb.db.insert(users).values({ name }).returning())[0]!.id));
    const expires = new Date(Date.now() + 3600_000);
    await testDb.db.insert(sessions).values([
      { sessionToken: "ada-laptop", userId: ada!, expires },
      { sessionToken: "ada-phone", userId: ada!, expires },
      { sessionToken: "ana-laptop", userId: ana!, expires },
    ]);
    expect(await signOutEverywhere(testDb.db, ada!)).toBe(2);
    expect((await testDb.db.select({ token: sessions.sessionToken }).from(sessions))).toEqual([{ token: "ana-laptop" }]);
  });

  it("deletes the user with their link, sessions, sealed tokens and profile", async () => {
    const { vault } = setup();
    const userId = await signedInAda(vault);
    await testDb.db.insert(accounts).values({ userId, type: "oauth", provider: "wikimedia", providerAccountId: "1001" });
    await testDb.db.insert(sessions).values({ sessionToken: "s", userId, expires: new Date(Date.now() + 60_000) });
    expect(await deleteAccount(testDb.db, userId)).toBe(true);
    for (const table of [users, accounts, sessions, grants, wikimediaProfiles]) {
      expect((await testDb.db.select().from(table))).toEqual([]);
    }
    expect(await deleteAccount(testDb.db, userId)).toBe(false);
  });
});
