/**
 * The language of the refusals answered before any page renders (proxy.ts, the auth routes' rate limit):
 * plain text a person may read in their browser, so in the language their browser asks for. Only
 * `Accept-Language`: these answers are made before a session or the language picker's cookie is read.
 */
import { translatorForBrowser, type Translator } from "@/lib/i18n/translate";

export function refusalLanguage(headers: Pick<Headers, "get">): Translator {
  return translatorForBrowser(headers);
}

/** Headers of a plain-text refusal in `t`'s language; the text depends on `Accept-Language`, so caches must key on it. */
export function refusalHeaders(t: Translator): Record<string, string> {
  return {
    "content-type": "text/plain; charset=utf-8",
    "content-language": t.language,
    vary: "Accept-Language",
    "cache-control": "no-store",
  };
}
