/**
 * What a user's token source (the vault, lib/grants) may throw instead of a token. They live here, with
 * the request layer that turns them into `WikimediaError`s (errors.ts), so that the request layer needs
 * nothing from the vault and the vault depends on the request layer only (docs/decisions/015-layers-point-one-way.md).
 */
import { hasBrand } from "@/lib/process-wide";

const IS_RECONNECT_NEEDED: unique symbol = Symbol.for("wikiport.ReconnectNeededError");
const IS_WIKIMEDIA_UNAVAILABLE: unique symbol = Symbol.for("wikiport.WikimediaUnavailableError");

// Both are recognised by every module runtime's copy of their class: the request layer and its vault are
// one per process, made by whichever runtime asked first (lib/process-wide.ts).

/** The user must sign in again: the grant is gone, revoked, or its stored tokens cannot be used. */
export class ReconnectNeededError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, IS_RECONNECT_NEEDED);
  }
  readonly [IS_RECONNECT_NEEDED] = true;
  override name = "ReconnectNeededError";
  readonly code = "reconnect_needed";
  constructor(readonly reason: string) {
    super("Your Wikimedia connection has ended. Sign in with Wikimedia again to reconnect.");
  }
}

/** Wikimedia could not give a new token right now; the grant is kept and a later try may work. */
export class WikimediaUnavailableError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, IS_WIKIMEDIA_UNAVAILABLE);
  }
  readonly [IS_WIKIMEDIA_UNAVAILABLE] = true;
  override name = "WikimediaUnavailableError";
  readonly code = "wikimedia_unavailable";
  constructor(readonly retryAfterMs: number | null) {
    super("Wikimedia's sign-in service is not answering right now. Your connection is kept; try again in a moment.");
  }
}
