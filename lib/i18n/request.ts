import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { chooseLanguage, LANGUAGE_COOKIE, USELANG_HEADER } from "./negotiate";
import { translatorFor, type Translator } from "./translate";

/**
 * This request's interface language and words, for server components, server actions and route handlers
 * (once per request). Sources in lib/i18n/negotiate.ts.
 */
export const getTranslator = cache(async (): Promise<Translator> => {
  const [requestHeaders, jar] = await Promise.all([headers(), cookies()]);
  const language = chooseLanguage({
    uselang: requestHeaders.get(USELANG_HEADER),
    chosen: jar.get(LANGUAGE_COOKIE)?.value,
    acceptLanguage: requestHeaders.get("accept-language"),
  });
  return translatorFor(language);
});
