/**
 * A card's display options (`?theme=…&layout=…&lang=…`), validated at the boundary with zod. They come
 * from the query string of a public card, or from a registered widget's row.
 */
import { z } from "zod";

export const THEMES = ["light", "dark", "auto"] as const;
export const LAYOUTS = ["compact", "full"] as const;
/** Interface languages the card speaks (lib/widget/messages.ts); `he` is written right to left. */
export const CARD_LANGUAGES = ["en", "de", "he"] as const;

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

export const DEFAULT_OPTIONS: CardOptions = { theme: "auto", layout: "full", lang: "en" };

export const cardOptionsSchema = z
  .object({
    theme: z.enum(THEMES).default(DEFAULT_OPTIONS.theme),
    layout: z.enum(LAYOUTS).default(DEFAULT_OPTIONS.layout),
    lang: z.enum(CARD_LANGUAGES).default(DEFAULT_OPTIONS.lang),
  })
  .strict();

export type OptionsError = { code: "bad_option"; message: string; lang: CardLanguage };

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
  if (repeated) return { ok: false, error: { code: "bad_option", message: `"${repeated.slice(0, 40)}" is given more than once.`, lang } };
  const parsed = cardOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.code === "unrecognized_keys" ? issue.keys[0] : issue?.path[0];
    const detail = issue?.code === "unrecognized_keys" ? "is not an option" : `must be one of ${allowedValues(String(name))}`;
    return { ok: false, error: { code: "bad_option", message: `"${String(name ?? "?").slice(0, 40)}" ${detail}.`, lang } };
  }
  return { ok: true, options: parsed.data };
}

function allowedValues(name: string): string {
  const values: readonly string[] = name === "theme" ? THEMES : name === "layout" ? LAYOUTS : CARD_LANGUAGES;
  return values.join(", ");
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
