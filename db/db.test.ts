import { eq } from "drizzle-orm";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatabaseConfigError, databaseTarget, redactUrl } from "./engine";
import { constraintViolated } from "./errors";
import { connectDb, openPostgres } from "./index";
import { MIGRATIONS_FOLDERS, migrate } from "./migrate";
import { accounts, sessions, users } from "./schema";
import { TEST_ENGINE, useTestDb } from "./testing";

const database = useTestDb();

describe(`the database (${TEST_ENGINE})`, () => {
  it("creates every table through the committed migrations, and migrating again changes nothing", async () => {
    const { db, target } = database;
    await db.insert(users).values({ name: "Ada Editor" });
    const again = connectDb(target);
    await migrate(again);
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDERS[TEST_ENGINE], "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    const applied =
      TEST_ENGINE === "postgres"
        ? (await (again as typeof again & { pool: import("pg").Pool }).pool.query("select count(*)::int as n from drizzle.__drizzle_migrations")).rows[0].n
        : (again as typeof again & { sqlite: import("better-sqlite3").Database }).sqlite.prepare("select count(*) from __drizzle_migrations").pluck().get();
    expect(applied).toBe(journal.entries.length);
    expect(await again.select({ name: users.name }).from(users)).toEqual([{ name: "Ada Editor" }]);
    await again.close();
  });

  it("deletes a user's accounts and sessions with the user (foreign keys are enforced)", async () => {
    const { db } = database;
    const [user] = await db.insert(users).values({ name: "Ada Editor" }).returning();
    await db.insert(accounts).values({ userId: user!.id, type: "oauth", provider: "wikimedia", providerAccountId: "1001" });
    await db.insert(sessions).values({ sessionToken: "s1", userId: user!.id, expires: new Date(Date.now() + 60_000) });
    const refused = await db
      .insert(sessions)
      .values({ sessionToken: "s2", userId: "no-such-user", expires: new Date() })
      .then(() => null, (error: unknown) => error);
    expect(constraintViolated(refused)).toBe("foreign_key");
    const duplicate = await db
      .insert(sessions)
      .values({ sessionToken: "s1", userId: user!.id, expires: new Date() })
      .then(() => null, (error: unknown) => error);
    expect(constraintViolated(duplicate)).toBe("unique");

    await db.delete(users).where(eq(users.id, user!.id));
    expect(await db.select().from(accounts)).toEqual([]);
    expect(await db.select().from(sessions)).toEqual([]);
  });

  it("keeps a transaction's writes together: all of them, or none when it fails", async () => {
    const { db } = database;
    await db.transaction(async (tx) => {
      await tx.insert(users).values({ id: "u1", name: "Kept" });
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(users).values({ id: "u2", name: "Rolled back" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect((await db.select({ id: users.id }).from(users)).map((row) => row.id)).toEqual(["u1"]);
  });

  it("hands a row back with the same types on every engine (dates, JSON, booleans)", async () => {
    const { db } = database;
    const at = new Date("2026-05-01T12:34:56.789Z");
    const [user] = await db.insert(users).values({ name: "Ada", emailVerified: at }).returning();
    expect(user!.emailVerified).toEqual(at);
    expect(user!.emailVerified).toBeInstanceOf(Date);
  });

  it("wakes a subscriber when its topic is notified", async () => {
    const { db } = database;
    const subscription = await db.signals.subscribe("grant:g1");
    const woken = subscription.next(60_000);
    await db.signals.notify("grant:g1");
    await woken;
    subscription.close();
  });
});

describe("choosing the engine", () => {
  it("picks PostgreSQL for a postgres:// DATABASE_URL and SQLite at DATABASE_PATH otherwise", () => {
    expect(databaseTarget({ DATABASE_URL: "postgres://w:secret@db:5432/wikiport" })).toEqual({
      engine: "postgres",
      url: "postgres://w:secret@db:5432/wikiport",
    });
    expect(databaseTarget({ DATABASE_PATH: "/srv/wikiport.db" })).toEqual({ engine: "sqlite", path: "/srv/wikiport.db" });
    expect(databaseTarget({})).toEqual({ engine: "sqlite", path: "data/wikiport.db" });
  });

  it("refuses another scheme, naming the URL without its password", () => {
    expect(() => databaseTarget({ DATABASE_URL: "mysql://w:hunter2@db/wikiport" })).toThrow(DatabaseConfigError);
    expect(() => databaseTarget({ DATABASE_URL: "mysql://w:hunter2@db/wikiport" })).toThrow(/mysql:\/\/w:\*\*\*@db\/wikiport/);
    expect(redactUrl("postgres://w:hunter2@db/wikiport")).not.toContain("hunter2");
  });

  it("stops on a server that does not answer, with a message that names it and not its password", async () => {
    const error = await openPostgres("postgres://wikiport:hunter2@127.0.0.1:1/wikiport").then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DatabaseConfigError);
    expect((error as Error).message).toMatch(/^Cannot connect to the database at DATABASE_URL \(postgres:\/\/wikiport:\*\*\*@127\.0\.0\.1:1\/wikiport\): /);
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("stops `npm run db:migrate` on an unreachable DATABASE_URL, naming it without the password", async () => {
    const env = {
      NODE_ENV: "production" as const,
      AUTH_SECRET: randomBytes(33).toString("base64"),
      WIKIPORT_KEYS: `k1=${randomBytes(32).toString("base64url")}`,
      WIKIPORT_ACTIVE_KEY: "k1",
      DATABASE_URL: "postgres://wikiport:hunter2@127.0.0.1:1/wikiport",
    };
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      // Node itself runs tsx, so the child needs no PATH: its environment is exactly the one above.
      const tsx = join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
      const child = spawn(process.execPath, [tsx, "scripts/migrate.ts"], { cwd: process.cwd(), env });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.once("error", reject);
      child.once("close", (exit) => resolve({ code: exit, output }));
    });
    expect(code).toBe(1);
    expect(output).toContain("Cannot connect to the database at DATABASE_URL (postgres://wikiport:***@127.0.0.1:1/wikiport)");
    expect(output).not.toContain("hunter2");
  });
});
