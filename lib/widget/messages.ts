/**
 * The card's own words, from Wikiport's messages (i18n/<lang>.json, `wikiport-card-*`), in the language of
 * the person reading the card (options.ts says how it is chosen). The article's text stays in the wiki's
 * language; only labels and messages change. Everything returned here is plain text: render.ts escapes it.
 */
import type { MessageKey } from "@/lib/i18n/catalog";
import { describeFailure, type Failure } from "@/lib/i18n/errors";
import type { Translator } from "@/lib/i18n/translate";
import type { OptionProblem } from "./options";

export type CardErrorKind = "bad_option" | "bad_address" | "unknown_wiki" | "not_found" | "invalid_title" | "unknown_widget" | "upstream" | "unavailable" | "rate_limited";

/** What a message card names: the page and wiki asked for, the wait, and what was wrong. */
export interface CardMessageValues {
  title?: string;
  wiki?: string;
  seconds?: number;
  option?: OptionProblem;
  /** Why a wiki is unknown (lib/wikimedia/sites.ts `SiteError`). */
  failure?: Failure;
}

const ERROR_TITLES = {
  bad_option: "wikiport-card-error-bad-option-title",
  bad_address: "wikiport-card-error-bad-address-title",
  unknown_wiki: "wikiport-card-error-unknown-wiki-title",
  not_found: "wikiport-card-error-not-found-title",
  invalid_title: "wikiport-card-error-invalid-title-title",
  unknown_widget: "wikiport-card-error-unknown-widget-title",
  upstream: "wikiport-card-error-upstream-title",
  unavailable: "wikiport-card-error-unavailable-title",
  rate_limited: "wikiport-card-error-rate-limited-title",
} as const satisfies Record<CardErrorKind, MessageKey>;

export function errorTitle(t: Translator, kind: CardErrorKind): string {
  return t.msg(ERROR_TITLES[kind]);
}

function optionText(t: Translator, option: OptionProblem | undefined): string {
  if (!option) return "";
  switch (option.kind) {
    case "repeated":
      return t.msg("wikiport-card-option-repeated", option.name);
    case "unknown":
      return t.msg("wikiport-card-option-unknown", option.name);
    case "invalid":
      return t.msg("wikiport-card-option-invalid", option.name, option.allowed.join(", "));
  }
}

export function errorText(t: Translator, kind: CardErrorKind, values: CardMessageValues = {}): string {
  const wiki = values.wiki ?? t.msg("wikiport-failure-unnamed-wiki");
  switch (kind) {
    case "bad_option":
      return t.msg("wikiport-card-error-bad-option", optionText(t, values.option)).trim();
    case "bad_address":
      return t.msg("wikiport-card-error-bad-address");
    case "unknown_wiki":
      return values.failure ? describeFailure(t, values.failure) : "";
    case "not_found":
      return t.msg("wikiport-card-error-not-found", values.title ?? "", wiki);
    case "invalid_title":
      return t.msg("wikiport-card-error-invalid-title", values.title ?? "", wiki);
    case "unknown_widget":
      return t.msg("wikiport-card-error-unknown-widget");
    case "upstream":
      return t.msg("wikiport-card-error-upstream", wiki);
    case "unavailable":
      return t.msg("wikiport-card-error-unavailable", wiki);
    case "rate_limited":
      return t.msg("wikiport-card-error-rate-limited", values.seconds ?? 1);
  }
}
