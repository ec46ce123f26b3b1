/**
 * Wikiport's app token shared by every instance on the database (docs/decisions/018-many-instances.md):
 * one `app_tokens` row per OAuth server holds the token sealed with the vault's key ring, bound to the
 * column and the server (docs/security-requirements.md, sealed at rest like the vault's tokens).
 *
 * When no stored token will do, an instance takes the row's lease with a conditional UPDATE on the
 * version it read, fetches with no transaction open, writes the new token with `version + 1` and wakes
 * the others (`db.signals`), which meanwhile wait and read it: one client-credentials request for the
 * whole deployment, as the vault does for a user's refresh (docs/decisions/004-refresh-lease.md). A
 * holder that dies loses the lease after one token request's timeout plus a margin.
 */
import { createHash, randomUUID } from "node:crypto";
import { and, eq, lte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { appTokens } from "@/db/schema";
import type { Subscription } from "@/db/signals";
import type { KeyRing } from "@/lib/crypto/key-ring";
import { open, seal } from "@/lib/crypto/sealed";
import type { Logger } from "@/lib/log";
import { appTokenSealContext } from "@/lib/sealed-columns/registry";
import { WikimediaError } from "./errors";
import { sharedStateUnavailable } from "./shared-state-error";
import { REQUEST_TIMEOUT_MS } from "./timeouts";

export interface SharedAppTokenOptions {
  db: Db;
  keyRing: KeyRing;
  /** The OAuth base URL the token comes from (config `wikimedia.oauthUrl`): the row's key. */
  oauthServer: string;
  /**
   * How long a waiter sleeps when no wake-up comes: on PostgreSQL wake-ups cross instances and this only
   * covers a lost one; on SQLite they stay in one process.
   */
  fallbackMs?: number;
}

interface Issued {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

interface Deps {
  now: () => number;
  renewMs: number;
  log: Logger;
  /** One client-credentials request; throws a WikimediaError. */
  fetch: () => Promise<Issued>;
}

/** Longer than the token request's timeout, so a live fetch never loses its lease. */
export const APP_TOKEN_LEASE_MS = REQUEST_TIMEOUT_MS + 5_000;

type Row = typeof appTokens.$inferSelect;

export function sharedAppToken(options: SharedAppTokenOptions, deps: Deps) {
  const { db, keyRing, oauthServer } = options;
  const { now, renewMs, log } = deps;
  const context = appTokenSealContext(oauthServer);
  const topic = `app-token:${createHash("sha256").update(oauthServer, "utf8").digest("hex")}`;
  const fallbackMs = options.fallbackMs ?? (db.signals.crossProcess ? 1_000 : 100);
  const ofServer = eq(appTokens.oauthServer, oauthServer);

  function stored(row: Row): Issued | null {
    if (!row.token) return null;
    try {
      return { token: open(keyRing, row.token, context), expiresAt: row.expiresMs };
    } catch {
      // Sealed under a key the ring no longer has, or altered: a new token replaces it.
      log.warn("wikimedia.app_token_unsealable", {});
      return null;
    }
  }

  async function fetchAndStore(owner: string): Promise<Issued> {
    let issued: Issued;
    try {
      issued = await deps.fetch();
    } catch (error) {
      // Let the next instance try at once rather than after the lease runs out.
      await db
        .update(appTokens)
        .set({ leaseOwner: null, leaseUntilMs: 0 })
        .where(and(ofServer, eq(appTokens.leaseOwner, owner)))
        .catch(() => undefined);
      await db.signals.notify(topic).catch(() => undefined);
      throw error;
    }
    const written = await db
      .update(appTokens)
      .set({
        token: seal(keyRing, issued.token, context),
        expiresMs: issued.expiresAt,
        version: sql`${appTokens.version} + 1`,
        leaseOwner: null,
        leaseUntilMs: 0,
      })
      .where(and(ofServer, eq(appTokens.leaseOwner, owner)))
      .returning({ version: appTokens.version });
    // Lease lost (it outlived APP_TOKEN_LEASE_MS): the token is still valid, only not the shared one.
    if (written.length === 0) log.warn("wikimedia.app_token_lease_lost", {});
    await db.signals.notify(topic);
    return issued;
  }

  /** A valid token other than `rejected`: the stored one, or one this instance fetches under the lease. */
  async function obtain(rejected: string | null): Promise<Issued> {
    try {
      return await leasedOrStored(rejected);
    } catch (error) {
      if (error instanceof WikimediaError) throw error;
      throw sharedStateUnavailable(error, log, "wikimedia.app_token_store_failed");
    }
  }

  async function leasedOrStored(rejected: string | null): Promise<Issued> {
    // A waiter gives up if two holders in a row neither wrote a token nor let go of the lease.
    const giveUpAt = now() + 2 * APP_TOKEN_LEASE_MS;
    let subscription: Subscription | null = null;
    try {
      for (;;) {
        const row = (await db.select().from(appTokens).where(ofServer).limit(1))[0];
        if (!row) {
          await db.insert(appTokens).values({ oauthServer }).onConflictDoNothing();
          continue;
        }
        const at = now();
        const current = stored(row);
        if (current && current.token !== rejected && current.expiresAt - at > renewMs) return current;
        if (row.leaseUntilMs <= at) {
          const owner = randomUUID();
          // On the version read: an instance that stored a new token meanwhile wins, and we read it next.
          const leased = await db
            .update(appTokens)
            .set({ leaseOwner: owner, leaseUntilMs: at + APP_TOKEN_LEASE_MS })
            .where(and(ofServer, eq(appTokens.version, row.version), lte(appTokens.leaseUntilMs, at)))
            .returning({ version: appTokens.version });
          if (leased.length === 1) return await fetchAndStore(owner);
          continue;
        }
        if (at >= giveUpAt) {
          throw new WikimediaError("wikimedia_unavailable", {
            message: "Wikiport cannot read from Wikimedia right now because its own connection is not ready. Try again later.",
            detail: "app-token-not-ready",
          });
        }
        if (!subscription) {
          // Listen first, then look again, so a token written between the look and the wait is not missed.
          subscription = await db.signals.subscribe(topic);
          continue;
        }
        await subscription.next(Math.max(1, Math.min(fallbackMs, row.leaseUntilMs - at, giveUpAt - at)));
      }
    } finally {
      subscription?.close();
    }
  }

  return { obtain };
}
