/**
 * Key rings for rotation tests: k1 alone (before), k1 and k2 with k2 active (during), k2 alone (after the
 * old key is removed). Fresh random keys per test file: a fixed key in the repository would be a known key.
 */
import { randomBytes } from "node:crypto";
import { parseKeyRing, type KeyRing } from "@/lib/crypto/key-ring";

export function rotationKeyRings(): { oldRing: KeyRing; bothRing: KeyRing; newRing: KeyRing } {
  const k1 = randomBytes(32).toString("base64url");
  const k2 = randomBytes(32).toString("base64url");
  return {
    oldRing: parseKeyRing(`k1=${k1}`, "k1"),
    bothRing: parseKeyRing(`k1=${k1},k2=${k2}`, "k2"),
    newRing: parseKeyRing(`k2=${k2}`, "k2"),
  };
}
