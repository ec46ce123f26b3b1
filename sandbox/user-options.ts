/**
 * User preferences as `meta=userinfo&uiprop=options` shows them (docs/wikimedia-protocol.md §5.10): every
 * preference, the user's own values over the defaults, never only the ones they set. The defaults are
 * CORE's DefaultUserOptions (MainConfigSchema) plus what DefaultOptionsLookup::getDefaultOptions adds:
 * `language` and `variant` = the wiki's content language, `variant-<code>` for each language with
 * variants, `searchNs<n>` for each namespace, `skin`. A demo user's own values (sandbox/seed.ts) stand for
 * global preferences (Extension:GlobalPreferences), so they hold on every wiki.
 */
import type { UserRecord } from "./state";
import type { Wiki } from "./wikis";

/** A subset of CORE's DefaultUserOptions as Wikimedia runs them; booleans left out (the sandbox's formatversion=1 would not keep them as MediaWiki's META_BC_BOOLS does). */
const CORE_DEFAULTS: Record<string, string | number> = {
  ccmeonemails: 0,
  date: "default",
  diffonly: 0,
  disablemail: 0,
  editfont: "monospace",
  editondblclick: 0,
  enotifminoredits: 0,
  enotifrevealaddr: 0,
  enotifusertalkpages: 1,
  enotifwatchlistpages: 1,
  extendwatchlist: 1,
  fancysig: 0,
  forceeditsummary: 0,
  gender: "unknown",
  hidecategorization: 1,
  hideminor: 0,
  hidepatrolled: 0,
  imagesize: 2,
  minordefault: 0,
  newpageshidepatrolled: 0,
  nickname: "",
  norollbackdiff: 0,
  prefershttps: 1,
  previewonfirst: 0,
  previewontop: 1,
  rcdays: 7,
  rclimit: 50,
  searchlimit: 20,
  showhiddencats: 0,
  shownumberswatching: 1,
  showrollbackconfirmation: 0,
  thumbsize: 5,
  timecorrection: "System|0",
  underline: 2,
  useeditwarning: 1,
  uselivepreview: 0,
  usenewrc: 1,
  watchcreations: 1,
  watchdefault: 1,
  watchdeletion: 0,
  watchlistdays: 7,
  watchlisthideanons: 0,
  watchlisthidebots: 0,
  watchlisthideliu: 0,
  watchlisthideminor: 0,
  watchlisthideown: 0,
  watchlisthidepatrolled: 0,
  watchlistreloadautomatically: 0,
  watchlistunwatchlinks: 0,
  watchmoves: 0,
  watchrollback: 0,
  wllimit: 250,
};

/** LanguageConverter::$languagesWithVariants (the ones DefaultOptionsLookup gives a `variant-<code>`). */
const LANGUAGES_WITH_VARIANTS = ["ban", "crh", "en", "gan", "iu", "kk", "ku", "mni", "sh", "shi", "sr", "tg", "tly", "uz", "wuu", "zgh", "zh"];

const NAMESPACES = [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

export function userOptions(wiki: Wiki, user: UserRecord | null): Record<string, string | number> {
  const options: Record<string, string | number> = { ...CORE_DEFAULTS, language: wiki.lang, variant: wiki.lang, skin: "vector-2022" };
  for (const code of LANGUAGES_WITH_VARIANTS) options[`variant-${code}`] = code;
  // $wgNamespacesToBeSearchedDefault: the main namespace only.
  for (const ns of NAMESPACES.filter((n) => n >= 0)) options[`searchNs${ns}`] = ns === 0 ? 1 : 0;
  return { ...options, ...(user?.options ?? {}) };
}
