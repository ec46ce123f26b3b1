/**
 * Accounts across wikis, as CentralAuth keeps them: one global account, and on each wiki a local account
 * attached to it. Not every user has an account on every wiki. Since May 2026 an OAuth request to a wiki
 * where the user has none creates it on the spot (OAuth extension `dc8b432`), as CentralAuth always did
 * for browser sessions: same name, attached with method `login`, and a `newusers`/`autocreate` log entry
 * on that wiki (docs/wikimedia-protocol.md §11.2).
 */
import type { LocalAccountRecord, LogEventRecord, UserRecord } from "./state";
import type { SandboxStore } from "./store";
import { WIKIS } from "./wikis";


/** Where each demo account lives at the seed (by central id): its home wiki, then the others. */
const SEEDED_WIKIS: Record<number, { home: string; method: "primary" | "new"; others: string[] }> = {
  // Ada and Nico have edited on every wiki (the seeded pages' histories say so).
  1001: { home: "en.wikipedia.org", method: "new", others: ["meta.wikimedia.org", "de.wikipedia.org", "he.wikipedia.org"] },
  1002: { home: "en.wikipedia.org", method: "new", others: ["meta.wikimedia.org", "de.wikipedia.org", "he.wikipedia.org"] },
  1003: { home: "en.wikipedia.org", method: "new", others: ["meta.wikimedia.org"] },
  // An account older than single user login: merged ("primary") on its home wiki.
  1004: { home: "en.wikipedia.org", method: "primary", others: ["meta.wikimedia.org", "de.wikipedia.org", "he.wikipedia.org"] },
  // Wanda has never used de.wikipedia.org or he.wikipedia.org: her accounts there are made on first use.
  1005: { home: "en.wikipedia.org", method: "new", others: ["meta.wikimedia.org"] },
};

/** The seed's local accounts, attached at registration. Seeded local ids equal the central ids, so the seeded pages' authors stay as they were. */
export function seedLocalAccounts(users: readonly UserRecord[]): LocalAccountRecord[] {
  return users.flatMap((user) => {
    const placed = SEEDED_WIKIS[user.id] ?? { home: "en.wikipedia.org", method: "new" as const, others: WIKIS.map((w) => w.host).filter((host) => host !== "en.wikipedia.org") };
    return [
      { userId: user.id, wiki: placed.home, localId: user.id, attached: user.registered, method: placed.method },
      ...placed.others.map((wiki) => ({ userId: user.id, wiki, localId: user.id, attached: user.registered, method: "login" as const })),
    ];
  });
}

/** Local ids the wikis hand out to accounts created after the seed (each wiki numbers its own). */
export const FIRST_AUTOCREATED_ID = 5001;

export function localAccount(store: SandboxStore, userId: number, wiki: string): LocalAccountRecord | undefined {
  return store.state.localAccounts.find((account) => account.userId === userId && account.wiki === wiki);
}

/** The user's accounts, home first (CentralAuthUser::queryAttached keeps no order; the sandbox's is stable). */
export function accountsOf(store: SandboxStore, userId: number): LocalAccountRecord[] {
  const mine = store.state.localAccounts.filter((account) => account.userId === userId);
  return [...mine.filter((a) => a.method !== "login"), ...mine.filter((a) => a.method === "login")];
}

/**
 * The user's account on `wiki`, created now if they have none (CentralAuthHooks::onLocalUserCreated:
 * attached with method `login`; NewUsersLogFormatter: `newusers`/`autocreate`, performed by the new
 * account itself, with its local id as `userid`).
 */
export function ensureLocalAccount(store: SandboxStore, user: UserRecord, wiki: string): LocalAccountRecord {
  const existing = localAccount(store, user.id, wiki);
  if (existing) return existing;
  const state = store.state;
  const now = store.now();
  const localId = state.nextId.localUser++;
  const account: LocalAccountRecord = { userId: user.id, wiki, localId, attached: now, method: "login" };
  state.localAccounts.push(account);
  const entry: LogEventRecord = {
    id: state.nextId.log++, wiki, type: "newusers", action: "autocreate", userId: user.id, userName: user.name,
    title: `User:${user.name}`, timestamp: now, params: { userid: localId },
  };
  state.logEvents.push(entry);
  store.changed();
  return account;
}
