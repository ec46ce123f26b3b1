import { getTableColumns, getTableName, is, Table } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { users } from "@/db/schema";
import { storedRows, useTestDb } from "@/db/testing";
import type { KeyRing } from "@/lib/crypto/key-ring";
import { keyIdOf } from "@/lib/crypto/sealed";
import { createVault } from "@/lib/grants/vault";
import { log } from "@/lib/log";
import { openPersonalToken, savePersonalToken } from "@/lib/personal-tokens/store";
import { createAppToken } from "@/lib/wikimedia/app-token";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { SEALED_COLUMNS } from "./registry";
import { countStale, resealAll } from "./rotate";
import { rotationKeyRings } from "./testing";

const { oldRing, bothRing, newRing } = rotationKeyRings();

const testDb = useTestDb();
const sb = useSandbox();

/**
 * Columns whose names say "secret" but that hold no sealed value, each with the reason. A new column
 * named like a secret must be added either to the registry or here, with its reason.
 */
const NOT_SEALED: Record<string, string> = {
  "accounts.refresh_token": "Auth.js's adapter column; Wikiport never fills it (tokens live in grants)",
  "accounts.access_token": "Auth.js's adapter column; Wikiport never fills it",
  "accounts.id_token": "Auth.js's adapter column; Wikiport never fills it",
  "accounts.token_type": "a token type name, not a secret",
  "sessions.session_token": "Auth.js looks sessions up by it; it is the cookie value",
  "verification_tokens.token": "Auth.js's e-mail sign-in table, unused by Wikiport",
  "api_tokens.token_digest": "a SHA-256 digest, the lookup key; the token itself is never stored",
  "rate_limit_buckets.key": "a limit's name and an HMAC of its subject (lib/rate-limit), no secret",
  "rate_limit_buckets.tokens": "how many requests a bucket has left, a number",
  "upstream_slots.credential": "a SHA-256 digest of a credential's concurrency key (lib/wikimedia/database-slots.ts), never a token",
};

const SECRET_LIKE = /token|secret|key|password|credential|verifier|cookie/i;

function tables(): Table[] {
  return (Object.values(schema) as unknown[]).filter((value): value is Table => is(value, Table));
}

const tokens = createTokenClient({ oauthUrl: "http://127.0.0.1:9/never-called", clientId: "unused", clientSecret: "unused", userAgent: "Wikiport/test" });

function vault(ring: KeyRing) {
  return createVault({ db: testDb.db, keyRing: ring, tokens, oauthServer: "https://meta.wikimedia.org/w/rest.php/oauth2", refreshSkewSeconds: 60, log });
}

/** Wikiport's app token as every instance reads it, from the sandbox's token endpoint, sealed under `ring`. */
function appToken(ring: KeyRing) {
  const oauthServer = `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
  const client = createTokenClient({ oauthUrl: oauthServer, clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test" });
  return createAppToken({ tokens: client, shared: { db: testDb.db, keyRing: ring, oauthServer } });
}

/** One grant and one personal token, written by the app's own writers under `ring`. */
async function storeBoth(ring: KeyRing): Promise<string> {
  const userId = (await testDb.db.insert(users).values({ name: "Ada" }).returning())[0]!.id;
  await vault(ring).storeTokens({ userId, wikimediaUserId: "1001", accessToken: "access-ada", refreshToken: "refresh-ada", expiresInSeconds: 3600, scopes: ["basic"] });
  await savePersonalToken({ db: testDb.db, keyRing: ring }, userId, {
    token: "personal-ada", wikimediaUserId: "1001", username: "Ada", grants: ["basic"], blocked: false, rateLimit: null, clientId: null, expiresAt: null,
  }, new Date());
  return userId;
}

describe("the sealed-columns registry", () => {
  it("names each entry by its SQL table and column, keyed by the table's primary key", async () => {
    const names = SEALED_COLUMNS.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of SEALED_COLUMNS) {
      expect(Object.values(getTableColumns(entry.table))).toContain(entry.column);
      expect(entry.name).toBe(`${getTableName(entry.table)}.${entry.column.name}`);
      expect(entry.key.primary, `${entry.name}'s key`).toBe(true);
    }
  });

  it("covers every schema column named like a secret, unless it is listed as not sealed with a reason", async () => {
    const registered = new Set(SEALED_COLUMNS.map((entry) => entry.name));
    const secretLike = tables().flatMap((table) =>
      Object.values(getTableColumns(table))
        .filter((column) => SECRET_LIKE.test(column.name))
        .map((column) => `${getTableName(table)}.${column.name}`),
    );
    expect(secretLike.length).toBeGreaterThan(0);
    expect(secretLike.filter((name) => !registered.has(name) && !(name in NOT_SEALED))).toEqual([]);
    expect([...registered].filter((name) => name in NOT_SEALED)).toEqual([]);
  });

  it("covers every column where the app's writers leave a sealed envelope", async () => {
    await storeBoth(oldRing);
    await appToken(oldRing).get();
    const registered = new Set(SEALED_COLUMNS.map((entry) => entry.name));
    const found = new Set<string>();
    const stored = await storedRows(testDb.db);
    for (const table of tables()) {
      const name = getTableName(table);
      for (const row of stored[name] ?? []) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === "string" && keyIdOf(value) !== null) found.add(`${name}.${column}`);
        }
      }
    }
    expect([...found].sort()).toEqual([...registered].sort());
  });
});

describe("key rotation over every registered column", () => {
  it("re-seals a grant and a personal token stored under k1, so both still open once k1 is removed", async () => {
    const userId = await storeBoth(oldRing);
    const app = await appToken(oldRing).get();
    expect(await countStale(testDb.db, bothRing)).toEqual({ "grants.access_token": 1, "grants.refresh_token": 1, "personal_tokens.token": 1, "app_tokens.token": 1 });

    expect(await resealAll(testDb.db, bothRing)).toEqual([
      { column: "grants.access_token", done: 1, total: 1, skipped: 0 },
      { column: "grants.refresh_token", done: 1, total: 1, skipped: 0 },
      { column: "personal_tokens.token", done: 1, total: 1, skipped: 0 },
      { column: "app_tokens.token", done: 1, total: 1, skipped: 0 },
    ]);
    expect(await countStale(testDb.db, newRing)).toEqual({ "grants.access_token": 0, "grants.refresh_token": 0, "personal_tokens.token": 0, "app_tokens.token": 0 });

    // The old key is gone: everything opens with the new one alone, through the app's own readers.
    expect(await vault(newRing).getAccessToken(userId)).toBe("access-ada");
    expect(await openPersonalToken({ db: testDb.db, keyRing: newRing, log }, userId)).toMatchObject({ ok: true, token: "personal-ada" });
    expect(await appToken(newRing).get()).toBe(app);
  });
});
