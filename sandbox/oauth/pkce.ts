/** PKCE (RFC 7636) as LEAGUE AuthCodeGrant checks it: the same syntax for challenge and verifier. */
import { createHash, timingSafeEqual } from "node:crypto";

export const PKCE_SYNTAX = /^[A-Za-z0-9\-._~]{43,128}$/;

export function verifierMatches(method: "plain" | "S256", challenge: string, verifier: string): boolean {
  const expected = method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  const a = Buffer.from(expected);
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
