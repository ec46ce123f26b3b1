/**
 * What visitors find when they search a wiki, kept for a minute, like their pages (visitor-cache.ts):
 * without it every anonymous search is one request with the app token, whose three slots all visitors
 * share (docs/wikimedia-protocol.md §7), so a few popular searches would queue every visitor's reading
 * behind them (docs/benchmarks.md, row f).
 * - Concurrent searches for the same words on the same wiki make one upstream request.
 * - A failed search is not kept: the next visitor asks again (the request layer already paces the app
 *   token after a 429).
 * Signed-in readers never use it: they search with their own token.
 */
import { LRUCache } from "lru-cache";
import { CACHE_BUDGET, stringBytes, valueBytes } from "@/lib/cache-budget";
import type { DescribedError } from "@/lib/wikimedia/errors";
import type { ReadResult, SearchResult } from "./read";

export const VISITOR_SEARCH_TTL_MS = 60_000;

class SearchFailure extends Error {
  constructor(readonly described: DescribedError) {
    super(described.code);
  }
}

export interface VisitorSearchCacheOptions {
  ttlMs?: number;
  /** Upper bound of the kept results, in bytes as V8 holds them (lib/cache-budget.ts). */
  maxSize?: number;
  /** The clock, for tests (lru-cache reads `perf.now()`). */
  perf?: { now(): number };
}

export function createVisitorSearchCache(options: VisitorSearchCacheOptions = {}) {
  const results = new LRUCache<string, SearchResult[], () => Promise<ReadResult<SearchResult[]>>>({
    maxSize: options.maxSize ?? CACHE_BUDGET.visitorSearches,
    sizeCalculation: (hits, key) => Math.max(1, stringBytes(key) + valueBytes(hits)),
    ttl: options.ttlMs ?? VISITOR_SEARCH_TTL_MS,
    ...(options.perf ? { perf: options.perf, ttlResolution: 0 } : {}),
    fetchMethod: async (_key, _stale, { context: search }) => {
      const result = await search();
      if (result.ok) return result.value;
      throw new SearchFailure(result.error);
    },
  });

  return {
    /** The results for (host, words, limit) as a visitor sees them; `search` asks the wiki on a miss. */
    async search(host: string, query: string, limit: number, search: () => Promise<ReadResult<SearchResult[]>>): Promise<ReadResult<SearchResult[]>> {
      try {
        const hits = await results.fetch(`${host}\u0000${limit}\u0000${query}`, { context: search });
        // fetchMethod never resolves to undefined; should lru-cache ever, ask the wiki rather than show nothing.
        return hits === undefined ? await search() : { ok: true, value: hits };
      } catch (error) {
        if (!(error instanceof SearchFailure)) throw error;
        return { ok: false, error: error.described };
      }
    },
  };
}
