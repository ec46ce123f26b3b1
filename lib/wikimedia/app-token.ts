/**
 * Wikiport's own access token (OAuth 2.0 client-credentials grant), used to read for visitors who are
 * not signed in, so their reads count against Wikiport's quota and not an IP's anonymous one
 * (docs/wikimedia-protocol.md §7: 5,000/hour for a client-credentials app). For an ordinary (non-owner-only)
 * consumer this token acts as an anonymous session (§5.2).
 *
 * One token per process, kept in memory until shortly before it expires. Fetching is single-flight:
 * a burst of visitors causes one token request, not one each.
 */
import { log as defaultLog, type Logger } from "@/lib/log";
import { WikimediaError } from "./errors";
import type { Credential, WikiResponse } from "./http";
import { TokenEndpointError, type TokenClient } from "./oauth";
import { tokenRejectedBy } from "./user-token";

export interface AppTokenOptions {
  tokens: Pick<TokenClient, "clientCredentials">;
  /** Renew this long before expiry, so a token never dies in flight. Default 5 minutes. */
  renewBeforeSeconds?: number;
  now?: () => number;
  log?: Logger;
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
    ...(error.details.status !== undefined ? { status: error.details.status } : {}),
    ...(error.details.error !== undefined ? { apiCode: error.details.error } : {}),
    cause: error,
  });
}

export function createAppToken(options: AppTokenOptions): AppToken {
  const now = options.now ?? Date.now;
  const renewMs = (options.renewBeforeSeconds ?? 300) * 1000;
  const logger = options.log ?? defaultLog;
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;

  function fetchToken(): Promise<string> {
    pending ??= (async () => {
      try {
        const requestedAt = now();
        const set = await options.tokens.clientCredentials();
        // Counted from the request, not the answer, so a slow answer cannot stretch the token's life.
        cached = { token: set.accessToken, expiresAt: requestedAt + set.expiresInSeconds * 1000 };
        logger.info("wikimedia.app_token_issued", { expiresInSeconds: set.expiresInSeconds });
        return set.accessToken;
      } catch (error) {
        if (error instanceof TokenEndpointError) {
          const fields = { kind: error.kind, status: error.details.status, error: error.details.error };
          if (error.kind === "transient") logger.warn("wikimedia.app_token_unavailable", fields);
          else logger.error("wikimedia.app_token_refused", fields);
        }
        throw toWikimediaError(error);
      } finally {
        pending = null;
      }
    })();
    return pending;
  }

  return {
    async get() {
      if (cached && cached.expiresAt - now() > renewMs) return cached.token;
      return fetchToken();
    },
    async replace(rejected) {
      if (cached && cached.token !== rejected && cached.expiresAt - now() > renewMs) return cached.token;
      if (cached?.token === rejected) cached = null;
      return fetchToken();
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
        status: second.status,
      });
    },
  };
}
