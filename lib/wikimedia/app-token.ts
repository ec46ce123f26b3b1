/**
 * Wikiport's own access token (OAuth 2.0 client-credentials grant), used to read for visitors who are
 * not signed in, so their reads count against Wikiport's quota and not an IP's anonymous one
 * (docs/wikimedia-protocol.md §7: 5,000/hour for a client-credentials app). For an ordinary (non-owner-only)
 * consumer this token acts as an anonymous session (§5.2).
 *
 * Each process keeps the token in memory until shortly before it expires, and fetching is single-flight
 * in the process. With `shared` (production), the token is also kept sealed in `app_tokens` for every
 * instance, and one instance at a time fetches a new one (app-token-store.ts), so a deployment of any
 * size makes one token request, not one per instance (docs/decisions/018-many-instances.md).
 */
import { log as defaultLog, type Logger } from "@/lib/log";
import { WikimediaError } from "./errors";
import type { Credential, WikiResponse } from "./http";
import { sharedAppToken, type SharedAppTokenOptions } from "./app-token-store";
import { TokenEndpointError, type TokenClient } from "./oauth";
import { tokenRejectedBy } from "./user-token";

export interface AppTokenOptions {
  tokens: Pick<TokenClient, "clientCredentials">;
  /** Renew this long before expiry, so a token never dies in flight. Default 5 minutes. */
  renewBeforeSeconds?: number;
  now?: () => number;
  log?: Logger;
  /** The database every instance reads the token from; without it, this process alone keeps it. */
  shared?: SharedAppTokenOptions;
}

export interface AppToken {
  /** A valid app token, fetched when none is cached or the cached one is close to expiry. */
  get(): Promise<string>;
  /** After Wikimedia refused `rejected`: a new token, unless another caller has already replaced it. */
  replace(rejected: string): Promise<string>;
}

const OAUTH_HOST = "meta.wikimedia.org";

function toWikimediaError(error: unknown): unknown {
  if (!(error instanceof TokenEndpointError)) return error;
  if (error.kind === "transient") {
    return new WikimediaError("wikimedia_unavailable", {
      host: OAUTH_HOST,
      ...(error.details.status !== undefined ? { status: error.details.status } : {}),
      ...(error.details.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.details.retryAfterSeconds } : {}),
      cause: error,
    });
  }
  // invalid_client or a refused request: an operator must fix Wikiport's consumer; visitors can only wait.
  return new WikimediaError("wikimedia_unavailable", {
    host: OAUTH_HOST,
    message: "Wikiport cannot read from Wikimedia right now because its own connection was refused. Try again later.",
      detail: "app-token-refused",
    ...(error.details.status !== undefined ? { status: error.details.status } : {}),
    ...(error.details.error !== undefined ? { apiCode: error.details.error } : {}),
    cause: error,
  });
}

interface Issued {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export function createAppToken(options: AppTokenOptions): AppToken {
  const now = options.now ?? Date.now;
  const renewMs = (options.renewBeforeSeconds ?? 300) * 1000;
  const logger = options.log ?? defaultLog;
  const shared = options.shared ? sharedAppToken(options.shared, { now, renewMs, log: logger, fetch: fetchNew }) : null;
  let cached: Issued | null = null;
  // Single-flight per rejected token ("" for none), so a replace() never joins a fetch that may hand back the token it rejects.
  const pending = new Map<string, Promise<string>>();

  async function fetchNew(): Promise<Issued> {
    try {
      const requestedAt = now();
      const set = await options.tokens.clientCredentials();
      logger.info("wikimedia.app_token_issued", { expiresInSeconds: set.expiresInSeconds });
      // Counted from the request, not the answer, so a slow answer cannot stretch the token's life.
      return { token: set.accessToken, expiresAt: requestedAt + set.expiresInSeconds * 1000 };
    } catch (error) {
      if (error instanceof TokenEndpointError) {
        const fields = { kind: error.kind, status: error.details.status, error: error.details.error };
        if (error.kind === "transient") logger.warn("wikimedia.app_token_unavailable", fields);
        else logger.error("wikimedia.app_token_refused", fields);
      }
      throw toWikimediaError(error);
    }
  }

  function obtain(rejected: string | null): Promise<string> {
    const flight = rejected ?? "";
    let promise = pending.get(flight);
    if (!promise) {
      promise = (async () => {
        try {
          const issued = shared ? await shared.obtain(rejected) : await fetchNew();
          cached = issued;
          return issued.token;
        } finally {
          pending.delete(flight);
        }
      })();
      pending.set(flight, promise);
    }
    return promise;
  }

  const fresh = (issued: Issued | null): issued is Issued => issued !== null && issued.expiresAt - now() > renewMs;

  return {
    async get() {
      if (fresh(cached)) return cached.token;
      return obtain(null);
    },
    async replace(rejected) {
      if (fresh(cached) && cached.token !== rejected) return cached.token;
      if (cached?.token === rejected) cached = null;
      return obtain(rejected);
    },
  };
}

/** Visitors as a `Credential`: the app token, and one new token if Wikimedia refuses the cached one. */
export function appCredential(appToken: AppToken, log: Logger = defaultLog): Credential {
  return {
    kind: "app",
    key: "app",
    async run(send) {
      const token = await appToken.get();
      const first: WikiResponse = await send(token);
      if (!tokenRejectedBy(first)) return first;
      const second = await send(await appToken.replace(token));
      if (!tokenRejectedBy(second)) return second;
      log.error("wikimedia.app_token_rejected", { host: first.url.hostname, path: first.url.pathname });
      throw new WikimediaError("wikimedia_unavailable", {
        message: "Wikiport cannot read from Wikimedia right now because its own connection was refused. Try again later.",
      detail: "app-token-refused",
        status: second.status,
      });
    },
  };
}
