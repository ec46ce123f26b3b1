import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { appTokens } from "@/db/schema";
import { useTestDb } from "@/db/testing";
import { randomKeyRing } from "@/lib/grants/testing";
import { WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { createAppToken } from "./app-token";
import { APP_TOKEN_LEASE_MS } from "./app-token-store";
import { WikimediaError } from "./errors";
import { createTokenClient } from "./oauth";
import { closedInstance, useOtherInstances } from "./testing";

const sb = useSandbox();
const testDb = useTestDb();

const anotherInstance = useOtherInstances(() => testDb.target);

const keyRing = randomKeyRing();

function oauthServer(): string {
  return `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
}

function appToken(db: Db, options: { now?: () => number; ring?: typeof keyRing } = {}) {
  const tokens = createTokenClient({ oauthUrl: oauthServer(), clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test (app token store tests)" });
  return createAppToken({ tokens, shared: { db, keyRing: options.ring ?? keyRing, oauthServer: oauthServer(), fallbackMs: 20 }, ...(options.now ? { now: options.now } : {}) });
}

async function clientCredentialRequests(): Promise<unknown[]> {
  const { requests } = await sb.control("GET", "/requests?endpoint=oauth2/access_token");
  return requests.filter((r: { details: { grantType?: string } }) => r.details.grantType === "client_credentials");
}

async function storedRow() {
  return (await testDb.db.select().from(appTokens).where(eq(appTokens.oauthServer, oauthServer())))[0];
}

describe("the app token shared by every instance (docs/decisions/018-many-instances.md)", () => {
  it("two instances asking together make one client-credentials request and get the same token", async () => {
    // A slow token endpoint, so that the second instance asks while the first is still fetching.
    await sb.control("POST", "/faults", { endpoint: "oauth2/access_token", kind: "slow", delayMs: 300 });
    const [one, two] = [appToken(testDb.db), appToken(anotherInstance())];
    const [a, b] = await Promise.all([one.get(), two.get()]);
    expect(a).toBe(b);
    expect(await clientCredentialRequests()).toHaveLength(1);

    const row = await storedRow();
    expect(row?.token).toMatch(/^v1\.k1\./);
    expect(row?.token).not.toContain(a);
    expect(row).toMatchObject({ version: 1, leaseOwner: null });
    // A third instance started later reads it too.
    expect(await appToken(anotherInstance()).get()).toBe(a);
    expect(await clientCredentialRequests()).toHaveLength(1);
  });

  it("a rejected token is replaced once for all instances, and each instance moves to the new one", async () => {
    const [one, two] = [appToken(testDb.db), appToken(anotherInstance())];
    const first = await one.get();
    expect(await two.get()).toBe(first);
    await sb.control("POST", "/faults", { endpoint: "oauth2/access_token", kind: "slow", delayMs: 300 });
    const [a, b] = await Promise.all([one.replace(first), two.replace(first)]);
    expect(a).toBe(b);
    expect(a).not.toBe(first);
    expect(await clientCredentialRequests()).toHaveLength(2);
    expect((await storedRow())?.version).toBe(2);
  });

  it("takes over the lease of an instance that died while fetching, once it runs out", async () => {
    let clock = Date.now();
    const now = () => clock;
    await testDb.db.insert(appTokens).values({ oauthServer: oauthServer(), leaseOwner: "dead-instance", leaseUntilMs: clock + APP_TOKEN_LEASE_MS });
    const waiting = appToken(anotherInstance(), { now }).get();
    clock += APP_TOKEN_LEASE_MS + 1;
    expect(await waiting).toMatch(/\./);
    expect(await clientCredentialRequests()).toHaveLength(1);
    expect(await storedRow()).toMatchObject({ version: 1, leaseOwner: null, leaseUntilMs: 0 });
  });

  it("fetches a new token when the stored one no longer opens (its key left the ring)", async () => {
    await appToken(testDb.db).get();
    const replaced = await appToken(anotherInstance(), { ring: randomKeyRing("k9") }).get();
    expect(replaced).toMatch(/\./);
    expect(await clientCredentialRequests()).toHaveLength(2);
    expect((await storedRow())?.token).toMatch(/^v1\.k9\./);
  });

  it("reports a database that does not answer as a stable error, without the query or its parameters", async () => {
    const gone = await closedInstance(testDb.target);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = await appToken(gone).get().catch((e: unknown) => e);
    const lines = logged.mock.calls.map((call) => String(call[0]));
    logged.mockRestore();
    expect(error).toBeInstanceOf(WikimediaError);
    expect(error).toMatchObject({ code: "wikimedia_unavailable" });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", event: "wikimedia.app_token_store_failed" });
    expect(lines[0]).not.toMatch(/app_tokens|select|insert/i);
    expect(await clientCredentialRequests()).toEqual([]);
  });
});
