import fallbacks from "banana-i18n/src/languages/fallbacks.json" with { type: "json" };

/**
 * The interface languages Wikiport ships complete (i18n/<code>.json), in the order the language
 * picker lists them. English is the source language; `qqq` is the message documentation, never shown.
 */
export const SHIPPED_LANGUAGES = ["en", "de", "fr", "es", "he", "ar"] as const;
export type ShippedLanguage = (typeof SHIPPED_LANGUAGES)[number];

/** MediaWiki's pseudo-language that shows message keys instead of text (Special:MyLanguage/qqx). */
export const KEYS_LANGUAGE = "qqx";

/** Each shipped language's name in itself, as the picker shows it (MediaWiki's Names.php). */
export const AUTONYMS: Record<ShippedLanguage, string> = {
  en: "English",
  de: "Deutsch",
  fr: "français",
  es: "español",
  he: "עברית",
  ar: "العربية",
};

/**
 * Languages written right to left, as MediaWiki's Messages*.php files set `$rtl` (the ones whose fallback
 * chain can reach a shipped language, plus the common others). A language not listed is left to right.
 */
const RIGHT_TO_LEFT = new Set([
  "ar", "arc", "ary", "arz", "azb", "bcc", "bgn", "bqi", "ckb", "dv", "fa", "glk", "he", "khw", "ks",
  "ks-arab", "lki", "lrc", "luz", "mzn", "nqo", "pnb", "ps", "sd", "sdh", "skr", "skr-arab", "ug",
  "ug-arab", "ur", "yi",
]);

export type Direction = "ltr" | "rtl";

export function directionOf(language: string): Direction {
  return RIGHT_TO_LEFT.has(language.toLowerCase()) ? "rtl" : "ltr";
}

const FALLBACKS = fallbacks as Record<string, string[] | undefined>;

/**
 * A language code as MediaWiki accepts it in `uselang` (lowercase letters, digits and hyphens), or null.
 * `de-AT` becomes `de-at`; anything longer than a language tag is not a language.
 */
export function normalizeLanguage(input: string | null | undefined): string | null {
  if (!input) return null;
  const code = input.trim().toLowerCase().replace(/_/g, "-");
  return /^[a-z]{2,3}(-[a-z0-9]{1,8}){0,3}$/.test(code) ? code : null;
}

/**
 * The chain a message is looked up along for `language`, as MediaWiki's LanguageFallback does: the code,
 * its shorter prefixes (`de-at` → `de`), the fallbacks MediaWiki lists for it (banana-i18n ships
 * MediaWiki's fallbacks.json), and English last.
 */
export function fallbackChain(language: string): string[] {
  const chain: string[] = [];
  const add = (code: string) => {
    const parts = code.split("-");
    for (let length = parts.length; length > 0; length--) {
      const prefix = parts.slice(0, length).join("-");
      if (!chain.includes(prefix)) chain.push(prefix);
    }
  };
  add(language);
  for (const next of FALLBACKS[language] ?? []) add(next);
  if (!chain.includes("en")) chain.push("en");
  return chain;
}

export function isShipped(language: string): language is ShippedLanguage {
  return (SHIPPED_LANGUAGES as readonly string[]).includes(language);
}

/**
 * Whether Wikiport can show `language`: a shipped language, or one whose fallback chain reaches a shipped
 * language other than English (`de-at`, `gsw`, `arz`), or qqx. English-only fallbacks (`en-gb` aside) are
 * not offered: a person asking for Swahili is better served by their next preference.
 */
export function isServable(language: string): boolean {
  if (language === KEYS_LANGUAGE) return true;
  if (isShipped(language)) return true;
  return fallbackChain(language).some((code) => code !== "en" && isShipped(code)) || language.startsWith("en-");
}
