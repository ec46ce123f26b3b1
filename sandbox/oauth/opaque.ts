/**
 * Authorization codes and refresh tokens. On Wikimedia both are defuse ciphertexts (hex, starting
 * `def502…`; LEAGUE CryptTrait) whose payload the server decrypts. The sandbox hands out random strings of
 * the same look and keeps the payload itself, keyed by a digest so the state never holds the token.
 */
import { createHash } from "node:crypto";
import { randomHex } from "../tokens";

const OPAQUE = /^def50200[0-9a-f]{64,}$/;

export function newOpaqueToken(): string {
  return `def50200${randomHex(300)}`;
}

/** False for strings that could never have come from us ("not decryptable" rather than "tampered"). */
export function looksOpaque(value: string): boolean {
  return OPAQUE.test(value);
}

export function opaqueId(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
