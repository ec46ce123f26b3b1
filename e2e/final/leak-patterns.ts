/**
 * What a leaked credential looks like, for the scans of docs/security-requirements.md items 8, 10 and 35. A report names
 * the pattern and where it matched, never the matched text: test output is a log too.
 */

export interface LeakPattern {
  name: string;
  pattern: RegExp;
}

/**
 * Wikimedia's token values, as the sandbox wiki issues them (sandbox/tokens.ts, sandbox/oauth/opaque.ts).
 * Neither can match what Wikiport may legitimately hold or send: sealed envelopes start with `v1.` and
 * are base64url with three dots, and Auth.js's own cookies are JWEs, whose second part is empty (`eyJ…..`).
 */
export const TOKEN_PATTERNS: readonly LeakPattern[] = [
  // header.payload.signature of a signed JWT: the sandbox's (and Meta's) access tokens.
  { name: "JWT access token", pattern: /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g },
  // Defuse ciphertexts: Meta's refresh tokens and authorization codes (LEAGUE CryptTrait).
  { name: "def50200 refresh token or authorization code", pattern: /def50200[0-9a-f]{64,}/g },
];

/** Secrets in the shape a log line would carry them: a request form, a header, a JSON field. */
export const LOG_PATTERNS: readonly LeakPattern[] = [
  ...TOKEN_PATTERNS,
  // RFC 7636 §4.1: 43–128 unreserved characters. A redacted value ("[redacted]") does not match.
  { name: "PKCE code_verifier", pattern: /code_verifier["']?\s*[=:]\s*["']?[A-Za-z0-9._~-]{43,}/gi },
  { name: "Authorization: Bearer value", pattern: /bearer\s+[A-Za-z0-9._~+/-]{8,}/gi },
  // A Cookie or Set-Cookie header value is `name=value`; a redacted one is a bare "[redacted]".
  { name: "Cookie header value", pattern: /\b(?:set-)?cookie["']?\s*:\s*["']?[^\s"'=;[]+=[^\s"';]+/gi },
];

/** Where each pattern matches `text`, as "name at line, column (offset)" (the match itself is not reported). */
export function findLeaks(text: string, patterns: readonly LeakPattern[]): string[] {
  const found: string[] = [];
  for (const { name, pattern } of patterns) {
    for (const match of text.matchAll(pattern)) found.push(`${name} at ${position(text, match.index)}`);
  }
  return found;
}

/** Where each of the given exact values occurs in `text`, by label. */
export function findValues(text: string, values: readonly { label: string; value: string }[]): string[] {
  const found: string[] = [];
  for (const { label, value } of values) {
    const at = text.indexOf(value);
    if (at >= 0) found.push(`${label} at ${position(text, at)}`);
  }
  return found;
}

function position(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  return `line ${line}, column ${index - before.lastIndexOf("\n")} (offset ${index})`;
}
