import { eq } from "drizzle-orm";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiTokens, users } from "@/db/schema";
import { recordStatements, storedRows, useTestDb } from "@/db/testing";
import {
  API_TOKEN_LENGTH,
  API_TOKEN_PATTERN,
  API_TOKEN_SCAN_PATTERN,
  LAST_USED_INTERVAL_MS,
  createApiToken,
  generateApiToken,
  isWellFormedApiToken,
  listApiTokens,
  revokeApiToken,
  verifyApiToken,
  type CreateApiTokenInput,
} from "./index";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const T0 = new Date(Date.UTC(2026, 10, 23, 12));
const DAY_MS = 24 * 60 * 60 * 1000;

const testDb = useTestDb();

async function user(name: string): Promise<string> {
  return (await testDb.db.insert(users).values({ name }).returning())[0]!.id;
}

async function create(input: Partial<CreateApiTokenInput> & { userId: string }, now = T0) {
  const result = await createApiToken(testDb.db, { name: "CI bot", scopes: ["read"], expiresInDays: 30, ...input }, now);
  if (!result.ok) throw new Error(`createApiToken failed: ${result.code}`);
  return result;
}


describe("token format", () => {
  it("is wkp_ + 32 base62 characters + a 6-character checksum, matched by the exported patterns", async () => {
    const tokens = Array.from({ length: 200 }, generateApiToken);
    for (const token of tokens) {
      expect(token).toHaveLength(API_TOKEN_LENGTH);
      expect(token).toHaveLength(42);
      expect(token).toMatch(API_TOKEN_PATTERN);
      expect(isWellFormedApiToken(token)).toBe(true);
    }
    expect(new Set(tokens).size).toBe(tokens.length);

    const leaked = `deploy failed; header was "Bearer ${tokens[0]}" and also ${tokens[1]}.`;
    expect(leaked.match(new RegExp(API_TOKEN_SCAN_PATTERN.source, "g"))).toEqual([tokens[0], tokens[1]]);
    expect(`x${tokens[0]}`.match(new RegExp(API_TOKEN_SCAN_PATTERN.source, "g"))).toBeNull();
  });

  it("draws body characters from the whole base62 alphabet", async () => {
    const seen = new Set(Array.from({ length: 200 }, generateApiToken).flatMap((token) => [...token.slice(4, 36)]));
    expect([...seen].sort().join("")).toBe([...BASE62].sort().join(""));
  });

  it("rejects every single-character change, in the prefix, the body or the checksum", async () => {
    const token = generateApiToken();
    let variants = 0;
    for (let position = 0; position < token.length; position++) {
      for (const replacement of BASE62 + "_") {
        if (replacement === token[position]) continue;
        const changed = token.slice(0, position) + replacement + token.slice(position + 1);
        expect(isWellFormedApiToken(changed), `${changed} (position ${position})`).toBe(false);
        variants++;
      }
    }
    expect(variants).toBe(42 * 62);
  });

  it("rejects wrong lengths, other prefixes and non-strings", async () => {
    const token = generateApiToken();
    for (const presented of [token.slice(0, -1), `${token}0`, `ghp_${token.slice(4)}`, ` ${token}`, "", "wkp_", null, undefined, 42]) {
      expect(isWellFormedApiToken(presented)).toBe(false);
    }
  });
});

describe("createApiToken", () => {
  it("returns the token once and stores only its digest, last four characters and metadata", async () => {
    const ada = await user("Ada Editor");
    const { token, record } = await create({ userId: ada, name: "  Laptop script  ", scopes: ["watch", "read", "watch"], expiresInDays: 90 });
    expect(record).toEqual({
      id: expect.any(String),
      name: "Laptop script",
      lastFour: token.slice(-4),
      scopes: ["read", "watch"],
      createdAt: T0,
      expiresAt: new Date(T0.getTime() + 90 * DAY_MS),
      lastUsedAt: null,
      revokedAt: null,
      status: "active",
    });
    expect(record).not.toHaveProperty("tokenDigest");

    const row = (await testDb.db.select().from(apiTokens).where(eq(apiTokens.id, record.id)))[0];
    expect(row?.tokenDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.userId).toBe(ada);
  });

  it("supports tokens without expiry", async () => {
    const { record } = await create({ userId: await user("Ada Editor"), expiresInDays: null });
    expect(record.expiresAt).toBeNull();
    const forever = (await create({ userId: await user("Ana"), expiresInDays: null })).token;
    expect((await verifyApiToken(testDb.db, forever, {}, new Date(T0.getTime() + 3650 * DAY_MS))).ok).toBe(true);
  });

  it("refuses invalid input with stable codes and stores nothing", async () => {
    const ada = await user("Ada Editor");
    const valid: CreateApiTokenInput = { userId: ada, name: "ok", scopes: ["read"], expiresInDays: 30 };
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "invalid_name"],
      [{ name: "   " }, "invalid_name"],
      [{ name: "x".repeat(101) }, "invalid_name"],
      [{ name: "line\nbreak" }, "invalid_name"],
      [{ scopes: [] }, "invalid_scopes"],
      [{ scopes: ["admin"] }, "invalid_scopes"],
      [{ expiresInDays: 7 }, "invalid_expiry"],
      [{ expiresInDays: undefined }, "invalid_expiry"],
      [{ userId: "" }, "invalid_user"],
    ];
    for (const [change, code] of cases) {
      const result = await createApiToken(testDb.db, { ...valid, ...change } as CreateApiTokenInput, T0);
      expect(result, JSON.stringify(change)).toMatchObject({ ok: false, code });
    }
    expect((await createApiToken(testDb.db, { ...valid, name: "x".repeat(100) }, T0)).ok).toBe(true);
    expect(await createApiToken(testDb.db, { ...valid, userId: "no-such-user" }, T0)).toMatchObject({ ok: false, code: "unknown_user" });
    expect((await testDb.db.select().from(apiTokens))).toHaveLength(1);
  });

  it("never writes the plaintext token to the database (rows and files on disk)", async () => {
    const ada = await user("Ada Editor");
    const tokens = [(await create({ userId: ada })).token, (await create({ userId: ada, scopes: ["edit"] })).token];
    await verifyApiToken(testDb.db, tokens[0], {}, T0);
    await revokeApiToken(testDb.db, ada, (await listApiTokens(testDb.db, ada))[0]!.id, T0);

    const cells = Object.values(await storedRows(testDb.db)).flatMap((rows) => rows.flatMap((row) => Object.values(row)));
    expect(cells.length).toBeGreaterThan(0);
    // A SQLite file's bytes include the WAL, where fresh writes live before a checkpoint.
    const { target } = testDb;
    const files = target.engine === "sqlite" ? readdirSync(dirname(target.path)).map((file) => readFileSync(join(dirname(target.path), file))) : [];
    for (const token of tokens) {
      const body = token.slice(4, 36);
      for (const cell of cells) expect(String(cell)).not.toContain(body);
      for (const bytes of files) expect(bytes.includes(body)).toBe(false);
    }
  });
});

describe("verifyApiToken", () => {
  it("accepts a valid token and tells whose it is and what it may do", async () => {
    const ada = await user("Ada Editor");
    const { token, record } = await create({ userId: ada, scopes: ["read", "edit"] });
    expect(await verifyApiToken(testDb.db, token, { requiredScope: "edit" }, T0)).toEqual({ ok: true, userId: ada, tokenId: record.id, scopes: ["read", "edit"] });
    expect(await verifyApiToken(testDb.db, token, {}, T0)).toMatchObject({ ok: true });
  });

  it("answers malformed tokens without a single database statement", async () => {
    const { token } = await create({ userId: await user("Ada Editor") });
    const statements = recordStatements(testDb.db);
    const badChecksum = token.slice(0, -1) + (token.endsWith("0") ? "1" : "0");
    for (const presented of [badChecksum, token.slice(0, -1), `ghp_${token.slice(4)}`, "", null, undefined]) {
      expect(await verifyApiToken(testDb.db, presented, {}, T0)).toMatchObject({ ok: false, code: "malformed", status: 401 });
    }
    expect(statements).toEqual([]);

    // The recorder does see queries: a well-formed token is looked up.
    await verifyApiToken(testDb.db, token, {}, T0);
    expect(statements.length).toBeGreaterThan(0);
  });

  it("answers malformed tokens even when the database is closed", async () => {
    const token = generateApiToken();
    await testDb.db.close();
    expect(await verifyApiToken(testDb.db, token.slice(0, -1) + (token.endsWith("0") ? "1" : "0"), {}, T0)).toMatchObject({ code: "malformed" });
    await expect(verifyApiToken(testDb.db, token, {}, T0)).rejects.toThrow();
  });

  it("answers 401 unknown for a well-formed token that was never issued", async () => {
    await create({ userId: await user("Ada Editor") });
    expect(await verifyApiToken(testDb.db, generateApiToken(), {}, T0)).toMatchObject({ ok: false, code: "unknown", status: 401 });
  });

  it("answers 401 expired from the expiry instant on", async () => {
    const { token } = await create({ userId: await user("Ada Editor"), expiresInDays: 30 });
    const expiry = T0.getTime() + 30 * DAY_MS;
    expect((await verifyApiToken(testDb.db, token, {}, new Date(expiry - 1))).ok).toBe(true);
    expect(await verifyApiToken(testDb.db, token, {}, new Date(expiry))).toMatchObject({ ok: false, code: "expired", status: 401 });
  });

  it("answers 401 revoked once the owner revokes the token", async () => {
    const ada = await user("Ada Editor");
    const { token, record } = await create({ userId: ada });
    expect(await revokeApiToken(testDb.db, ada, record.id, T0)).toBe(true);
    expect(await verifyApiToken(testDb.db, token, {}, T0)).toMatchObject({ ok: false, code: "revoked", status: 401 });
  });

  it("answers 403 insufficient_scope when a read token is used to edit", async () => {
    const { token } = await create({ userId: await user("Ada Editor"), scopes: ["read"] });
    expect(await verifyApiToken(testDb.db, token, { requiredScope: "edit" }, T0)).toMatchObject({ ok: false, code: "insufficient_scope", status: 403 });
    expect(await verifyApiToken(testDb.db, token, { requiredScope: "watch" }, T0)).toMatchObject({ ok: false, code: "insufficient_scope", status: 403 });
    expect((await verifyApiToken(testDb.db, token, { requiredScope: "read" }, T0)).ok).toBe(true);
  });

  it("writes last_used_at at most once per interval", async () => {
    const ada = await user("Ada Editor");
    const { token, record } = await create({ userId: ada });
    const lastUsed = async () => (await testDb.db.select().from(apiTokens).where(eq(apiTokens.id, record.id)))[0]?.lastUsedAt;
    const statements = recordStatements(testDb.db);
    const updates = () => statements.filter((statement) => /^update/i.test(statement)).length;

    await verifyApiToken(testDb.db, token, {}, T0);
    expect(await lastUsed()).toEqual(T0);
    expect(updates()).toBe(1);

    for (const offset of [1, 30_000, LAST_USED_INTERVAL_MS - 1]) {
      expect((await verifyApiToken(testDb.db, token, {}, new Date(T0.getTime() + offset))).ok).toBe(true);
    }
    expect(await lastUsed()).toEqual(T0);
    expect(updates()).toBe(1);

    const later = new Date(T0.getTime() + LAST_USED_INTERVAL_MS);
    await verifyApiToken(testDb.db, token, {}, later);
    expect(await lastUsed()).toEqual(later);
    expect(updates()).toBe(2);

    // A clock behind the stored value (e.g. another process's) never moves it backwards.
    await verifyApiToken(testDb.db, token, {}, new Date(later.getTime() - 5 * LAST_USED_INTERVAL_MS));
    expect(await lastUsed()).toEqual(later);
  });

  it("does not record use of revoked or expired tokens", async () => {
    const ada = await user("Ada Editor");
    const { token, record } = await create({ userId: ada });
    await revokeApiToken(testDb.db, ada, record.id, T0);
    await verifyApiToken(testDb.db, token, {}, T0);
    expect((await listApiTokens(testDb.db, ada, T0))[0]?.lastUsedAt).toBeNull();
  });
});

describe("listApiTokens and revokeApiToken", () => {
  it("lists only the user's tokens, newest first, without digests or tokens", async () => {
    const ada = await user("Ada Editor");
    const ana = await user("Ana Admin");
    const first = await create({ userId: ada, name: "first" }, T0);
    const second = await create({ userId: ada, name: "second", expiresInDays: null }, new Date(T0.getTime() + 1000));
    await create({ userId: ana, name: "ana's" });
    await revokeApiToken(testDb.db, ada, first.record.id, T0);

    const listed = await listApiTokens(testDb.db, ada, T0);
    expect(listed.map((token) => [token.name, token.status])).toEqual([
      ["second", "active"],
      ["first", "revoked"],
    ]);
    for (const token of listed) {
      expect(Object.keys(token).sort()).toEqual(["createdAt", "expiresAt", "id", "lastFour", "lastUsedAt", "name", "revokedAt", "scopes", "status"]);
    }
    const serialized = JSON.stringify(listed);
    const digests = (await testDb.db.select({ digest: apiTokens.tokenDigest }).from(apiTokens));
    for (const { digest } of digests) expect(serialized).not.toContain(digest);
    expect(serialized).not.toContain(first.token);
    expect(serialized).not.toContain(second.token);
    expect((await listApiTokens(testDb.db, ada, new Date(T0.getTime() + 31 * DAY_MS)))[0]?.status).toBe("active");
    expect((await listApiTokens(testDb.db, ana, new Date(T0.getTime() + 31 * DAY_MS)))[0]?.status).toBe("expired");
  });

  it("refuses to revoke another user's token, exactly as if it did not exist (IDOR)", async () => {
    const ada = await user("Ada Editor");
    const mallory = await user("Mallory");
    const { token, record } = await create({ userId: ada });

    expect(await revokeApiToken(testDb.db, mallory, record.id, T0)).toBe(false);
    expect(await revokeApiToken(testDb.db, mallory, "no-such-id", T0)).toBe(false);
    expect((await verifyApiToken(testDb.db, token, {}, T0)).ok).toBe(true);
    expect(await listApiTokens(testDb.db, mallory, T0)).toEqual([]);

    expect(await revokeApiToken(testDb.db, ada, record.id, T0)).toBe(true);
    // Revoking again is harmless and keeps the original time.
    expect(await revokeApiToken(testDb.db, ada, record.id, new Date(T0.getTime() + DAY_MS))).toBe(true);
    expect((await listApiTokens(testDb.db, ada, T0))[0]?.revokedAt).toEqual(T0);
  });

  it("deletes a user's tokens with the user", async () => {
    const ada = await user("Ada Editor");
    const { token } = await create({ userId: ada });
    await testDb.db.delete(users).where(eq(users.id, ada));
    expect((await testDb.db.select().from(apiTokens))).toEqual([]);
    expect(await verifyApiToken(testDb.db, token, {}, T0)).toMatchObject({ code: "unknown" });
  });
});
