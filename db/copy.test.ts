/**
 * `npm run db:copy` on real engines: a migrated SQLite file as the source and a fresh database per test
 * on a throwaway PostgreSQL server (scripts/lib/postgres-cluster.ts) as the target, in one process.
 */
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq, getTableName, is } from "drizzle-orm";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { PgTable, type PgColumn } from "drizzle-orm/pg-core";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseKeyRing } from "@/lib/crypto/key-ring";
import { open, seal } from "@/lib/crypto/sealed";
import { grantSealContext, personalTokenSealContext, propertyOf, SEALED_COLUMNS } from "@/lib/sealed-columns/registry";
import { startPostgresCluster, type PostgresCluster } from "@/scripts/lib/postgres-cluster";
import { COPIED_TABLES, copySqliteToPostgres, CopyError, NOT_COPIED, parseCopyArguments, type CopyProgressEvent } from "./copy";
import { openPostgres, openSqlite, type Db } from "./index";
import { migrate } from "./migrate";
import * as postgresSchema from "./schema/postgres";
import * as sqliteSchema from "./schema/sqlite";

let cluster: PostgresCluster;
let admin: pg.Client;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  cluster = await startPostgresCluster();
  admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
  cluster?.stop();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ring = parseKeyRing(`k1=${randomBytes(32).toString("base64url")}`, "k1");

/** A new, empty PostgreSQL database on the run's server. */
async function freshTarget(): Promise<string> {
  const name = `copy_${randomUUID().replaceAll("-", "")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  cleanups.push(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return cluster.urlFor(name);
}

async function openTarget(url: string): Promise<Db & { pool: pg.Pool }> {
  const db = await openPostgres(url, { poolSize: 2 });
  cleanups.push(() => db.close());
  return db;
}

interface Source {
  path: string;
  /** The plaintexts sealed into the source, by `table.column` and row owner. */
  secrets: Map<string, string>;
  sessionTokens: string[];
}

const DAY = 86_400_000;
const at = (offset: number) => new Date(Date.UTC(2025, 0, 1) + offset);

/** A migrated SQLite file with every kind of row Wikiport keeps, as Wikiport writes them. */
async function seedSource(label = "a"): Promise<Source> {
  const dir = mkdtempSync(join(tmpdir(), "wikiport-copy-"));
  const path = join(dir, "wikiport.db");
  const source = openSqlite(path);
  await migrate(source);
  const write = drizzleSqlite({ client: source.sqlite, schema: sqliteSchema });
  const secrets = new Map<string, string>();
  const sessionTokens: string[] = [];
  const userIds = [randomUUID(), randomUUID(), randomUUID()];
  for (const [index, id] of userIds.entries()) {
    write.insert(sqliteSchema.users).values({ id, name: `${label}-user-${index}`, email: index === 0 ? `${label}@example.org` : null, emailVerified: index === 0 ? at(1) : null, image: null }).run();
    write.insert(sqliteSchema.accounts).values({ userId: id, type: "oidc", provider: "wikimedia", providerAccountId: `${label}${1000 + index}` }).run();
    for (let s = 0; s < 2; s += 1) {
      const token = randomBytes(32).toString("hex");
      sessionTokens.push(token);
      write.insert(sqliteSchema.sessions).values({ sessionToken: token, userId: id, expires: new Date(Date.now() + 14 * DAY + s) }).run();
    }
    write
      .insert(sqliteSchema.wikimediaProfiles)
      .values({ userId: id, wikimediaUserId: `${label}${1000 + index}`, username: `Ünïcode ${label} ${index}`, groups: ["*", "user"], rights: ["edit"], grants: ["basic", "editpage"], blocked: index === 2, editCount: 12 * index, registeredAt: index === 1 ? null : at(index * DAY), updatedAt: at(2 * DAY + 123) })
      .run();
  }
  write.insert(sqliteSchema.verificationTokens).values({ identifier: `${label}@example.org`, token: "verify-me", expires: at(3 * DAY) }).run();
  for (const userId of userIds.slice(0, 2)) {
    const grant = { id: randomUUID(), userId };
    const access = `access-${randomUUID()}`;
    const refresh = `refresh-${randomUUID()}`;
    secrets.set(`grants.access_token/${grant.id}`, access);
    secrets.set(`grants.refresh_token/${grant.id}`, refresh);
    write
      .insert(sqliteSchema.grants)
      .values({ ...grant, oauthServer: "https://meta.wikimedia.org/w/rest.php/oauth2", wikimediaUserId: "1", accessToken: seal(ring, access, grantSealContext(grant, "access_token")), refreshToken: seal(ring, refresh, grantSealContext(grant, "refresh_token")), accessExpiresAt: at(4 * DAY + 7), scopes: "basic editpage", version: 3, createdAt: at(5), updatedAt: at(6) })
      .run();
  }
  const personal = `personal-${randomUUID()}`;
  secrets.set(`personal_tokens.token/${userIds[0]}`, personal);
  write
    .insert(sqliteSchema.personalTokens)
    .values({ userId: userIds[0]!, token: seal(ring, personal, personalTokenSealContext(userIds[0]!)), lastFour: personal.slice(-4), wikimediaUserId: "1", username: "A", grants: ["basic"], rateLimit: { requestsPerUnit: 5000, unit: "HOUR" }, clientId: "abc", expiresAt: null, createdAt: at(7), verifiedAt: at(8), lastUsedAt: null })
    .run();
  for (let n = 0; n < 7; n += 1) {
    write.insert(sqliteSchema.auditEvents).values({ userId: userIds[n % 3]!, action: n % 2 ? "edit" : "sign_in", wiki: n % 2 ? "en.wikipedia.org" : null, title: n % 2 ? "Sandbox" : null, revisionId: n % 2 ? 1_200_000_000 + n : null, result: "ok", createdAt: at(n * 1000) }).run();
  }
  // A gap in the ids, as deleted users leave: ids must be kept as they are, not renumbered.
  write.delete(sqliteSchema.auditEvents).where(eq(sqliteSchema.auditEvents.id, 4)).run();
  for (const [index, userId] of userIds.slice(0, 2).entries()) {
    write
      .insert(sqliteSchema.apiTokens)
      .values({ userId, name: `token ${index}`, tokenDigest: createHash("sha256").update(`wkp_${label}${index}`).digest("hex"), lastFour: `${label}00${index}`.slice(-4), scopes: ["read", "edit"], createdAt: at(9), expiresAt: index ? at(99 * DAY) : null, lastUsedAt: null, revokedAt: null })
      .run();
    write
      .insert(sqliteSchema.widgets)
      .values({ id: `${label}w${index}${randomBytes(6).toString("hex")}`, userId, name: "card", wiki: "en.wikipedia.org", title: "Main Page", allowedOrigins: ["https://example.org"], options: { theme: "dark", layout: "full", lang: "de" }, watchButton: index === 1, createdAt: at(10), updatedAt: at(11) })
      .run();
  }
  await source.close();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { path, secrets, sessionTokens };
}

/** Every row of a copied table on either engine, in primary-key order. */
async function rowsOf(db: Db, engine: "sqlite" | "postgres", name: (typeof COPIED_TABLES)[number]["name"]): Promise<unknown[]> {
  const key = COPIED_TABLES.find((table) => table.name === name)!.key;
  const table = (engine === "sqlite" ? sqliteSchema : postgresSchema)[name] as unknown as PgTable;
  const columns = key.map((property) => (table as unknown as Record<string, PgColumn>)[property]!);
  const rows = (await db.select().from(table).orderBy(...columns.map((column) => asc(column)))) as Record<string, unknown>[];
  // Sorted again in JavaScript: the two engines' collations need not agree on text order.
  return rows.sort((a, b) => JSON.stringify(key.map((k) => a[k])).localeCompare(JSON.stringify(key.map((k) => b[k]))));
}

async function expectSameRows(sourcePath: string, targetUrl: string): Promise<void> {
  const source = openSqlite(sourcePath);
  cleanups.push(() => source.close());
  const target = await openTarget(targetUrl);
  for (const { name } of COPIED_TABLES) {
    const expected = await rowsOf(source, "sqlite", name);
    expect(expected.length, `${name} has rows in the source`).toBeGreaterThan(0);
    expect(await rowsOf(target, "postgres", name), name).toEqual(expected);
  }
}

async function markerExists(url: string): Promise<boolean> {
  const target = await openTarget(url);
  const found = await target.pool.query<{ name: string | null }>("SELECT to_regclass('wikiport_copy')::text AS name");
  return found.rows[0]?.name != null;
}

describe("db:copy", () => {
  it("copies every table's rows unchanged: sealed values open, sessions stay valid, audit ids and their identity carry on", async () => {
    const source = await seedSource();
    const url = await freshTarget();
    const events: CopyProgressEvent[] = [];

    const result = await copySqliteToPostgres(source.path, url, { batchSize: 2, onProgress: (event) => events.push(event) });

    expect(result).toMatchObject({ status: "done", resumed: false });
    await expectSameRows(source.path, url);
    expect(await markerExists(url)).toBe(false);
    for (const { table, rows } of result.tables) {
      expect(events.filter((event) => event.table === table).at(-1)).toEqual({ table, done: rows, total: rows });
    }

    const target = await openTarget(url);
    let opened = 0;
    for (const entry of SEALED_COLUMNS) {
      const name = getTableName(entry.table);
      const table = Object.values(postgresSchema).find((value) => is(value, PgTable) && getTableName(value) === name) as PgTable;
      for (const row of (await target.select().from(table)) as Record<string, unknown>[]) {
        const owner = row[propertyOf({ table: entry.table, column: entry.key })];
        const sealed = row[propertyOf(entry)] as string;
        expect(open(ring, sealed, entry.context(row)), entry.name).toBe(source.secrets.get(`${entry.name}/${String(owner)}`));
        opened += 1;
      }
    }
    expect(opened).toBe(source.secrets.size);

    const adapter = DrizzleAdapter(target as unknown as NodePgDatabase<typeof postgresSchema>, {
      usersTable: postgresSchema.users,
      accountsTable: postgresSchema.accounts,
      sessionsTable: postgresSchema.sessions,
      verificationTokensTable: postgresSchema.verificationTokens,
    });
    for (const token of source.sessionTokens) {
      const found = await adapter.getSessionAndUser!(token);
      expect(found?.session.sessionToken).toBe(token);
      expect(found?.user.id).toBe(found?.session.userId);
    }

    const ids = (await target.select({ id: postgresSchema.auditEvents.id }).from(postgresSchema.auditEvents)).map(({ id }) => id).sort((a, b) => a - b);
    expect(ids).toEqual([1, 2, 3, 5, 6, 7]);
    const [next] = await target
      .insert(postgresSchema.auditEvents)
      .values({ userId: (await target.select().from(postgresSchema.users).limit(1))[0]!.id, action: "sign_in", result: "ok", createdAt: new Date() })
      .returning({ id: postgresSchema.auditEvents.id });
    expect(next?.id).toBe(8);
  });

  it("refuses a target that holds any Wikiport row, and leaves it as it was", async () => {
    const source = await seedSource();
    const url = await freshTarget();
    const target = await openTarget(url);
    await migrate(target);
    await target.insert(postgresSchema.rateLimitBuckets).values({ key: "k", tokens: 1, updatedMs: 1 });

    const refused = await copySqliteToPostgres(source.path, url).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(CopyError);
    expect(refused).toMatchObject({ code: "target_not_empty", message: expect.stringContaining("rate_limit_buckets") });
    expect(await target.$count(postgresSchema.users)).toBe(0);
    expect(await markerExists(url)).toBe(false);
  });

  it("resumes a copy stopped after a batch and ends with every row exactly once", async () => {
    const source = await seedSource();
    const url = await freshTarget();
    const controller = new AbortController();
    let batches = 0;

    const stopped = await copySqliteToPostgres(source.path, url, {
      batchSize: 2,
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done > 0 && ++batches === 5) controller.abort();
      },
    });

    expect(stopped.status).toBe("stopped");
    expect(await markerExists(url)).toBe(true);
    const partial = await openTarget(url);
    expect(await partial.$count(postgresSchema.users)).toBe(3);
    expect(await partial.$count(postgresSchema.sessions)).toBe(2);

    const resumed = await copySqliteToPostgres(source.path, url, { batchSize: 2 });

    expect(resumed).toMatchObject({ status: "done", resumed: true });
    await expectSameRows(source.path, url);
    expect(await markerExists(url)).toBe(false);
  });

  it("resumes a copy that died between batches", async () => {
    const source = await seedSource();
    const url = await freshTarget();
    let batches = 0;
    const crash = new Error("the process died");

    const failed = await copySqliteToPostgres(source.path, url, {
      batchSize: 3,
      onProgress: ({ done }) => {
        if (done > 0 && ++batches === 4) throw crash;
      },
    }).catch((error: unknown) => error);

    expect(failed).toBe(crash);
    const resumed = await copySqliteToPostgres(source.path, url, { batchSize: 3 });
    expect(resumed).toMatchObject({ status: "done", resumed: true });
    await expectSameRows(source.path, url);
  });

  it("refuses to resume an unfinished copy of another source", async () => {
    const first = await seedSource("a");
    const second = await seedSource("b");
    const url = await freshTarget();
    const controller = new AbortController();
    await copySqliteToPostgres(first.path, url, { batchSize: 2, signal: controller.signal, onProgress: ({ done }) => done > 0 && controller.abort() });

    const refused = await copySqliteToPostgres(second.path, url).catch((error: unknown) => error);

    expect(refused).toMatchObject({ code: "other_copy" });
  });

  it("lists every table of the data model as copied or deliberately left behind", () => {
    const tables = Object.entries(sqliteSchema)
      .filter(([, value]) => is(value, SQLiteTable))
      .map(([name]) => name)
      .sort();
    expect([...COPIED_TABLES.map(({ name }) => name), ...Object.keys(NOT_COPIED)].sort()).toEqual(tables);
  });
});

describe("parseCopyArguments", () => {
  it("defaults --from to DATABASE_PATH and --to to DATABASE_URL", () => {
    expect(parseCopyArguments([], { DATABASE_PATH: "data/x.db", DATABASE_URL: "postgres://u:p@h/db" })).toEqual({ from: "data/x.db", to: "postgres://u:p@h/db", batchSize: 500 });
    expect(parseCopyArguments(["--from", "a.db", "--to", "postgresql://h/db", "--batch-size", "10"], {})).toEqual({ from: "a.db", to: "postgresql://h/db", batchSize: 10 });
  });

  it("refuses a missing or non-PostgreSQL target without repeating what was typed", () => {
    expect(() => parseCopyArguments([], {})).toThrow(/--to is missing/);
    expect(() => parseCopyArguments(["--to", "mysql://u:hunter2@h/db"], {})).toThrow(/postgres:\/\//);
    expect(() => parseCopyArguments(["--to", "mysql://u:hunter2@h/db"], {})).not.toThrow(/hunter2/);
    expect(() => parseCopyArguments(["--to", "postgres://h/db", "--batch-size", "0"], {})).toThrow(/--batch-size/);
    expect(() => parseCopyArguments(["--too", "x"], {})).toThrow(/Usage/);
  });
});

describe("npm run db:copy", () => {
  function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      // --from and --to are always given, so whatever DATABASE_* the environment holds is not used.
      const child = spawn(join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/db-copy.ts", ...args], { cwd: process.cwd() });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.once("error", reject);
      child.once("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  it("copies with progress on stderr, then refuses to copy again, exit code 1, never showing the password", async () => {
    const source = await seedSource();
    const url = new URL(await freshTarget());
    // The throwaway server trusts loopback, so any password connects; it must still never be printed.
    url.password = "s3cret-pass";

    const copied = await run(["--from", source.path, "--to", url.toString(), "--batch-size", "4"]);

    expect(copied.code, copied.stderr).toBe(0);
    expect(copied.stderr).toContain("sessions: 4/6");
    expect(copied.stdout).toMatch(/Copy finished in [\d.]+ s: 29 rows in 10 tables/);

    const again = await run(["--from", source.path, "--to", url.toString()]);

    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds Wikiport data/);
    for (const output of [copied.stdout, copied.stderr, again.stdout, again.stderr]) expect(output).not.toContain("s3cret-pass");
  }, 60_000);
});
