import Banana from "banana-i18n";
import { CATALOG, type MessageKey } from "./catalog";
import { directionOf, isShipped, KEYS_LANGUAGE, type Direction } from "./languages";
import { chooseLanguage } from "./negotiate";
import { log } from "@/lib/log";

/** A parameter of a message: text, a number for `{{PLURAL:…}}`, or a gender (`male`/`female`/`unknown`). */
export type MessageParam = string | number;

/**
 * The interface's words in one language. Every piece of text a person reads goes through `msg`; what it
 * returns is plain text, escaped like any other text where it is rendered (React, or escapeHtml in the
 * documents built without React), so a translation can never inject markup.
 */
export interface Translator {
  /** The interface language as chosen (`de-at` stays `de-at`; its messages come from `de`). */
  readonly language: string;
  readonly dir: Direction;
  msg(key: MessageKey, ...params: MessageParam[]): string;
  /**
   * The message cut at its parameters, for putting elements (a link, a `<bdi>` name) inside a sentence:
   * strings are text, numbers are the index of the parameter to put there.
   */
  parts(key: MessageKey, parameterCount: number, ...params: MessageParam[]): (string | number)[];
  /** Numbers, dates and relative times in the interface language (ECMA-402). */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  date(value: Date, options?: Intl.DateTimeFormatOptions): string;
  relativeTime(value: number, unit: Intl.RelativeTimeFormatUnit): string;
  list(items: string[]): string;
}

const bananas = new Map<string, Banana>();

function bananaFor(language: string): Banana {
  let banana = bananas.get(language);
  if (!banana) {
    banana = new Banana(language, { finalFallback: "en" });
    banana.load(CATALOG as unknown as Record<string, Record<string, string>>);
    bananas.set(language, banana);
  }
  return banana;
}

function render(language: string, key: MessageKey, params: MessageParam[]): string {
  try {
    return bananaFor(language).i18n(key, ...params);
  } catch (error) {
    // A translation that does not parse must not take the page down: say so in the log (the key and
    // language only) and show English, which the message tests keep parseable.
    log.warn("i18n.unparseable_message", { key, language, error: error instanceof Error ? error.name : "unknown" });
    return bananaFor("en").i18n(key, ...params);
  }
}

/** Private-use characters marking where a parameter goes, so `parts` can cut the text around them. */
const MARK_OPEN = "\uE000";
const MARK_CLOSE = "\uE001";

/**
 * One translator per language, kept: it holds nothing per request, and the proxy asks for one on every
 * visitor's view. Only the languages requests are served in (lib/i18n/negotiate.ts: the shipped ones and
 * qqx) are kept, so an odd tag passed in directly cannot grow the map.
 */
const translators = new Map<string, Translator>();

export function translatorFor(language: string): Translator {
  const kept = translators.get(language);
  if (kept) return kept;
  const translator = createTranslator(language);
  if (language === KEYS_LANGUAGE || isShipped(language)) translators.set(language, translator);
  return translator;
}

/** The translator for a browser's `Accept-Language` alone: answers made before any cookie or session is read. */
export function translatorForBrowser(headers: Pick<Headers, "get">): Translator {
  return translatorFor(chooseLanguage({ acceptLanguage: headers.get("accept-language") }));
}

function createTranslator(language: string): Translator {
  const keys = language === KEYS_LANGUAGE;
  const locale = keys ? "en" : language;
  const msg = (key: MessageKey, ...params: MessageParam[]) =>
    // MediaWiki's qqx shows `(key)`, or `(key: $1, $2)` with the parameters (Language::getMessage).
    keys ? `(${key}${params.length ? `: ${params.join(", ")}` : ""})` : render(language, key, params);
  return {
    language,
    dir: keys ? "ltr" : directionOf(language),
    msg,
    parts(key, parameterCount, ...params) {
      const marked = Array.from({ length: parameterCount }, (_, index) => `${MARK_OPEN}${index}${MARK_CLOSE}`);
      const text = msg(key, ...marked, ...params);
      const pieces: (string | number)[] = [];
      const pattern = new RegExp(`${MARK_OPEN}(\\d+)${MARK_CLOSE}`, "g");
      let last = 0;
      for (const match of text.matchAll(pattern)) {
        if (match.index > last) pieces.push(text.slice(last, match.index));
        pieces.push(Number(match[1]));
        last = match.index + match[0].length;
      }
      if (last < text.length) pieces.push(text.slice(last));
      return pieces;
    },
    number: (value, options) => new Intl.NumberFormat(locale, options).format(value),
    date: (value, options) => new Intl.DateTimeFormat(locale, options ?? { dateStyle: "medium", timeStyle: "short" }).format(value),
    relativeTime: (value, unit) => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(value, unit),
    list: (items) => new Intl.ListFormat(locale, { type: "conjunction" }).format(items),
  };
}
