/** Shared by tests of the vault and of sign-in: a random key ring and the sealed-value pattern. */
import { randomBytes } from "node:crypto";
import { parseKeyRing, type KeyRing } from "@/lib/crypto/key-ring";

/** security.md item 10: what a token column holds after sign-in. */
export const SEALED_ENVELOPE = /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/;

export function randomKeyRing(kid = "k1"): KeyRing {
  return parseKeyRing(`${kid}=${randomBytes(32).toString("base64url")}`, kid);
}
