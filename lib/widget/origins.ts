/**
 * The origins a registered widget may be framed by (docs/security-requirements.md item 25). They become the widget's CSP
 * `frame-ancestors` source list word for word, so only exact, normalized origins are accepted: a path,
 * a wildcard or a userinfo part would either be ignored by browsers or widen who may frame the widget,
 * and the owner should see that at once instead of discovering it on their site.
 */
import { z } from "zod";

/** More origins than this is a sign of a shared widget that should be public (or several widgets). */
export const MAX_ALLOWED_ORIGINS = 10;

/** Local development hosts, the only ones allowed over plain http. */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

/**
 * `scheme://authority` with at most one trailing slash (what a browser's address bar gives when the
 * owner copies their home page). Userinfo, wildcards, backslashes (browsers read them as slashes), a
 * path, a query or a fragment are refused here, before the URL parser can normalize them away.
 */
const ORIGIN_SHAPE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\\@*\s]+)\/?$/i;

/**
 * What a framing origin may look like once normalized: a DNS name (or IPv4 address) and a port. These are
 * CSP's host-source characters (CSP3 §2.3.1: ALPHA / DIGIT / "-" and dots), so a value that passes can
 * never end the source list (`;`), start another (`,`) or add a keyword (quotes, spaces). IPv6 literals
 * are not host-sources at all.
 */
const CSP_ORIGIN = /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?$/;

/** Whether a value may go into a CSP source list as it is: the last check before a header is built. */
export function isCspOrigin(value: string): boolean {
  return CSP_ORIGIN.test(value);
}

/** Characters that would change a CSP policy's structure, refused with a message that names them. */
const POLICY_CHARACTERS = /[;,"'\s]/;

/** `detail` says which refusal it is, so the reader's language can say it (lib/i18n/errors.ts, `invalid_origins/<detail>`). */
export type OriginProblem = "wildcard" | "policy-characters" | "no-scheme" | "not-origin" | "not-url" | "plain-http" | "not-https" | "bad-host" | "host-characters";

export type OriginCheck = { ok: true; origin: string } | { ok: false; message: string; detail: OriginProblem };

const EXAMPLE = "such as https://example.org or https://blog.example.org:8443";

/** Checks one origin as typed and returns it normalized (lowercase host, no default port), or why not. */
export function parseOrigin(input: string): OriginCheck {
  const raw = input.trim();
  if (raw.includes("*")) return { ok: false, message: `Wildcards are not allowed: list each origin exactly, ${EXAMPLE}.`, detail: "wildcard" };
  if (POLICY_CHARACTERS.test(raw)) {
    return { ok: false, message: `An origin can't contain ";", ",", quotes or spaces: put each origin on its own line, ${EXAMPLE}.`, detail: "policy-characters" };
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return { ok: false, message: `Start with https://, ${EXAMPLE}.`, detail: "no-scheme" };
  const shape = ORIGIN_SHAPE.exec(raw);
  if (!shape) {
    return { ok: false, message: `Give only the scheme, host and port, without a path, query, fragment or user name, ${EXAMPLE}.`, detail: "not-origin" };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: `This is not a valid web address; use an origin ${EXAMPLE}.`, detail: "not-url" };
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol === "http:" && !local) {
    return { ok: false, message: "Use https://. Plain http:// is accepted only for http://localhost and http://127.0.0.1 while developing.", detail: "plain-http" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: `Use an https:// origin, ${EXAMPLE}.`, detail: "not-https" };
  // Hosts the URL parser accepts but that name no reachable site (e.g. "https://.", "https://a..b").
  if (!url.hostname || url.hostname.startsWith(".") || url.hostname.includes("..")) {
    return { ok: false, message: `This host name is not valid; use an origin ${EXAMPLE}.`, detail: "bad-host" };
  }
  // `origin` lowercases the host, converts it to punycode and drops the scheme's default port. Percent-escapes
  // (`a%3Bb.example` becomes `a;b.example`) and characters such as `!`, `$`, `_` or `[::1]` survive it.
  if (!isCspOrigin(url.origin)) {
    return { ok: false, message: `Use a host name of letters, digits, hyphens and dots (or an IPv4 address), ${EXAMPLE}.`, detail: "host-characters" };
  }
  return { ok: true, origin: url.origin };
}

export interface OriginError {
  /** 1-based line in the owner's input. */
  line: number;
  input: string;
  message: string;
  detail: OriginProblem | "none" | "too-many";
}

export type OriginListCheck = { ok: true; origins: string[] } | { ok: false; errors: OriginError[] };

/**
 * The allow-list from a textarea (one origin per line; blank lines ignored) or a list. Every bad line is
 * reported, so the owner can fix them all at once; duplicates after normalization are kept once.
 */
export function parseAllowedOrigins(input: string | readonly string[]): OriginListCheck {
  const lines = typeof input === "string" ? input.split(/\r\n|\r|\n/) : [...input];
  const errors: OriginError[] = [];
  const origins: string[] = [];
  lines.forEach((text, index) => {
    if (text.trim() === "") return;
    const checked = parseOrigin(text);
    if (!checked.ok) errors.push({ line: index + 1, input: text.trim().slice(0, 200), message: checked.message, detail: checked.detail });
    else if (!origins.includes(checked.origin)) origins.push(checked.origin);
  });
  if (errors.length > 0) return { ok: false, errors };
  if (origins.length === 0) {
    return { ok: false, errors: [{ line: 1, input: "", message: `Add at least one origin that may show this widget, ${EXAMPLE}.`, detail: "none" }] };
  }
  if (origins.length > MAX_ALLOWED_ORIGINS) {
    return {
      ok: false,
      errors: [{ line: lines.length, input: "", message: `List at most ${MAX_ALLOWED_ORIGINS} origins; for more sites, register another widget.`, detail: "too-many" }],
    };
  }
  return { ok: true, origins };
}

/** The same check as a zod schema, for the registry's input: one issue per bad line. */
export const allowedOriginsSchema = z.union([z.string(), z.array(z.string())]).transform((input, ctx) => {
  const checked = parseAllowedOrigins(input);
  if (checked.ok) return checked.origins;
  for (const error of checked.errors) {
    ctx.addIssue({
      code: "custom",
      message: error.input ? `Line ${error.line} (${error.input}): ${error.message}` : error.message,
      // What the registry's failure needs to say it in the reader's language (registry.ts `problems`).
      params: { detail: error.detail, ...(error.input ? { line: error.line, input: error.input } : {}) },
    });
  }
  return z.NEVER;
});
