/**
 * How much memory each in-process cache may hold, in bytes, in one place, so that an operator sees the
 * total and a new cache takes its share from here (docs/decisions/022-memory-budget.md). Every cache is
 * an optimisation: what it drops costs a request or a render again, never correctness, so the budget is
 * set from what one process may use (300 MiB resident, docs/deploying.md), not from how much there is
 * to cache.
 */

const MiB = 1024 * 1024;

export const CACHE_BUDGET = {
  /** Sanitized article HTML by (wiki, revision): lib/articles/html-cache.ts. */
  articleHtml: 16 * MiB,
  /**
   * Visitors' pages by (wiki, title), kept a minute: lib/articles/visitor-cache.ts. Its HTML is mostly
   * the very strings the article HTML cache holds, so the two overlap; both are counted in full here.
   */
  visitorPages: 16 * MiB,
  /** Visitors' whole article documents as bytes, by (interface language, wiki, title, revision): lib/articles/visitor-pages.ts. */
  visitorDocuments: 8 * MiB,
  /** What signed-in readers last read of each page (overlapping the article HTML too): lib/articles/signed-in-read.ts. */
  signedInPages: 8 * MiB,
  /** Visitors' search results by (wiki, words, limit), kept a minute: lib/articles/search-cache.ts. */
  visitorSearches: 2 * MiB,
  /** Visitors' failed reads, kept seconds: lib/articles/visitor-cache.ts. */
  visitorFailures: 2 * MiB,
  /** (wiki, title) → latest revision id of a card: lib/widget/cache.ts. */
  cardTitles: 2 * MiB,
  /** A card's data by (wiki, revision): lib/widget/cache.ts. */
  cardSummaries: 4 * MiB,
  /** A card's rendered HTML by (wiki, revision, options): lib/widget/cache.ts. */
  cardRendered: 4 * MiB,
  /** CSRF and watch tokens by (credential, wiki): lib/wikimedia/action.ts. */
  actionTokens: 1 * MiB,
  /** Users' accounts across wikis, kept minutes: lib/account/wiki-accounts.ts. */
  wikiAccounts: 1 * MiB,
  /** Personal tokens' cookie jars (a session cookie per wiki): lib/personal-tokens/cookies.ts. */
  personalTokenCookies: 1 * MiB,
} as const;

/** The most every cache of one process holds together, when all are full. */
export const CACHE_BUDGET_TOTAL = Object.values(CACHE_BUDGET).reduce((sum, bytes) => sum + bytes, 0);

/**
 * The heap a string takes: V8 keeps a string in one byte per character when every character fits in
 * Latin-1, and in two otherwise (most non-Latin scripts: Hebrew, Greek, Cyrillic, CJK…). The header of a
 * few words is left out; callers add their own per-entry overhead.
 */
export function stringBytes(value: string): number {
  return /[\u0100-\uffff]/.test(value) ? value.length * 2 : value.length;
}

/**
 * Bytes of a plain JSON-like value (strings, numbers, booleans, null, arrays and objects of them), with
 * a small overhead per object, array and property, so that a cache of objects can be bounded in bytes.
 * An estimate of the heap it takes, within a small factor, not an exact count.
 */
export function valueBytes(value: unknown): number {
  if (typeof value === "string") return 16 + stringBytes(value);
  if (value === null || typeof value !== "object") return 8;
  if (Array.isArray(value)) return 16 + value.reduce<number>((sum, item) => sum + 8 + valueBytes(item), 0);
  // Property names live once in the object's hidden class, shared by objects of the same shape.
  return Object.values(value).reduce<number>((sum, item) => sum + 8 + valueBytes(item), 24);
}
