/**
 * Every difference the contract suite accepts between MediaWiki 1.39 (Debian's package, which the suite
 * runs) and today's Wikimedia (which the sandbox imitates), in one place. The comparer (compare.ts)
 * applies these and nothing else; any other difference fails with a readable diff.
 *
 * Rules for this list:
 * - only differences between MediaWiki versions or between a default install and Wikimedia's
 *   configuration, each with its source in docs/wikimedia-protocol.md;
 * - never a sandbox bug: those are reported and fixed in sandbox/;
 * - as narrow as possible: one request pattern, one path.
 *
 * Values are not compared (only types), so differing version and generator strings
 * (`query.general.generator` "MediaWiki 1.39.x" against "MediaWiki 1.4x.0-wmf.N") need no entry.
 */

export type KnownDifferenceKind = "missing-in-sandbox" | "extra-in-sandbox" | "type";

export interface KnownDifference {
  id: string;
  /** Matched against the request line, e.g. "GET rest.php/v1/page/Main_Page/bare". */
  request: RegExp;
  difference:
    | { kind: KnownDifferenceKind; /** JSON path; `*` = one key, `**` = anything, `[]` = array element. */ path: string }
    | { kind: "status"; mediawiki: number; sandbox: number };
  reason: string;
  reference: string;
}

const REST = /^[A-Z]+ rest\.php\//;

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    id: "rest-error-key",
    request: REST,
    difference: { kind: "extra-in-sandbox", path: "errorKey" },
    reason: "REST error bodies gained `errorKey` after 1.39; 1.39 sends only messageTranslations/httpCode/httpReason.",
    reference: "docs/wikimedia-protocol.md §6.2, §10",
  },
  {
    id: "rest-title-normalization",
    // Only the suite's deliberately non-canonical titles (a space, a lower-case first letter).
    request: /^GET rest\.php\/v1\/page\/(Main%20Page|main_Page)(\/|$)/,
    difference: { kind: "status", mediawiki: 200, sandbox: 301 },
    reason: "Newer MediaWiki answers 301 to the normalized route when the path title isn't the DB key; 1.39 serves it with 200.",
    reference: "docs/wikimedia-protocol.md §6.3, §10",
  },
  {
    id: "rest-put-missing-token",
    request: /^PUT rest\.php\/v1\/page\//,
    difference: { kind: "status", mediawiki: 400, sandbox: 403 },
    reason:
      "A cookie-session PUT without `token`: newer MediaWiki checks CSRF in the REST framework (TokenAwareHandlerTrait) and " +
      "answers 403 rest-badtoken-missing; 1.39 hands the request to action=edit, which answers missingparam (400).",
    reference: "docs/wikimedia-protocol.md §6.2 (403 rest-badtoken*), §10 (1.39: 400 missingparam)",
  },
  {
    id: "rest-source-html-url",
    // The source form only: GET /v1/page/{title} without a suffix.
    request: /^GET rest\.php\/v1\/page\/[^/?]+$/,
    difference: { kind: "extra-in-sandbox", path: "html_url" },
    reason: "Newer MediaWiki adds `html_url` to the source form too; 1.39 has it only on /bare.",
    reference: "docs/wikimedia-protocol.md §6.3",
  },
];

/**
 * Response headers compared by value (contract/validation.test.ts) where Wikimedia's configuration adds
 * to a default install's: the listed names are left out of the sandbox's value before comparing.
 */
export const KNOWN_HEADER_DIFFERENCES: ReadonlyArray<{ id: string; header: string; extraInSandbox: string[]; reason: string; reference: string }> = [
  {
    id: "vary-wikimedia",
    header: "vary",
    extraInSandbox: ["X-Forwarded-Proto", "Authorization"],
    reason:
      "Wikimedia sets $wgVaryOnXFP (ApiMain::sendCacheHeaders adds X-Forwarded-Proto) and runs the OAuth extension, whose " +
      "SessionProvider::getVaryHeaders adds Authorization; a default 1.39 has neither.",
    reference: "docs/wikimedia-protocol.md §5.7",
  },
];

/**
 * Fields whose type depends on the content (documented as "… | null"): null on one wiki and a value on
 * the other is a difference of data, not of contract. Only the null is tolerated; a string against a
 * number at these paths still fails.
 */
export const NULLABLE_FIELDS: ReadonlyArray<{ request: RegExp; path: string; reference: string }> = [
  { request: /\/history/, path: "revisions[].comment", reference: "docs/wikimedia-protocol.md §6.4" },
  { request: /\/history/, path: "revisions[].user", reference: "docs/wikimedia-protocol.md §6.4" },
  { request: /\/history/, path: "revisions[].user.id", reference: "docs/wikimedia-protocol.md §6.4" },
  { request: /\/history/, path: "revisions[].delta", reference: "docs/wikimedia-protocol.md §6.4 (null for a page's first revision)" },
  { request: /\/search\/page/, path: "pages[].excerpt", reference: "docs/wikimedia-protocol.md §6.5" },
  { request: /\/search\/page/, path: "pages[].matched_title", reference: "docs/wikimedia-protocol.md §6.5" },
  { request: /\/search\/page/, path: "pages[].description", reference: "docs/wikimedia-protocol.md §6.5" },
  { request: /\/search\/page/, path: "pages[].thumbnail", reference: "docs/wikimedia-protocol.md §6.5" },
  // Parameter-validation errors: failureData is null for `missingparam`, an object for range errors.
  { request: REST, path: "failureData", reference: "docs/wikimedia-protocol.md §6.2" },
];
