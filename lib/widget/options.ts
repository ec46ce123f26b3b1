/**
 * A card's display options (`?theme=…&layout=…&lang=…`), validated at the boundary with zod. They come
 * from the query string of a public card, or from a registered widget's row.
 */
import { z } from "zod";
import { chooseLanguage } from "@/lib/i18n/negotiate";
import { SHIPPED_LANGUAGES } from "@/lib/i18n/languages";
import { translatorFor, type Translator } from "@/lib/i18n/translate";

export const THEMES = ["light", "dark", "auto"] as const;
export const LAYOUTS = ["compact", "full"] as const;
/**
 * The language of the card's own words: `auto` (the default) is the reader's, from their browser's
 * `Accept-Language`, as `theme=auto` follows their colour scheme; or one of Wikiport's interface
 * languages, pinned by whoever embeds the card (a German blog showing German cards to everyone).
 * The option is `lang`, not MediaWiki's `uselang`: it is a setting of the card, kept with a registered
 * widget's other options, not a one-page override of a person's own choice.
 */
export const CARD_LANGUAGES = ["auto", ...SHIPPED_LANGUAGES] as const;

export type CardTheme = (typeof THEMES)[number];
export type CardLayout = (typeof LAYOUTS)[number];
export type CardLanguage = (typeof CARD_LANGUAGES)[number];

export interface CardOptions {
  /** `auto` follows the reader's `prefers-color-scheme`. */
  theme: CardTheme;
  layout: CardLayout;
  /** Language of the card's own words (labels, messages), not of the article. */
  lang: CardLanguage;
}

export const DEFAULT_OPTIONS: CardOptions = { theme: "auto", layout: "full", lang: "auto" };

/** The words of a card with this `lang` option, for a reader whose browser sent `acceptLanguage`. */
export function cardTranslator(lang: CardLanguage, acceptLanguage: string | null | undefined): Translator {
  return translatorFor(lang === "auto" ? chooseLanguage({ acceptLanguage }) : lang);
}

/** Whether a card with this option is said in the language the request asks for (so caches must `Vary` on it). */
export function followsReader(lang: CardLanguage): boolean {
  return lang === "auto";
}

export const cardOptionsSchema = z
  .object({
    theme: z.enum(THEMES).default(DEFAULT_OPTIONS.theme),
    layout: z.enum(LAYOUTS).default(DEFAULT_OPTIONS.layout),
    lang: z.enum(CARD_LANGUAGES).default(DEFAULT_OPTIONS.lang),
  })
  .strict();

/** What is wrong with the options, as data, so the card can say it in its reader's language (messages.ts). */
export type OptionProblem =
  | { kind: "repeated"; name: string }
  | { kind: "unknown"; name: string }
  | { kind: "invalid"; name: string; allowed: readonly string[] };

export type OptionsError = { code: "bad_option"; message: string; lang: CardLanguage; option: OptionProblem };

/**
 * Options from a query string. Unknown or repeated parameters are refused (a typo should say so, not be
 * ignored silently). The interface language of the error message is the requested one when that one is
 * valid, so a German page with a bad theme still gets a German message.
 */
export function parseCardOptions(query: URLSearchParams): { ok: true; options: CardOptions } | { ok: false; error: OptionsError } {
  const raw: Record<string, string> = {};
  const keys = [...query.keys()];
  const repeated = keys.find((key, index) => keys.indexOf(key) !== index);
  for (const [key, value] of query) raw[key] = value;
  const lang = CARD_LANGUAGES.find((code) => code === raw.lang) ?? DEFAULT_OPTIONS.lang;
  if (repeated) {
    const name = repeated.slice(0, 40);
    return { ok: false, error: { code: "bad_option", message: `"${name}" is given more than once.`, lang, option: { kind: "repeated", name } } };
  }
  const parsed = cardOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String((issue?.code === "unrecognized_keys" ? issue.keys[0] : issue?.path[0]) ?? "?").slice(0, 40);
    const option: OptionProblem = issue?.code === "unrecognized_keys" ? { kind: "unknown", name } : { kind: "invalid", name, allowed: allowedValues(name) };
    const detail = option.kind === "invalid" ? `must be one of ${option.allowed.join(", ")}` : "is not an option";
    return { ok: false, error: { code: "bad_option", message: `"${name}" ${detail}.`, lang, option } };
  }
  return { ok: true, options: parsed.data };
}

function allowedValues(name: string): readonly string[] {
  return name === "theme" ? THEMES : name === "layout" ? LAYOUTS : CARD_LANGUAGES;
}

/**
 * A registered widget's stored options, read leniently: a row written by an older version (or with a
 * language the card no longer speaks) falls back to the defaults field by field rather than failing.
 */
export function storedCardOptions(stored: { theme?: unknown; layout?: unknown; lang?: unknown } | null | undefined): CardOptions {
  const pick = <T extends string>(values: readonly T[], value: unknown, fallback: T): T =>
    values.find((candidate) => candidate === value) ?? fallback;
  return {
    theme: pick(THEMES, stored?.theme, DEFAULT_OPTIONS.theme),
    layout: pick(LAYOUTS, stored?.layout, DEFAULT_OPTIONS.layout),
    lang: pick(CARD_LANGUAGES, stored?.lang, DEFAULT_OPTIONS.lang),
  };
}
