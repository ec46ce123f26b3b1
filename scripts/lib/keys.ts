import { randomBytes } from "node:crypto";

/** A new 256-bit sealing key with a dated id, as a `kid=base64url` entry for WIKIPORT_KEYS. */
export function generateKey(now = new Date()): { id: string; entry: string } {
  const id = `k${now.toISOString().slice(0, 10).replaceAll("-", "")}${randomBytes(2).toString("hex")}`;
  return { id, entry: `${id}=${randomBytes(32).toString("base64url")}` };
}
