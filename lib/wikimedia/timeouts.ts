/**
 * How long Wikiport waits for Wikimedia, in one place: the request layer, the token client and the
 * sign-in provider use these defaults, and the fault-matrix end-to-end tests derive their time budget
 * from them. No imports, so a test can read them without loading the app's configuration.
 */

/** One request to a wiki or to the token endpoint: connection, headers and the whole body. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** A whole call (retries after Retry-After, redirects and a token refresh included) when the caller gives no deadline. */
export const CALL_DEADLINE_MS = 30_000;
