/**
 * What a registered widget's public embed id looks like: random base64url (registry.ts makes 24
 * characters). Anything else is refused before a database lookup, wherever an id arrives from a URL.
 */
export const EMBED_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function isWellFormedEmbedId(value: unknown): value is string {
  return typeof value === "string" && EMBED_ID_PATTERN.test(value);
}
