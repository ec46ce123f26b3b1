/**
 * Cookies a wiki sets for one credential, kept so the request layer sends them back: Wikimedia sets a
 * `sessionJwt` cookie on answers to owner-only (personal) tokens since 2026-03-24, and its gateway reads
 * the user's rate-limit class from it (docs/wikimedia-protocol.md §11.3). tough-cookie does the parsing
 * and the RFC 6265 matching: a cookie goes back only to the host (and path) that set it, so one wiki's
 * cookies never reach another (docs/decisions/025-accounts-across-wikis.md). One jar per credential,
 * so one user's cookies never travel with another's token. Values are never logged.
 */
import { CookieJar } from "tough-cookie";

export interface WikiCookies {
  /** The `Cookie` header for a request to `url`: empty when nothing applies. */
  header(url: URL): Promise<string>;
  /** Keeps the `Set-Cookie` values of an answer from `url`; ones that do not belong to it are dropped. */
  keep(url: URL, setCookies: readonly string[]): Promise<void>;
}

export function createWikiCookies(): WikiCookies {
  const jar = new CookieJar();
  return {
    header: (url) => jar.getCookieString(url.toString()),
    async keep(url, setCookies) {
      for (const value of setCookies) {
        // A malformed or foreign cookie is the wiki's mistake, not a reason to fail the answer it came with.
        await jar.setCookie(value, url.toString(), { ignoreError: true });
      }
    },
  };
}
