/**
 * The cookie jar of each user's personal token, in this process's memory (docs/decisions/025-accounts-across-wikis.md):
 * Wikimedia sets a `sessionJwt` cookie on answers to owner-only tokens, and its gateway gives the user's
 * own rate-limit class only to requests that send it back (docs/wikimedia-protocol.md §11.3). A jar
 * belongs to one token: pasting another token, even the same user's, starts an empty one, so cookies
 * made for one account never travel with another's token. Losing the jar (a restart, another
 * instance) costs one request at the lower class, nothing more, so it is not worth a database row.
 */
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { CACHE_BUDGET } from "@/lib/cache-budget";
import { processWide } from "@/lib/process-wide";
import { createWikiCookies, type WikiCookies } from "@/lib/wikimedia/cookie-jar";

interface HeldJar {
  /** A hash of the token the jar was made for: the token itself is never kept here. */
  fingerprint: string;
  cookies: WikiCookies;
}

/** The session cookie lives an hour; a jar unused for a day holds nothing worth keeping. */
const JAR_IDLE_MS = 24 * 3600 * 1000;

/** A jar holds about one session cookie (a JWT of about 1 KiB) per wiki the token was used on: counted as four. */
const JAR_BYTES = 4 * 1024;

function jars(): LRUCache<string, HeldJar> {
  return processWide(
    "personal-token-cookies",
    () => new LRUCache<string, HeldJar>({ maxSize: CACHE_BUDGET.personalTokenCookies, sizeCalculation: () => JAR_BYTES, ttl: JAR_IDLE_MS, updateAgeOnGet: true }),
  );
}

function fingerprintOf(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64url");
}

/** The jar for `userId`'s personal token `token`: the one already held for that token, or a new one. */
export function personalTokenCookies(userId: string, token: string): WikiCookies {
  const fingerprint = fingerprintOf(token);
  const held = jars().get(userId);
  if (held?.fingerprint === fingerprint) return held.cookies;
  const cookies = createWikiCookies();
  jars().set(userId, { fingerprint, cookies });
  return cookies;
}

/** Drops the user's jar, when their token is deleted. */
export function forgetPersonalTokenCookies(userId: string): void {
  jars().delete(userId);
}
