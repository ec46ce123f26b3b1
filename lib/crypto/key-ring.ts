/**
 * The key ring that seals tokens at rest: one active key that seals, older keys that only open.
 * Parsed from configuration (`WIKIPORT_KEYS`, `WIKIPORT_ACTIVE_KEY`); refuses weak or ambiguous rings
 * so that a misconfigured server fails closed at start-up rather than at the first token it stores.
 */
import { createHash, timingSafeEqual } from "node:crypto";

export interface KeyRing {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;
export const KEY_BYTES = 32;

/**
 * SHA-256 digests of keys that are public (documentation, examples, tests): a ring using one of them
 * protects nothing. Digests, not keys, so the list itself can't be copied into a config.
 */
const KNOWN_PUBLIC_KEY_DIGESTS = new Set([
  // 32 zero bytes
  "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925",
  // "0123456789abcdef0123456789abcdef"
  "3eb1bd439947eb762998e566ccc2e099c791118b2f40579cc4f7da2b5061b7f9",
]);

export class KeyRingError extends Error {
  override name = "KeyRingError";
}

function digest(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Parses `kid=base64url,kid2=base64url` and the active key id into a validated key ring. */
export function parseKeyRing(keysValue: string, activeKeyId: string): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const entry of keysValue.split(",").map((part) => part.trim()).filter(Boolean)) {
    const eq = entry.indexOf("=");
    const kid = eq > 0 ? entry.slice(0, eq) : "";
    if (!KEY_ID_PATTERN.test(kid)) {
      throw new KeyRingError(`a key id must be 1–16 letters, digits, "-" or "_" (entry "${entry.slice(0, 20)}…" is not kid=key)`);
    }
    const encoded = entry.slice(eq + 1);
    if (!/^[A-Za-z0-9_-]+={0,2}$/.test(encoded)) throw new KeyRingError(`key "${kid}" is not base64url`);
    const key = Buffer.from(encoded, "base64url");
    if (key.length !== KEY_BYTES) throw new KeyRingError(`key "${kid}" is ${key.length} bytes; it must be exactly ${KEY_BYTES}`);
    if (keys.has(kid)) throw new KeyRingError(`key id "${kid}" appears twice`);
    for (const [otherKid, other] of keys) {
      if (timingSafeEqual(other, key)) throw new KeyRingError(`keys "${otherKid}" and "${kid}" are the same key`);
    }
    if (KNOWN_PUBLIC_KEY_DIGESTS.has(digest(key))) {
      throw new KeyRingError(`key "${kid}" is a publicly known example key; generate a new one`);
    }
    keys.set(kid, key);
  }
  if (keys.size === 0) throw new KeyRingError("no key is configured");
  if (!keys.has(activeKeyId)) throw new KeyRingError(`the active key "${activeKeyId}" is not in the ring`);
  return { activeKeyId, keys };
}
