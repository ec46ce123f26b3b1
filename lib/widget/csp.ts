/**
 * The card's own response headers: its whole Content-Security-Policy (framing included) and the other
 * hardening headers. The card sets all of them itself so it never depends on what a proxy adds to other
 * routes (docs/security-requirements.md item 25).
 */
import { CARD_CSS_HASH } from "./styles";
import { FRAME_SCRIPT_HASH } from "./frame-script";
import { isCspOrigin, parseOrigin } from "./origins";

/**
 * Who may frame a card:
 * - `any`: public cards (`/embed/<site>/<title>`). They show only public article text, read with
 *   Wikiport's app token, carry no user data and offer no action, so framing them anywhere gives an
 *   attacker nothing to clickjack or read;
 * - `origins`: a registered widget, exactly the origins its owner listed;
 * - `none`: an unknown embed id (and a registered widget whose list is empty).
 */
export type Framing = { kind: "any" } | { kind: "origins"; origins: readonly string[] } | { kind: "none" };

/**
 * A stored origin, re-checked before it goes into a header (a stray `;`, space or path would change the
 * policy): the same rules as when the owner registered it (origins.ts), and already in normal form.
 */
export function normalizeOrigin(value: string): string | null {
  const checked = parseOrigin(value);
  if (!checked.ok || checked.origin !== value.replace(/\/$/, "")) return null;
  // Defence in depth: whatever parseOrigin accepted in the past, only host-source characters reach the header.
  return isCspOrigin(checked.origin) ? checked.origin : null;
}

/** The stored origins that pass normalizeOrigin, once each: what the header and the card's script may use. */
export function safeOrigins(values: readonly string[]): string[] {
  return [...new Set(values.map(normalizeOrigin).filter((origin): origin is string => origin !== null))];
}

export function frameAncestors(framing: Framing): string {
  if (framing.kind === "any") return "*";
  if (framing.kind === "none") return "'none'";
  const origins = safeOrigins(framing.origins);
  return origins.length > 0 ? origins.join(" ") : "'none'";
}

/**
 * `mediaPrefix` is where thumbnails may come from (lib/articles/media.ts): a path-prefixed source, so the
 * card can load images from the media host and nothing else. No connect-src, no frames, no forms.
 */
export function cardCsp(options: { mediaPrefix: string; framing: Framing }): string {
  return [
    "default-src 'none'",
    `img-src ${options.mediaPrefix}`,
    `style-src ${CARD_CSS_HASH}`,
    `script-src ${FRAME_SCRIPT_HASH}`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors(options.framing)}`,
  ].join("; ");
}

export function cardHeaders(options: { mediaPrefix: string; framing: Framing }): Record<string, string> {
  return {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": cardCsp(options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
  };
}
