/**
 * Checks on a request's method and path that must happen before Next.js routes it, because Next.js
 * answers both problems with a bare 500 of its own (measured on a production build of Next 16.4):
 * - a path whose percent-encoding cannot be decoded (`%zz`, a cut-off UTF-8 sequence such as `%E0%A4%A`):
 *   its route matcher throws while decoding the params, and its fallback error page does not exist in an
 *   App Router app;
 * - a method outside the ones its pages and route handlers know (`PROPFIND`, `MKCOL`): "HTTP method is
 *   unsupported". Node's own parser already refuses methods it does not know at all (`FOO`) with a 400,
 *   and `TRACE` never reaches proxy.ts (trace-method.ts answers it).
 * proxy.ts runs before routing for every path, so it answers both, with a 400 or a 405 a person can read.
 */

import { translatorFor, type Translator } from "@/lib/i18n/translate";
import { refusalHeaders } from "./refusal-language";

/** The language of a refusal made where no request headers are at hand (trace-method.ts). */
const ENGLISH = translatorFor("en");

/** What Next.js's pages (GET, HEAD, POST for Server Actions) and route handlers can answer. */
export const KNOWN_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export function isKnownMethod(method: string): boolean {
  return (KNOWN_METHODS as readonly string[]).includes(method);
}

export function methodNotAllowedText(method: string, t: Translator = ENGLISH): string {
  return `${t.msg("wikiport-refusal-method", method.slice(0, 20), KNOWN_METHODS.join(", "))}\n`;
}

/** The method-not-allowed answer, in `t`'s language (refusal-language.ts); RFC 9110 §15.5.6 requires `Allow` on a 405. */
export function methodNotAllowedResponse(method: string, t: Translator = ENGLISH): Response {
  return new Response(methodNotAllowedText(method, t), {
    status: 405,
    headers: { allow: KNOWN_METHODS.join(", "), ...refusalHeaders(t) },
  });
}

/** Whether every `%` in the path starts an escape that decodes to UTF-8, as Next.js's decoding needs. */
export function hasMalformedEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export const MALFORMED_PATH_MESSAGE =
  "This address is not valid: it has a broken percent-encoding. Each % must start a valid encoded UTF-8 character, such as %25 for % itself or %C3%A9 for é. Check the link.";

/** The same refusal as a failure, for the JSON API's problem+json (lib/i18n/errors.ts says it in the request's language). */
export const MALFORMED_PATH_FAILURE = { code: "invalid_request", detail: "malformed-path", message: MALFORMED_PATH_MESSAGE } as const;

export function malformedPathResponse(t: Translator = ENGLISH): Response {
  return new Response(`${t.msg("wikiport-refusal-malformed-path")}\n`, { status: 400, headers: refusalHeaders(t) });
}
