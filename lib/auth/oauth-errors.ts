/**
 * What Wikimedia's OAuth errors mean for a person signing in. The OAuth extension's error messages end
 * with an E-code linked to its anchor on mediawiki.org's Help:OAuth/Errors (EXT i18n, message
 * `mw-mwoautherror-details`; docs/wikimedia-protocol.md §11.1); an error sent back to Wikiport's callback
 * may carry one in its description, hint or message. Only the codes below are ever shown, so a crafted
 * callback URL cannot put arbitrary text on the sign-in page.
 */
import { z } from "zod";

const HELP = "https://www.mediawiki.org/wiki/Help:OAuth/Errors";

/** Each code with the EXT message that carries it, and what a person can do about it. */
export const OAUTH_E_CODES = {
  // mwoauth-bad-request-missing-params
  E001: "Wikimedia received the sign-in request without some of its parameters. The people running this Wikiport need to check its configuration.",
  // mwoauth-bad-request-invalid-action
  E002: "Wikimedia did not recognise the address Wikiport sent you to. The people running this Wikiport need to check its configuration.",
  // mwoauth-bad-request-invalid-action-contact
  E003: "Wikimedia did not recognise the address Wikiport sent you to. The people running this Wikiport need to check its configuration.",
  // mwoauthdatastore-request-token-not-found
  E004: "Wikimedia no longer knew this sign-in attempt. Start the sign-in again.",
  // mwoauthserver-bad-consumer
  E005: "Wikiport's registration on Wikimedia is not approved (or no longer is), so Wikimedia will not let it act for anyone. The people running this Wikiport need to check its OAuth consumer.",
  // mwoauthserver-bad-consumer-key
  E006: "Wikimedia does not know the application key Wikiport uses. The people running this Wikiport need to check its OAuth consumer.",
  // mwoauthserver-insufficient-rights
  E007: "Your Wikimedia account may not use connected apps, usually because it is blocked or locked. Wikimedia's administrators can tell you why.",
  // mwoauthserver-invalid-user, mwoauth-invalid-authorization-invalid-user
  E008: "Connected apps need a Wikimedia account that exists on every project (a unified login). Log in on Wikimedia once to finish setting it up, then try again.",
  // mwoauthdatastore-request-token-already-used
  E009: "This sign-in link was already used. Start the sign-in again.",
  // mwoauthserver-consumer-owner-only
  E010: "Wikiport is configured with an owner-only consumer, which only its owner can use and which cannot sign anyone in. The people running this Wikiport need a regular OAuth consumer.",
  // mwoauthserver-consumer-no-secret
  E011: "Wikiport's registration on Wikimedia has no secret key. The people running this Wikiport need to check its OAuth consumer.",
  // mwoauthserver-bad-consumer-version
  E012: "Wikiport's registration on Wikimedia is for another OAuth version. The people running this Wikiport need an OAuth 2.0 consumer.",
} as const;

export type OAuthECode = keyof typeof OAUTH_E_CODES;

export const eCodeSchema = z.enum(Object.keys(OAUTH_E_CODES) as [OAuthECode, ...OAuthECode[]]);

/** The anchor of a code on Help:OAuth/Errors, e.g. `…/Help:OAuth/Errors#E010`. */
export function helpUrl(code: OAuthECode): string {
  return `${HELP}#${code}`;
}

/** The first known E-code in what the authorization server sent back (`error_description`, `hint`, `message`). */
export function eCodeFrom(texts: readonly (string | null)[]): OAuthECode | null {
  for (const text of texts) {
    for (const match of (text ?? "").matchAll(/\b(E\d{3})\b/g)) {
      if (Object.hasOwn(OAUTH_E_CODES, match[1]!)) return match[1] as OAuthECode;
    }
  }
  return null;
}
