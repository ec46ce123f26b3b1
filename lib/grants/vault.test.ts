import { eq } from "drizzle-orm";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { connectDb } from "@/db";
import { grants, users } from "@/db/schema";
import { recordStatements, useTestDb } from "@/db/testing";
import { SEALED_ENVELOPE, randomKeyRing } from "@/lib/grants/testing";
import { log } from "@/lib/log";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { DEMO_USERS, WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { wikiportTokens } from "@/sandbox/oauth/test-browser";
import { ReconnectNeededError, WikimediaUnavailableError } from "@/lib/wikimedia/token-errors";
import { createVault } from "./vault";

const sb = useSandbox();
const keyRing = randomKeyRing();
const ENVELOPE = SEALED_ENVELOPE;

const testDb = useTestDb();

function oauthUrl() {
  return `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
}

function vaultOn(db = testDb.db, now?: () => number) {
  return createVault({
    now,
    db,
    keyRing,
    tokens: createTokenClient({
      oauthUrl: oauthUrl(),
      clientId: WIKIPORT_CLIENT.key,
      clientSecret: WIKIPORT_CLIENT.secret,
      userAgent: "Wikiport/test (vault tests)",
    }),
    oauthServer: oauthUrl(),
    refreshSkewSeconds: 120,
    log,
  });
}

/** A token endpoint that always gives the same answer, faked at the network boundary. */
async function fakeTokenEndpoint(status: number, body: unknown) {
  let calls = 0;
  const server = createServer((_req, res) => {
    calls += 1;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const vault = createVault({
    db: testDb.db,
    keyRing,
    tokens: createTokenClient({ oauthUrl: url, clientId: "c", clientSecret: "s", userAgent: "Wikiport/test" }),
    oauthServer: url,
    refreshSkewSeconds: 120,
    log,
  });
  return {
    vault,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function addUser(name: string): Promise<string> {
  return (await testDb.db.insert(users).values({ name }).returning())[0]!.id;
}

/** Signs a demo user in at the sandbox (real consent flow) and stores the tokens in the vault. */
async function connect(vault: ReturnType<typeof vaultOn>, userId: string, options: { expiresInSeconds?: number; user?: (typeof DEMO_USERS)[keyof typeof DEMO_USERS] } = {}) {
  const tokens = await wikiportTokens(sb, options.user ?? DEMO_USERS.editor);
  await vault.storeTokens({
    userId,
    wikimediaUserId: "1001",
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresInSeconds: options.expiresInSeconds ?? tokens.expires_in,
    scopes: ["basic", "editpage"],
  });
  return tokens;
}

async function refreshCalls(): Promise<number> {
  const { requests } = await sb.control("GET", "/requests?endpoint=oauth2/access_token");
  // A request answered by an injected fault never reaches the handler that logs its grant type.
  return (requests as { details: { grantType?: string } }[]).filter((r) => r.details.grantType !== "authorization_code").length;
}

async function row(userId: string) {
  return (await testDb.db.select().from(grants).where(eq(grants.userId, userId)))[0]!;
}

async function profileStatus(accessToken: string): Promise<number> {
  const response = await fetch(`${oauthUrl()}/resource/profile`, { headers: { authorization: `Bearer ${accessToken}` } });
  return response.status;
}

describe("the token vault", () => {
  it("stores only sealed tokens, and hands back a fresh access token without calling Wikimedia", async () => {
    const vault = vaultOn();
    const userId = await addUser("Ada Editor");
    const tokens = await connect(vault, userId);
    const stored = await row(userId);
    for (const value of [stored.accessToken!, stored.refreshToken!]) {
      expect(value).toMatch(ENVELOPE);
      expect(value).not.toContain(tokens.access_token.slice(20, 60));
      expect(value).not.toContain(tokens.refresh_token.slice(20, 60));
    }
    expect(await vault.getAccessToken(userId)).toBe(tokens.access_token);
    expect(await refreshCalls()).toBe(0);
  });

  it("refreshes once for 50 concurrent requests, and every request gets the new, working token", async () => {
    const vault = vaultOn();
    const userId = await addUser("Ada Editor");
    const old = await connect(vault, userId, { expiresInSeconds: 60 });
    const versionBefore = (await row(userId)).version;
    const results = await Promise.all(Array.from({ length: 50 }, () => vault.getAccessToken(userId)));
    expect(await refreshCalls()).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]).not.toBe(old.access_token);
    expect(await profileStatus(results[0]!)).toBe(200);
    // Wikimedia revokes the old access token at once on rotation.
    expect(await profileStatus(old.access_token)).toBe(403);
    expect((await row(userId)).version).toBe(versionBefore + 1);
  });

  it("refreshes once when two app processes share the database and race for the same user", async () => {
    const userId = await addUser("Ada Editor");
    await connect(vaultOn(), userId, { expiresInSeconds: 60 });
    const secondConnection = connectDb(testDb.target);
    const [first, second] = [vaultOn(), vaultOn(secondConnection)];
    const versionBefore = (await row(userId)).version;
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => first.getAccessToken(userId)),
      ...Array.from({ length: 10 }, () => second.getAccessToken(userId)),
    ]);
    await secondConnection.close();
    expect(await refreshCalls()).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect((await row(userId)).version).toBe(versionBefore + 1);
  });

  it("rotates: each refresh sends the newest refresh token (the sandbox rejects any reuse)", async () => {
    const vault = vaultOn();
    const userId = await addUser("Ada Editor");
    await connect(vault, userId, { expiresInSeconds: 60 });
    const first = await vault.getAccessToken(userId);
    const second = await vault.refreshAfterRejection(userId, first);
    const third = await vault.refreshAfterRejection(userId, second);
    expect(new Set([first, second, third]).size).toBe(3);
    expect(await refreshCalls()).toBe(3);
    expect(await profileStatus(third)).toBe(200);
    expect((await row(userId)).status).toBe("active");
  });

  it("does not refresh again when the rejected token was already replaced by another request", async () => {
    const vault = vaultOn();
    const userId = await addUser("Ada Editor");
    const old = await connect(vault, userId, { expiresInSeconds: 60 });
    const fresh = await vault.getAccessToken(userId);
    expect(await vault.refreshAfterRejection(userId, old.access_token)).toBe(fresh);
    expect(await refreshCalls()).toBe(1);
  });

  it("asks for a reconnect after the user revokes the grant, with one upstream attempt and no tokens kept", async () => {
    const vault = vaultOn();
    const userId = await addUser("Ada Editor");
    await connect(vault, userId, { expiresInSeconds: 60 });
    await sb.control("POST", "/grants/revoke", { user: "Ada Editor", clientId: WIKIPORT_CLIENT.key });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await expect(vault.getAccessToken(userId)).rejects.toBeInstanceOf(ReconnectNeededError);
    await expect(vault.getAccessToken(userId)).rejects.toMatchObject({ code: "reconnect_needed", reason: "invalid_grant" });
    expect(await refreshCalls()).toBe(1);
    const stored = await row(userId);
    expect(stored).toMatchObject({ status: "reconnect_needed", statusReason: "invalid_grant", accessToken: null, refreshToken: null });
    expect(warn.mock.calls.join("\n")).not.toMatch(/eyJ|def50/);
    warn.mockRestore();
  });

  it.each([
    ["a 503", { kind: "status", status: 503 }],
    ["an HTML error page", { kind: "html", status: 502 }],
    ["a truncated body", { kind: "truncated" }],
    ["a non-JSON body", { kind: "non-json" }],
    ["a 429 with Retry-After", { kind: "rate-limit", retryAfter: 30 }],
  ])("keeps the grant byte for byte on %s, backs off, and does not retry before then", async (_label, fault) => {
    // A clock that stands still: the back-off (1–2 s at first) must not run out however slow the machine is.
    const clock = Date.now();
    const vault = vaultOn(testDb.db, () => clock);
    const userId = await addUser("Ada Editor");
    await connect(vault, userId, { expiresInSeconds: 0 });
    const before = await row(userId);
    await sb.control("POST", "/faults", { endpoint: "oauth2/access_token", count: 1, ...fault });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await expect(vault.getAccessToken(userId)).rejects.toBeInstanceOf(WikimediaUnavailableError);
    await expect(vault.getAccessToken(userId)).rejects.toBeInstanceOf(WikimediaUnavailableError);
    warn.mockRestore();
    const after = await row(userId);
    expect(await refreshCalls()).toBe(1);
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(after).toMatchObject({ status: "active", failureCount: 1, version: before.version, leaseOwner: null });
    expect(after.retryAfter!.getTime()).toBeGreaterThan(clock);
  });

  it("never sends a grant's tokens to another OAuth server than the one that issued them", async () => {
    const userId = await addUser("Ada Editor");
    // Signed in while Wikiport pointed at one OAuth server; the operator then points it at another.
    await connect(vaultOn(), userId, { expiresInSeconds: 90 });
    const moved = createVault({
      db: testDb.db,
      keyRing,
      tokens: createTokenClient({ oauthUrl: oauthUrl(), clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test" }),
      oauthServer: "https://meta.wikimedia.org/w/rest.php/oauth2",
      refreshSkewSeconds: 120,
      log,
    });
    const refused = await moved.getAccessToken(userId).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(ReconnectNeededError);
    expect((refused as ReconnectNeededError).reason).toBe("other_oauth_server");
    expect(await refreshCalls()).toBe(0);
    // Signing in again with the new server stores its tokens, and they are used.
    const again = await connect(moved, userId);
    expect(await moved.getAccessToken(userId)).toBe(again.access_token);
  });

  it("keeps using a still-valid access token when a proactive refresh fails", async () => {
    const vault = vaultOn();
    const userId = await addUser("Ada Editor");
    const tokens = await connect(vault, userId, { expiresInSeconds: 90 });
    await sb.control("POST", "/faults", { endpoint: "oauth2/access_token", kind: "status", status: 500 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await vault.getAccessToken(userId)).toBe(tokens.access_token);
    warn.mockRestore();
  });

  it("holds no database lock while the token endpoint stalls, and starts no second refresh", async () => {
    const vault = vaultOn();
    const userId = await addUser("Ada Editor");
    await connect(vault, userId, { expiresInSeconds: 0 });
    await sb.control("POST", "/faults", { endpoint: "oauth2/access_token", kind: "slow", delayMs: 1500 });
    let settled = false;
    const refreshing = vault.getAccessToken(userId).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Another connection writes while the refresh is in flight: no transaction blocks it.
    const other = connectDb(testDb.target);
    await other.insert(users).values({ name: "Unrelated" });
    await other.close();
    expect(settled).toBe(false);
    const again = vault.getAccessToken(userId);
    expect(await refreshing).toBe(await again);
    expect(await refreshCalls()).toBe(1);
  });

  it("wakes a waiter on another instance when the holder writes the new tokens, without polling the row", async () => {
    const userId = await addUser("Ada Editor");
    await connect(vaultOn(), userId, { expiresInSeconds: 0 });
    await sb.control("POST", "/faults", { endpoint: "oauth2/access_token", kind: "slow", delayMs: 1500 });
    const refreshing = vaultOn().getAccessToken(userId);
    await vi.waitFor(async () => expect((await row(userId)).leaseOwner).not.toBeNull());

    const otherInstance = connectDb(testDb.target);
    const statements = recordStatements(otherInstance);
    const waited = await vaultOn(otherInstance).getAccessToken(userId);
    expect(waited).toBe(await refreshing);
    expect(await refreshCalls()).toBe(1);
    const reads = statements.filter((statement) => /^select/i.test(statement)).length;
    // PostgreSQL wakes it (LISTEN/NOTIFY): one read before the wait, one after. SQLite's processes share no
    // channel, so there a waiter re-reads the row every 40 ms while the refresh runs.
    if (otherInstance.signals.crossProcess) expect(reads).toBeLessThanOrEqual(3);
    else expect(reads).toBeGreaterThan(3);
    await otherInstance.close();
  });

  it("takes over the lease of a holder that died once it runs out, and refreshes exactly once", async () => {
    const vault = vaultOn();
    const userId = await addUser("Ada Editor");
    await connect(vault, userId, { expiresInSeconds: 0 });
    const before = await row(userId);
    // A holder that took the lease and never came back (its process was killed mid-refresh).
    await testDb.db.update(grants).set({ leaseOwner: "dead-instance", leaseUntil: new Date(Date.now() + 1_000) }).where(eq(grants.userId, userId));
    const token = await vault.getAccessToken(userId);
    expect(await refreshCalls()).toBe(1);
    const after = await row(userId);
    expect(after).toMatchObject({ version: before.version + 1, leaseOwner: null, status: "active" });
    expect(await vault.getAccessToken(userId)).toBe(token);
  });

  it("refuses a token copied from another user's row, marks that grant for reconnect, and logs an alert", async () => {
    const vault = vaultOn();
    const ada = await addUser("Ada Editor");
    const ana = await addUser("Ana Admin");
    await connect(vault, ada, { expiresInSeconds: 0 });
    await connect(vault, ana, { expiresInSeconds: 0, user: DEMO_USERS.admin });
    await testDb.db.update(grants).set({ refreshToken: (await row(ada)).refreshToken }).where(eq(grants.userId, ana));
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(vault.getAccessToken(ana)).rejects.toMatchObject({ reason: "unsealable" });
    expect(error.mock.calls.join("\n")).toContain("vault.unseal_failed");
    error.mockRestore();
    expect(await row(ana)).toMatchObject({ status: "reconnect_needed", statusReason: "unsealable", refreshToken: null });
    expect(await refreshCalls()).toBe(0);
  });

  it("signing in again replaces the stored tokens and clears the reconnect state", async () => {
    const vault = vaultOn();
    const userId = await addUser("Ada Editor");
    await connect(vault, userId);
    await vault.disconnect(userId);
    expect(await row(userId)).toMatchObject({ status: "revoked", accessToken: null, refreshToken: null });
    await expect(vault.getAccessToken(userId)).rejects.toBeInstanceOf(ReconnectNeededError);
    const again = await connect(vault, userId);
    expect((await row(userId)).status).toBe("active");
    expect(await vault.getAccessToken(userId)).toBe(again.access_token);
  });

  it("refreshes exactly when less than the skew is left, computed from expires_in at receipt", async () => {
    let clock = Date.UTC(2026, 10, 23, 12, 0, 0);
    const vault = vaultOn(testDb.db, () => clock);
    const userId = await addUser("Ada Editor");
    const tokens = await connect(vault, userId, { expiresInSeconds: 14_400 });
    const receivedAt = clock;

    clock = receivedAt + (14_400 - 121) * 1000;
    expect(await vault.getAccessToken(userId)).toBe(tokens.access_token);
    clock = receivedAt + (14_400 - 120) * 1000 - 1;
    expect(await vault.getAccessToken(userId)).toBe(tokens.access_token);
    expect(await refreshCalls()).toBe(0);

    clock = receivedAt + (14_400 - 120) * 1000;
    const refreshed = await vault.getAccessToken(userId);
    expect(refreshed).not.toBe(tokens.access_token);
    expect(await refreshCalls()).toBe(1);
    expect((await row(userId)).accessExpiresAt!.getTime()).toBe(clock + 14_400 * 1000);
  });

  it("keeps the stored refresh token when a token response carries none (docs/security-requirements.md item 19)", async () => {
    const endpoint = await fakeTokenEndpoint(200, { token_type: "Bearer", access_token: "access-without-rotation", expires_in: 14400 });
    const vault = endpoint.vault;
    const userId = await addUser("Ada Editor");
    await vault.storeTokens({ userId, wikimediaUserId: "1001", accessToken: "old-access", refreshToken: "old-refresh", expiresInSeconds: 0, scopes: [] });
    const before = (await row(userId)).refreshToken;
    expect(await vault.getAccessToken(userId)).toBe("access-without-rotation");
    expect((await row(userId)).refreshToken).toBe(before);
    await endpoint.close();
  });

  it("treats league's older 401 invalid_request 'refresh token is invalid' like invalid_grant (docs/security-requirements.md item 20)", async () => {
    const endpoint = await fakeTokenEndpoint(401, { error: "invalid_request", error_description: "The refresh token is invalid.", hint: "Token has been revoked" });
    const vault = endpoint.vault;
    const userId = await addUser("Ada Editor");
    await vault.storeTokens({ userId, wikimediaUserId: "1001", accessToken: "old-access", refreshToken: "old-refresh", expiresInSeconds: 0, scopes: [] });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await expect(vault.getAccessToken(userId)).rejects.toMatchObject({ reason: "invalid_grant" });
    await expect(vault.getAccessToken(userId)).rejects.toBeInstanceOf(ReconnectNeededError);
    warn.mockRestore();
    expect(endpoint.calls()).toBe(1);
    expect(await row(userId)).toMatchObject({ status: "reconnect_needed", accessToken: null, refreshToken: null });
    await endpoint.close();
  });
});

// Wikimedia lets a rotated refresh token be reused for 600 s since MediaWiki change e4424057; before it,
// reuse failed at once (docs/wikimedia-protocol.md §2.3). The vault must be right under both.
describe.each([
  { mode: "strict rotation", grace: 0 },
  { mode: "Wikimedia's 600 s reuse grace", grace: 600 },
])("the token vault under $mode", ({ grace }) => {
  beforeEach(async () => {
    await sb.control("POST", "/settings", { refreshGraceSeconds: grace });
  });

  it("refreshes once for concurrent requests on two instances, and the new token works", async () => {
    const userId = await addUser("Ada Editor");
    const old = await connect(vaultOn(), userId, { expiresInSeconds: 60 });
    const secondConnection = connectDb(testDb.target);
    const [first, second] = [vaultOn(), vaultOn(secondConnection)];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).getAccessToken(userId)));
    await secondConnection.close();
    expect(await refreshCalls()).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]).not.toBe(old.access_token);
    expect(await profileStatus(results[0]!)).toBe(200);
  });

  it("rotates three times in a row, each time with the newest refresh token", async () => {
    const vault = vaultOn();
    const userId = await addUser("Ada Editor");
    await connect(vault, userId, { expiresInSeconds: 60 });
    const first = await vault.getAccessToken(userId);
    const third = await vault.refreshAfterRejection(userId, await vault.refreshAfterRejection(userId, first));
    expect(await refreshCalls()).toBe(3);
    expect(await profileStatus(third)).toBe(200);
    expect((await row(userId)).status).toBe("active");
  });

  it(
    grace > 0
      ? "keeps the grant when a refresh's answer was lost (a holder died before storing it): the old refresh token still works"
      : "asks for a reconnect when a refresh's answer was lost (a holder died before storing it): the old refresh token is dead",
    async () => {
      const vault = vaultOn();
      const userId = await addUser("Ada Editor");
      const tokens = await connect(vault, userId, { expiresInSeconds: 60 });
      // Wikimedia rotates, but the answer never reaches the database.
      const lost = createTokenClient({ oauthUrl: oauthUrl(), clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test" });
      await lost.refresh(tokens.refresh_token);
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      const outcome = await vault.getAccessToken(userId).then(
        (token) => ({ token }),
        (error: unknown) => ({ error }),
      );
      warn.mockRestore();
      if (grace > 0) {
        expect(outcome).toHaveProperty("token");
        expect(await profileStatus((outcome as { token: string }).token)).toBe(200);
        expect((await row(userId)).status).toBe("active");
      } else {
        expect((outcome as { error: unknown }).error).toBeInstanceOf(ReconnectNeededError);
        expect((await row(userId)).status).toBe("reconnect_needed");
      }
    },
  );
});
