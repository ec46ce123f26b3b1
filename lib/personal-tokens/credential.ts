/**
 * A pasted personal API token as a `Credential` for the request layer (lib/wikimedia/http.ts), so its
 * calls get the same User-Agent, timeouts, allow-list and per-token concurrency cap as every other call.
 * Unlike the vault's tokens there is nothing to refresh: an owner-only token is what it is until it is
 * revoked on Meta, so a rejection is left in the answer for the caller to report.
 */
import type { Credential } from "@/lib/wikimedia/http";
import { personalTokenCookies } from "./cookies";

export function personalTokenCredential(token: string, userId: string): Credential {
  return {
    // It acts as its owner, like a user's own token (docs/wikimedia-protocol.md §2.3, owner-only tokens).
    kind: "user",
    key: `personal-token:${userId}`,
    // Wikimedia's gateway reads the class of an owner-only token's user from its session cookie (§11.3).
    cookies: personalTokenCookies(userId, token),
    run: (send) => send(token),
  };
}
