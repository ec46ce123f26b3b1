/**
 * Page titles as Wikiport handles them: the two forms of a title, and the two ways a title goes into a
 * URL path. Every route, link and request builds its title paths here.
 */

/** Titles longer than this cannot exist (MediaWiki allows 255 bytes); refused before any request. */
export const MAX_TITLE_LENGTH = 512;

/** `detail` and `params` let the reader's language say it (lib/i18n/errors.ts). */
export type TitleError = { code: "invalid_title"; message: string; detail: "too-long" | "empty"; params?: { maxLength: number } };

export interface PageTitle {
  /** With spaces, as people read it: `Solar System`. */
  text: string;
  /** With underscores, as in URLs and MediaWiki's database: `Solar_System`. */
  dbKey: string;
}

/**
 * A title from decoded route params: one string, or a catch-all's segments (`Sandbox/Sub` arrives as
 * two). Underscores and spaces are the same character to MediaWiki; runs of them collapse to one and the
 * ends are trimmed, as its TitleParser does. Anything else (a namespace, the first letter's case, characters a
 * title may not hold) is the wiki's to judge.
 */
export function parsePageTitle(input: string | readonly string[]): { ok: true; title: PageTitle } | { ok: false; error: TitleError } {
  const joined = typeof input === "string" ? input : input.join("/");
  const text = joined.replace(/[ _]+/g, " ").trim();
  if (!text || text.length > MAX_TITLE_LENGTH) {
    return {
      ok: false,
      error: text
        ? { code: "invalid_title", message: `A page title has at most ${MAX_TITLE_LENGTH} characters.`, detail: "too-long", params: { maxLength: MAX_TITLE_LENGTH } }
        : { code: "invalid_title", message: "The address names no page title.", detail: "empty" },
    };
  }
  return { ok: true, title: { text, dbKey: text.replaceAll(" ", "_") } };
}

function encode(title: string): string {
  // Spaces as underscores, like the wiki's own URLs (core's Title::getPrefixedURL); `:` stays readable,
  // as core's wfUrlencode leaves it.
  return encodeURIComponent(title.trim().replaceAll(" ", "_")).replaceAll("%3A", ":");
}

/**
 * A title in a path where it may span segments, the way wikis write `/wiki/Sandbox/Sub`: Wikiport's own
 * `/wiki/` and `/embed/` addresses and the wiki's article URLs. A catch-all route reads it back.
 */
export function titlePath(title: string): string {
  return encode(title).replaceAll("%2F", "/");
}

/**
 * A title as exactly one path segment, `/` encoded as `%2F`: REST's `/page/{title}` (core's
 * urlEncodeTitle, docs/wikimedia-protocol.md §6.1) and Wikiport's `/api/v1/…/pages/{title}`.
 */
export function titleSegment(title: string): string {
  return encode(title);
}
