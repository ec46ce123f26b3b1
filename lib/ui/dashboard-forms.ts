/**
 * The dashboard forms' input schemas and how their refusals read in the interface language. A refusal
 * the form's own schema made (`invalid_input`) says what the form expects, in this form's words; every
 * other failure is lib's (the token store, Wikimedia, the action boundary) and reads as
 * lib/i18n/errors.ts describes it.
 */
import { z } from "zod";
import { API_TOKEN_SCOPES } from "@/lib/api-tokens";
import type { MessageKey } from "@/lib/i18n/catalog";
import { describeFailure, type Failure } from "@/lib/i18n/errors";
import type { Translator } from "@/lib/i18n/translate";
import { repeated } from "@/lib/server-actions/fields";

export const createTokenSchema = z.object({
  // Length and characters are the token store's to judge (lib/api-tokens), with its own messages.
  name: z.string().max(1000),
  scopes: repeated(z.enum(API_TOKEN_SCOPES)),
  expiry: z.enum(["30", "90", "365", "never"]).transform((value) => (value === "never" ? null : (Number(value) as 30 | 90 | 365))),
});

/**
 * A failure's sentence; `invalid` is the form's own message for input its schema refused, or picks one
 * from the boundary's English sentence for it.
 */
export function formFailureText(t: Translator, failure: Failure, invalid?: MessageKey | ((english: string) => MessageKey)): string {
  if (failure.code !== "invalid_input" || !invalid) return describeFailure(t, failure);
  return t.msg(typeof invalid === "function" ? invalid(failure.message) : invalid);
}

/** The codes the action boundary itself refuses with (lib/server-actions/result.ts), before or around an action's own work. */
const BOUNDARY_CODES = new Set(["signed_out", "rate_limited", "invalid_input", "internal"]);

/** Whether a form's failure is the boundary's, so an action that words its own failures still has these worded. */
export function isBoundaryFailure(failure: Failure): boolean {
  return BOUNDARY_CODES.has(failure.code);
}

/**
 * The token schema's sentences (lib/personal-tokens/claims.ts) and this page's message for each: the
 * schema says which mistake was made (a client key, a secret…) only in its English words.
 */
const PASTE_MISTAKES: Record<string, MessageKey> = {
  "Paste your personal API token.": "wikiport-token-paste-empty",
  "That is far longer than a personal API token. Copy only the “Access token” from Meta.": "wikiport-token-paste-too-long",
  "That is the client application key, not the token. Copy the “Access token” shown below it on Meta.": "wikiport-token-paste-client-key",
  "That is the client application secret, not the token. Copy the “Access token” shown below it on Meta.": "wikiport-token-paste-client-secret",
  "That does not look like a personal API token: it is a long text in three parts separated by dots, starting with “eyJ”. Copy the whole “Access token” from Meta.":
    "wikiport-token-paste-not-a-token",
};

/** Why a pasted text is not a personal API token, from the schema's sentence for it. */
export function pasteMistakeKey(english: string): MessageKey {
  return (Object.hasOwn(PASTE_MISTAKES, english) ? PASTE_MISTAKES[english] : undefined) ?? "wikiport-token-paste-not-a-token";
}
