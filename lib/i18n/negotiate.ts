import { fallbackChain, isServable, isShipped, KEYS_LANGUAGE, normalizeLanguage, type ShippedLanguage } from "./languages";

/** The cookie a visitor's choice in the language picker is kept in (a signed-in user's is also on the account). */
export const LANGUAGE_COOKIE = "wikiport-language";

/** The query parameter that picks the interface language for one page, as on a wiki. */
export const USELANG_PARAMETER = "uselang";

/** The request header the proxy hands `?uselang=` to server components in (layouts cannot read the query). */
export const USELANG_HEADER = "x-wikiport-uselang";

/**
 * Where a request's interface language can come from, strongest first, as on a wiki: `?uselang=` for one
 * page; the person's own choice (the picker: a cookie for visitors, the account for signed-in users); the
 * interface language of their Wikimedia account (`meta=userinfo&uiprop=options`, read at sign-in); the
 * browser's `Accept-Language`.
 */
export interface LanguageSources {
  uselang?: string | null;
  chosen?: string | null;
  wikimedia?: string | null;
  acceptLanguage?: string | null;
}

/** The languages of an `Accept-Language` header, most wanted first (RFC 9110 §12.5.4), without `*` or q=0. */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  const ranges = header
    .slice(0, 1000)
    .split(",")
    .map((part, index) => {
      const [range = "", ...parameters] = part.trim().split(";");
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { range: range.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter(({ range, weight }) => range !== "*" && weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranges.map(({ range }) => normalizeLanguage(range)).filter((code): code is string => code !== null);
}

/**
 * The interface language for a request: the first source naming a language Wikiport can show, else
 * English; as the shipped language its fallback chain reaches (`de-at` and `gsw` → `de`, `he-il` → `he`,
 * `en-us` → `en`), or qqx. Every page then says `lang="de"`, is right to left exactly when its words are,
 * and is kept in the visitor and card caches in one of seven variants, not one per regional tag.
 */
export function chooseLanguage(sources: LanguageSources): string {
  const uselang = normalizeLanguage(sources.uselang);
  if (uselang && isServable(uselang)) return servedAs(uselang);
  for (const candidate of [sources.chosen, sources.wikimedia]) {
    const code = normalizeLanguage(candidate);
    if (code && code !== KEYS_LANGUAGE && isServable(code)) return servedAs(code);
  }
  for (const code of acceptedLanguages(sources.acceptLanguage)) {
    if (code !== KEYS_LANGUAGE && isServable(code)) return servedAs(code);
    // `de-CH` not servable as such still reaches German through its prefix.
    const base = code.split("-")[0];
    if (base && base !== code && isServable(base)) return servedAs(base);
  }
  return "en";
}

function servedAs(language: string): string {
  return language === KEYS_LANGUAGE ? language : shippedLanguageOf(language);
}

/**
 * The shipped language whose words a request gets (`de-at` and `gsw` read German), which the picker shows
 * as the current one; English for qqx.
 */
export function shippedLanguageOf(language: string): ShippedLanguage {
  return fallbackChain(language).find(isShipped) ?? "en";
}
