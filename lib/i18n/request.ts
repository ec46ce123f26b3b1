import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getAccountLanguage } from "@/lib/auth/session";
import type { AccountLanguage } from "@/lib/auth/session-language";
import { log } from "@/lib/log";
import { chooseLanguage, LANGUAGE_COOKIE, USELANG_HEADER } from "./negotiate";
import { translatorFor, type Translator } from "./translate";

/**
 * The signed-in user's languages, or null. They come with the session lookup the page makes anyway
 * (lib/auth/session.ts), so choosing the language adds no query. A failing lookup must not take the error
 * pages down with it (they render through the same layout): the visitor's sources still choose.
 */
async function accountLanguage(): Promise<AccountLanguage | null> {
  try {
    return await getAccountLanguage();
  } catch (error) {
    log.warn("i18n.account_language_unavailable", { error: error instanceof Error ? error.name : "unknown" });
    return null;
  }
}

/**
 * This request's interface language and words, for server components, server actions and route handlers
 * (once per request). The order is a wiki's (lib/i18n/negotiate.ts, docs/decisions/027-interface-languages.md):
 * `?uselang=`, the person's choice (on the account when signed in, else the visitor's cookie), their
 * Wikimedia interface language, the browser's Accept-Language.
 */
export const getTranslator = cache(async (): Promise<Translator> => {
  const [requestHeaders, jar, account] = await Promise.all([headers(), cookies(), accountLanguage()]);
  const language = chooseLanguage({
    uselang: requestHeaders.get(USELANG_HEADER),
    chosen: account?.language ?? jar.get(LANGUAGE_COOKIE)?.value,
    wikimedia: account?.wikimediaLanguage,
    acceptLanguage: requestHeaders.get("accept-language"),
  });
  return translatorFor(language);
});

/** The signed-in user's gender on Wikimedia, for `{{GENDER:}}` in messages about them (`unknown` when not known). */
export const getUserGender = cache(async (): Promise<"male" | "female" | "unknown"> => (await accountLanguage())?.wikimediaGender ?? "unknown");
