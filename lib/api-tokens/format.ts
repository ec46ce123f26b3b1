/**
 * The shape of a Wikiport API token: `wkp_` + 32 random base62 characters + a 6-character base62 CRC32 of
 * those 32 characters (the scheme GitHub uses for `ghp_` tokens). The fixed prefix lets secret scanners
 * find leaked tokens; the checksum lets them, and us, tell a real token from a look-alike without a
 * database: a mistyped or truncated token is rejected before any lookup. Pure functions, no I/O.
 */
import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

export const API_TOKEN_PREFIX = "wkp_";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/**
 * 32 × log2(62) ≈ 190.5 random bits. The example scheme's 30 characters (≈178.6 bits) would also do, but
 * the dashboard shows the last four characters, which are checksum characters and so give away ≈23.8 bits
 * about the body: 32 keeps what stays secret above 160 bits (≈166.7).
 */
export const API_TOKEN_BODY_LENGTH = 32;
/** 62^6 ≈ 5.7e10 > 2^32, so any CRC32 fits in six base62 digits. */
export const API_TOKEN_CHECKSUM_LENGTH = 6;
export const API_TOKEN_LENGTH = API_TOKEN_PREFIX.length + API_TOKEN_BODY_LENGTH + API_TOKEN_CHECKSUM_LENGTH;

/** A whole string that has the shape of a token (the checksum is not verified by a regex). */
export const API_TOKEN_PATTERN = /^wkp_[0-9A-Za-z]{38}$/;
/**
 * For secret scanners looking through text (logs, commits, pastes): the word boundaries keep a longer
 * base62 run from matching. Create a new RegExp from `.source` when `g`-flag state matters.
 */
export const API_TOKEN_SCAN_PATTERN = /\bwkp_[0-9A-Za-z]{38}\b/g;

/**
 * Largest multiple of 62 that fits in a byte (62 × 4): bytes at or above it are discarded, because
 * `byte % 62` over all 256 values would favour the first 8 characters (modulo bias).
 */
const UNBIASED_BYTE_LIMIT = 248;

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    // ≈3% of bytes are discarded: ask for a little more than needed so one round nearly always suffices.
    for (const byte of randomBytes(length + 8)) {
      if (byte >= UNBIASED_BYTE_LIMIT) continue;
      out += BASE62.charAt(byte % 62);
      if (out.length === length) break;
    }
  }
  return out;
}

function base62Checksum(body: string): string {
  let value = crc32(body);
  let out = "";
  for (let i = 0; i < API_TOKEN_CHECKSUM_LENGTH; i++) {
    out = BASE62.charAt(value % 62) + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function generateApiToken(): string {
  const body = randomBase62(API_TOKEN_BODY_LENGTH);
  return `${API_TOKEN_PREFIX}${body}${base62Checksum(body)}`;
}

/**
 * Whether a presented string is a well-formed Wikiport token: prefix, length, alphabet and checksum. The
 * checksum is compared with `===` on purpose: it is a public function of the body, so learning it through
 * timing tells an attacker nothing they could not compute. CRC32 detects every single-character change in
 * the body; a changed checksum character no longer equals the (canonical, zero-padded) encoding.
 */
export function isWellFormedApiToken(presented: unknown): presented is string {
  if (typeof presented !== "string" || presented.length !== API_TOKEN_LENGTH) return false;
  if (!API_TOKEN_PATTERN.test(presented)) return false;
  const body = presented.slice(API_TOKEN_PREFIX.length, API_TOKEN_PREFIX.length + API_TOKEN_BODY_LENGTH);
  return presented.slice(-API_TOKEN_CHECKSUM_LENGTH) === base62Checksum(body);
}
