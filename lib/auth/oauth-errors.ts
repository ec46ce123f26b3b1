/**
 * What Wikimedia's OAuth errors mean for a person signing in. The OAuth extension's error messages end
 * with an E-code linked to its anchor on mediawiki.org's Help:OAuth/Errors (EXT i18n, message
 * `mw-mwoautherror-details`; docs/wikimedia-protocol.md §11.1); an error sent back to Wikiport's callback
 * may carry one in its description, hint or message. Only the codes below are ever shown, so a crafted
 * callback URL cannot put arbitrary text on the sign-in page.
 */
import { z } from "zod";
import type { MessageKey } from "@/lib/i18n/catalog";

const HELP = "https://www.mediawiki.org/wiki/Help:OAuth/Errors";

/**
 * Each code with the EXT message that carries it, and the message (i18n/en.json) that says what a person
 * can do about it. E002 and E003 mean the same to them.
 */
export const OAUTH_E_CODES = {
  // mwoauth-bad-request-missing-params
  E001: "wikiport-oauth-error-e001",
  // mwoauth-bad-request-invalid-action
  E002: "wikiport-oauth-error-e002",
  // mwoauth-bad-request-invalid-action-contact
  E003: "wikiport-oauth-error-e002",
  // mwoauthdatastore-request-token-not-found
  E004: "wikiport-oauth-error-e004",
  // mwoauthserver-bad-consumer
  E005: "wikiport-oauth-error-e005",
  // mwoauthserver-bad-consumer-key
  E006: "wikiport-oauth-error-e006",
  // mwoauthserver-insufficient-rights
  E007: "wikiport-oauth-error-e007",
  // mwoauthserver-invalid-user, mwoauth-invalid-authorization-invalid-user
  E008: "wikiport-oauth-error-e008",
  // mwoauthdatastore-request-token-already-used
  E009: "wikiport-oauth-error-e009",
  // mwoauthserver-consumer-owner-only
  E010: "wikiport-oauth-error-e010",
  // mwoauthserver-consumer-no-secret
  E011: "wikiport-oauth-error-e011",
  // mwoauthserver-bad-consumer-version
  E012: "wikiport-oauth-error-e012",
} as const satisfies Record<string, MessageKey>;

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
