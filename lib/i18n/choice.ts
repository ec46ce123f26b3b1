/**
 * The language picker in the header (app/_components/language-picker.tsx): what it accepts, and how the
 * choice is remembered, as a wiki remembers it: a cookie for a visitor, and also the account for a
 * signed-in user, so that it follows them to every browser (docs/decisions/027-interface-languages.md).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { AUTONYMS, SHIPPED_LANGUAGES, type ShippedLanguage } from "./languages";
import { LANGUAGE_COOKIE, USELANG_PARAMETER } from "./negotiate";

/**
 * The refusal of a language the picker does not offer (a crafted form: the list offers shipped languages
 * only). `qqx` is not one: it shows message keys, for one page at a time (`?uselang=qqx`).
 */
export const UNKNOWN_LANGUAGE_MESSAGE = `Wikiport's interface is not available in that language. Choose one of ${SHIPPED_LANGUAGES.map((code) => AUTONYMS[code]).join(", ")}.`;

export const languageChoiceSchema = z.object({ language: z.enum(SHIPPED_LANGUAGES) });

/** The picker's action as the boundary runs it (lib/server-actions): anyone may choose, visitors too. */
export const LANGUAGE_CHOICE = {
  name: "choose_language",
  schema: languageChoiceSchema,
  access: "anyone",
  invalidMessage: UNKNOWN_LANGUAGE_MESSAGE,
} as const;

const YEAR_SECONDS = 365 * 24 * 3600;

export interface LanguageCookie {
  name: string;
  value: string;
  path: "/";
  maxAge: number;
  sameSite: "lax";
  httpOnly: true;
  secure: boolean;
}

/**
 * The visitor's choice, kept a year. Lax, so that it also holds when a person follows a link to Wikiport
 * from elsewhere; HttpOnly, because only the server reads it.
 */
export function languageCookie(language: ShippedLanguage, secure: boolean): LanguageCookie {
  return { name: LANGUAGE_COOKIE, value: language, path: "/", maxAge: YEAR_SECONDS, sameSite: "lax", httpOnly: true, secure };
}

export async function saveAccountLanguage(db: Db, userId: string, language: ShippedLanguage): Promise<void> {
  await db.update(users).set({ language }).where(eq(users.id, userId));
}

export interface ChoiceDeps {
  db: Db;
  setCookie: (cookie: LanguageCookie) => void;
  secure: boolean;
}

/** Remembers a choice the boundary admitted: the cookie always, the account when someone is signed in. */
export function rememberLanguageChoice(deps: ChoiceDeps) {
  return async ({ user, input }: { user: { id: string } | null; input: z.output<typeof languageChoiceSchema> }): Promise<void> => {
    deps.setCookie(languageCookie(input.language, deps.secure));
    if (user) await saveAccountLanguage(deps.db, user.id, input.language);
  };
}

/**
 * Where to go back to after choosing: the page the form was on (its Referer, which a same-origin form
 * POST carries under Wikiport's Referrer-Policy, lib/security/headers.ts), without a `uselang` that would
 * hide the new choice; the home page when there is none or it is not one of Wikiport's pages.
 */
export function pageToReturnTo(referer: string | null, appUrl: string): string {
  if (!referer || !URL.canParse(referer)) return "/";
  const url = new URL(referer);
  if (url.origin !== new URL(appUrl).origin || url.pathname.startsWith("/api/")) return "/";
  url.searchParams.delete(USELANG_PARAMETER);
  return `${url.pathname}${url.search}`;
}
