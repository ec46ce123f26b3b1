/**
 * Sealed values: AES-256-GCM with a random 96-bit nonce per value, and an envelope that names its format
 * version and key id: `v1.<kid>.<nonce>.<ciphertext+tag>` (base64url parts). The associated data binds a
 * value to where it belongs (its table, column and owner), so a value copied to another row or column
 * does not open. Node's crypto does the cryptography.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { KeyRing } from "./key-ring";

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const ENVELOPE = /^v1\.([A-Za-z0-9_-]{1,16})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

/** Where a sealed value lives, e.g. `{ purpose: "grants.refresh_token", owner: "user:…/grant:…" }`. */
export interface SealContext {
  purpose: string;
  owner: string;
}

export type SealErrorCode = "malformed" | "unknown_key" | "not_authentic";

export class SealError extends Error {
  override name = "SealError";
  constructor(
    readonly code: SealErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function associatedData(kid: string, context: SealContext): Buffer {
  // Version and key id are authenticated too: changing either in the envelope breaks the tag.
  return Buffer.from(JSON.stringify([VERSION, kid, context.purpose, context.owner]), "utf8");
}

export function seal(ring: KeyRing, plaintext: string, context: SealContext): string {
  const kid = ring.activeKeyId;
  const key = ring.keys.get(kid)!;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(kid, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${kid}.${nonce.toString("base64url")}.${ciphertext.toString("base64url")}`;
}

export function open(ring: KeyRing, sealed: string, context: SealContext): string {
  const match = ENVELOPE.exec(sealed);
  if (!match) throw new SealError("malformed", "The sealed value is not a v1 envelope.");
  const [, kid, nonceText, bodyText] = match as unknown as [string, string, string, string];
  const key = ring.keys.get(kid);
  if (!key) throw new SealError("unknown_key", `The sealed value uses key "${kid}", which is not in the key ring.`);
  const nonce = Buffer.from(nonceText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  // Re-encoding must give back the same text: otherwise the envelope was altered in its padding bits.
  if (nonce.length !== NONCE_BYTES || nonce.toString("base64url") !== nonceText || body.toString("base64url") !== bodyText || body.length < TAG_BYTES) {
    throw new SealError("malformed", "The sealed value's nonce or body has the wrong length.");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(kid, context));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SealError("not_authentic", "The sealed value does not open here: it was altered, or belongs to another row or column.");
  }
}

/** The key id a sealed value was made with, or null when it is not an envelope. */
export function keyIdOf(sealed: string): string | null {
  return ENVELOPE.exec(sealed)?.[1] ?? null;
}

/** Whether a value should be sealed again with the ring's active key (key rotation). */
export function needsReseal(ring: KeyRing, sealed: string): boolean {
  return keyIdOf(sealed) !== ring.activeKeyId;
}
