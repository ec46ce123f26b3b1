/**
 * What a user's token source (the vault, lib/grants) may throw instead of a token. They live here, with
 * the request layer that turns them into `WikimediaError`s (errors.ts), so that the request layer needs
 * nothing from the vault and the vault depends on the request layer only (docs/decisions/015-layers-point-one-way.md).
 */

/** The user must sign in again: the grant is gone, revoked, or its stored tokens cannot be used. */
export class ReconnectNeededError extends Error {
  override name = "ReconnectNeededError";
  readonly code = "reconnect_needed";
  constructor(readonly reason: string) {
    super("Your Wikimedia connection has ended. Sign in with Wikimedia again to reconnect.");
  }
}

/** Wikimedia could not give a new token right now; the grant is kept and a later try may work. */
export class WikimediaUnavailableError extends Error {
  override name = "WikimediaUnavailableError";
  readonly code = "wikimedia_unavailable";
  constructor(readonly retryAfterMs: number | null) {
    super("Wikimedia's sign-in service is not answering right now. Your connection is kept; try again in a moment.");
  }
}
