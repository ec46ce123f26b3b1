/**
 * The token vault: each user's Wikimedia tokens, sealed at rest, and a valid access token on request.
 *
 * Wikimedia rotates refresh tokens on every use and revokes the old access token at once, so two racing
 * refreshes can log a user out. Refresh is therefore single-flight twice over: one promise per grant
 * inside a process, and a lease on the grant row across processes and instances (a conditional UPDATE;
 * no transaction is held across the network call), with a version check on the write. A process that
 * finds the lease taken waits until the holder's write wakes it (db/signals.ts), or until the lease runs
 * out, and re-reads the row instead of refreshing again.
 * See docs/decisions/004-refresh-lease.md and 018-many-instances.md.
 */
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/db";
import { grants } from "@/db/schema";
import type { KeyRing } from "@/lib/crypto/key-ring";
import { SealError, open, seal } from "@/lib/crypto/sealed";
import type { Logger } from "@/lib/log";
import { grantSealContext } from "@/lib/sealed-columns/registry";
import { TokenEndpointError, type TokenClient } from "@/lib/wikimedia/oauth";
import { ReconnectNeededError, WikimediaUnavailableError } from "@/lib/wikimedia/token-errors";

export type Grant = typeof grants.$inferSelect;

/** Wikimedia's refresh-token lifetime ($wgOAuth2RefreshTokenTTL = P365D), counted from each issuance. */
const REFRESH_TOKEN_TTL_MS = 365 * 24 * 3600 * 1000;
/** Longer than the token request's timeout, so a live refresh never loses its lease. */
const LEASE_MS = 30_000;
/**
 * How often a waiter re-reads the row when the database cannot wake it from another process (SQLite:
 * several processes on one file). On PostgreSQL the holder's write wakes it (LISTEN/NOTIFY), and it
 * re-reads on its own only when the holder's lease runs out, which is how a dead holder is replaced.
 */
const LOCAL_POLL_MS = 40;
const MAX_BACKOFF_MS = 5 * 60_000;

export interface VaultOptions {
  db: Db;
  keyRing: KeyRing;
  tokens: TokenClient;
  /** The OAuth server (its OAuth base URL) that issues this process's tokens: grants from another are not used. */
  oauthServer: string;
  refreshSkewSeconds: number;
  log: Logger;
  now?: () => number;
}

export interface NewTokens {
  userId: string;
  wikimediaUserId: string;
  accessToken: string;
  refreshToken: string | null;
  expiresInSeconds: number;
  scopes: string[];
}

// The associated data is defined once, with the column's entry for key rotation (lib/sealed-columns).
const context = grantSealContext;

/** The topic (db/signals.ts) on which a grant's writers wake its waiters. */
const topic = (grantId: string) => `grant:${grantId}`;

export function createVault(options: VaultOptions) {
  const { db, keyRing, tokens, log } = options;
  const now = options.now ?? Date.now;
  const skewMs = options.refreshSkewSeconds * 1000;
  const processId = `${hostname()}:${process.pid}`;
  const inflight = new Map<string, Promise<string>>();

  async function read(userId: string): Promise<Grant | undefined> {
    return (await db.select().from(grants).where(eq(grants.userId, userId)).limit(1))[0];
  }

  async function readById(id: string): Promise<Grant> {
    const grant = (await db.select().from(grants).where(eq(grants.id, id)).limit(1))[0];
    if (!grant) throw new ReconnectNeededError("grant_deleted");
    return grant;
  }

  async function markReconnect(grant: Grant, reason: string): Promise<void> {
    await db
      .update(grants)
      .set({
        accessToken: null,
        refreshToken: null,
        status: "reconnect_needed",
        statusReason: reason,
        version: sql`${grants.version} + 1`,
        leaseOwner: null,
        leaseUntil: null,
        updatedAt: new Date(now()),
      })
      .where(eq(grants.id, grant.id));
    await db.signals.notify(topic(grant.id));
  }

  /** Opens a sealed column; a value that does not open marks the grant for reconnect (no plaintext fallback). */
  async function unseal(grant: Grant, column: "access_token" | "refresh_token"): Promise<string> {
    const sealed = column === "access_token" ? grant.accessToken : grant.refreshToken;
    if (!sealed) throw new ReconnectNeededError("no_token");
    try {
      return open(keyRing, sealed, context(grant, column));
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
      log.error("vault.unseal_failed", { grantId: grant.id, userId: grant.userId, column, reason: error.code });
      await markReconnect(grant, "unsealable");
      throw new ReconnectNeededError("unsealable");
    }
  }

  /** How long a waiter sleeps before re-reading the row, unless the holder's write wakes it first. */
  function waitStep(grant: Grant, deadline: number): number {
    if (!db.signals.crossProcess) return LOCAL_POLL_MS;
    const leaseLeft = grant.leaseUntil ? grant.leaseUntil.getTime() - now() : 0;
    return Math.max(LOCAL_POLL_MS, Math.min(leaseLeft, deadline - now()));
  }

  function accessIsFresh(grant: Grant): boolean {
    return Boolean(grant.accessToken && grant.accessExpiresAt && grant.accessExpiresAt.getTime() - now() > skewMs);
  }

  function accessIsUsable(grant: Grant): boolean {
    return Boolean(grant.accessToken && grant.accessExpiresAt && grant.accessExpiresAt.getTime() > now());
  }

  /**
   * Tokens are only good at the server that issued them, and a refresh token sent elsewhere is leaked
   * there: after the operator points Wikiport at another OAuth server (sandbox to production, say), a
   * grant from the old one is not used, and the user signs in again (docs/decisions/016-grant-oauth-server.md).
   */
  function usable(grant: Grant): Grant {
    if (grant.status !== "active") throw new ReconnectNeededError(grant.statusReason ?? grant.status);
    if (grant.oauthServer !== options.oauthServer) throw new ReconnectNeededError("other_oauth_server");
    return grant;
  }

  async function activeGrant(userId: string): Promise<Grant> {
    const grant = await read(userId);
    if (!grant) throw new ReconnectNeededError("no_grant");
    return usable(grant);
  }

  async function tryLease(grant: Grant, owner: string): Promise<boolean> {
    const at = now();
    const taken = await db
      .update(grants)
      .set({ leaseOwner: owner, leaseUntil: new Date(at + LEASE_MS) })
      .where(
        and(
          eq(grants.id, grant.id),
          eq(grants.version, grant.version),
          eq(grants.status, "active"),
          or(isNull(grants.leaseUntil), lte(grants.leaseUntil, new Date(at))),
        ),
      )
      .returning({ id: grants.id });
    return taken.length === 1;
  }

  async function releaseAfterFailure(grant: Grant, owner: string, error: TokenEndpointError): Promise<number> {
    const failures = grant.failureCount + 1;
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 12));
    // Full jitter between half and all of the backoff, so many users' retries don't line up.
    const wait = Math.max((error.details.retryAfterSeconds ?? 0) * 1000, Math.round(backoff * (0.5 + Math.random() / 2)));
    await db
      .update(grants)
      .set({ failureCount: failures, retryAfter: new Date(now() + wait), leaseOwner: null, leaseUntil: null, updatedAt: new Date(now()) })
      .where(and(eq(grants.id, grant.id), eq(grants.leaseOwner, owner)));
    await db.signals.notify(topic(grant.id));
    return wait;
  }

  async function refreshOnce(grantId: string): Promise<string> {
    const owner = `${processId}:${randomUUID()}`;
    const deadline = now() + LEASE_MS + 5_000;
    let grant: Grant;
    // Listening starts before the first read, so a write between that read and the wait still wakes us.
    const changes = await db.signals.subscribe(topic(grantId));
    try {
      for (;;) {
        grant = usable(await readById(grantId));
        if (accessIsFresh(grant)) return await unseal(grant, "access_token");
        if (grant.retryAfter && grant.retryAfter.getTime() > now()) {
          if (accessIsUsable(grant)) return await unseal(grant, "access_token");
          throw new WikimediaUnavailableError(grant.retryAfter.getTime() - now());
        }
        if (await tryLease(grant, owner)) break;
        if (now() > deadline) throw new WikimediaUnavailableError(null);
        await changes.next(waitStep(grant, deadline));
      }
    } finally {
      changes.close();
    }

    const refreshToken = await unseal(grant, "refresh_token");
    const requestedAt = now();
    let fresh;
    try {
      fresh = await tokens.refresh(refreshToken);
    } catch (error) {
      if (!(error instanceof TokenEndpointError)) throw error;
      if (error.kind === "invalid_grant") {
        log.warn("vault.refresh_rejected", { grantId, userId: grant.userId, error: error.details.error, hint: error.details.hint });
        await markReconnect(grant, "invalid_grant");
        throw new ReconnectNeededError("invalid_grant");
      }
      const wait = await releaseAfterFailure(grant, owner, error);
      log.warn("vault.refresh_failed", { grantId, userId: grant.userId, kind: error.kind, status: error.details.status, retryInMs: wait });
      if (accessIsUsable(grant)) return unseal(grant, "access_token");
      throw new WikimediaUnavailableError(wait);
    }

    // Store the rotated refresh token before the new access token is used: the old one is now dead.
    const written = await db
      .update(grants)
      .set({
        accessToken: seal(keyRing, fresh.accessToken, context(grant, "access_token")),
        refreshToken: fresh.refreshToken ? seal(keyRing, fresh.refreshToken, context(grant, "refresh_token")) : grant.refreshToken,
        accessExpiresAt: new Date(requestedAt + fresh.expiresInSeconds * 1000),
        refreshExpiresAt: fresh.refreshToken ? new Date(requestedAt + REFRESH_TOKEN_TTL_MS) : grant.refreshExpiresAt,
        version: grant.version + 1,
        leaseOwner: null,
        leaseUntil: null,
        lastRefreshAt: new Date(now()),
        failureCount: 0,
        retryAfter: null,
        updatedAt: new Date(now()),
      })
      .where(and(eq(grants.id, grant.id), eq(grants.version, grant.version)))
      .returning({ id: grants.id });
    // Waiters on every instance re-read the row now instead of at their next timeout.
    await db.signals.notify(topic(grant.id));
    if (written.length !== 1) {
      log.error("vault.refresh_write_conflict", { grantId, userId: grant.userId });
    } else {
      log.info("vault.refreshed", { grantId, userId: grant.userId, version: grant.version + 1 });
    }
    return fresh.accessToken;
  }

  return {
    /** A valid access token for the user, refreshed first when it is within the skew of expiry. */
    async getAccessToken(userId: string): Promise<string> {
      const grant = await activeGrant(userId);
      if (accessIsFresh(grant)) return unseal(grant, "access_token");
      let pending = inflight.get(grant.id);
      if (!pending) {
        pending = refreshOnce(grant.id).finally(() => inflight.delete(grant.id));
        inflight.set(grant.id, pending);
      }
      return pending;
    },

    /**
     * After Wikimedia refused an access token that looked valid: refresh, unless another request has
     * already replaced that token, in which case the replacement is returned.
     */
    async refreshAfterRejection(userId: string, rejectedAccessToken: string): Promise<string> {
      const grant = await activeGrant(userId);
      if (grant.accessToken) {
        const current = await unseal(grant, "access_token");
        if (current !== rejectedAccessToken) return current;
      }
      await db
        .update(grants)
        .set({ accessExpiresAt: new Date(0) })
        .where(and(eq(grants.id, grant.id), eq(grants.version, grant.version)));
      return this.getAccessToken(userId);
    },

    /**
     * Stores the tokens of a sign-in, overwriting any earlier ones and clearing a reconnect state
     * (Auth.js would keep the first tokens forever: next-auth #3599). `within`: the sign-in's transaction.
     */
    async storeTokens(input: NewTokens, within: Db = db): Promise<Grant> {
      const at = now();
      const [existing] = await within.select().from(grants).where(eq(grants.userId, input.userId)).limit(1);
      const id = existing?.id ?? randomUUID();
      const where = { id, userId: input.userId };
      const values = {
        oauthServer: options.oauthServer,
        wikimediaUserId: input.wikimediaUserId,
        accessToken: seal(keyRing, input.accessToken, context(where, "access_token")),
        refreshToken: input.refreshToken ? seal(keyRing, input.refreshToken, context(where, "refresh_token")) : null,
        accessExpiresAt: new Date(at + input.expiresInSeconds * 1000),
        refreshExpiresAt: input.refreshToken ? new Date(at + REFRESH_TOKEN_TTL_MS) : null,
        scopes: input.scopes.join(" "),
        status: "active" as const,
        statusReason: null,
        leaseOwner: null,
        leaseUntil: null,
        failureCount: 0,
        retryAfter: null,
        updatedAt: new Date(at),
      };
      if (existing) {
        await within.update(grants).set({ ...values, version: existing.version + 1 }).where(eq(grants.id, id));
      } else {
        await within.insert(grants).values({ id, userId: input.userId, ...values, createdAt: new Date(at) });
      }
      const [stored] = await within.select().from(grants).where(eq(grants.id, id)).limit(1);
      if (!stored) throw new ReconnectNeededError("grant_deleted");
      return stored;
    },

    /** Forgets the user's Wikimedia tokens ("Disconnect"). */
    async disconnect(userId: string): Promise<void> {
      const grant = await read(userId);
      if (!grant) return;
      await db
        .update(grants)
        .set({
          accessToken: null,
          refreshToken: null,
          status: "revoked",
          statusReason: "disconnected",
          version: grant.version + 1,
          leaseOwner: null,
          leaseUntil: null,
          updatedAt: new Date(now()),
        })
        .where(eq(grants.id, grant.id));
      await db.signals.notify(topic(grant.id));
    },

    /** The grant row without its tokens, for showing connection health. */
    async describe(userId: string): Promise<Omit<Grant, "accessToken" | "refreshToken"> | null> {
      const grant = await read(userId);
      if (!grant) return null;
      const { accessToken: _access, refreshToken: _refresh, ...rest } = grant;
      return rest;
    },
  };
}

export type Vault = ReturnType<typeof createVault>;
