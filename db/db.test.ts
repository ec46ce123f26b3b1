import { eq } from "drizzle-orm";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDb } from "./index";
import { MIGRATIONS_FOLDER, migrate } from "./migrate";
import { accounts, sessions, users } from "./schema";
import { createTestDb } from "./testing";

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function fresh() {
  const test = createTestDb();
  cleanups.push(test.cleanup);
  return test;
}

describe("createDb", () => {
  it("opens SQLite in WAL mode with foreign keys and a busy timeout", () => {
    const { db } = fresh();
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("creates the Auth.js tables and the vault through the committed migrations, and migrating again changes nothing", () => {
    const { db, path } = fresh();
    const tables = db.$client
      .prepare("select name from sqlite_master where type = 'table' and name not like '\\_\\_%' escape '\\' and name not like 'sqlite_%' order by name")
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(["accounts", "grants", "sessions", "users", "verification_tokens"]));

    const again = createDb(path);
    migrate(again);
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    expect(again.$client.prepare("select count(*) from __drizzle_migrations").pluck().get()).toBe(journal.entries.length);
    again.$client.close();
  });

  it("deletes a user's accounts and sessions with the user (foreign keys are enforced)", () => {
    const { db } = fresh();
    const [user] = db.insert(users).values({ name: "Ada Editor" }).returning().all();
    db.insert(accounts).values({ userId: user!.id, type: "oauth", provider: "wikimedia", providerAccountId: "1001" }).run();
    db.insert(sessions).values({ sessionToken: "s1", userId: user!.id, expires: new Date(Date.now() + 60_000) }).run();
    expect(() =>
      db.insert(sessions).values({ sessionToken: "s2", userId: "no-such-user", expires: new Date() }).run(),
    ).toThrow(/FOREIGN KEY/);

    db.delete(users).where(eq(users.id, user!.id)).run();
    expect(db.select().from(accounts).all()).toEqual([]);
    expect(db.select().from(sessions).all()).toEqual([]);
  });
});
