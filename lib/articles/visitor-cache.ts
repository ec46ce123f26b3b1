/**
 * What visitors (no Wikiport session, read with the app token) are shown of a page, kept for a minute:
 * without it every anonymous view is one request to Wikimedia, and the app token's quota (5,000 requests
 * an hour on Wikimedia, docs/wikimedia-protocol.md §2) would run out at about 1.4 views a second (docs/benchmarks.md).
 * - Concurrent misses for one page make one upstream request (lru-cache's fetch dedupes them).
 * - After the minute, the page is served as it was while one request fetches the latest revision.
 * - When that request fails, the last good page keeps being served; with none, the failure is returned
 *   and not cached.
 * Signed-in readers never use it: they read with their own token and expect to see their own edits.
 */
import { LRUCache } from "lru-cache";
import type { DescribedError } from "@/lib/wikimedia/errors";
import type { Article, ReadResult } from "./read";

export const VISITOR_PAGE_TTL_MS = 60_000;

class ReadFailure extends Error {
  constructor(readonly described: DescribedError) {
    super(described.code);
  }
}

export interface VisitorPageCacheOptions {
  ttlMs?: number;
  /** Upper bound of the cached pages' HTML, in UTF-16 code units. */
  maxSize?: number;
  /** The clock, for tests (lru-cache reads `perf.now()`). */
  perf?: { now(): number };
}

export function createVisitorPageCache(options: VisitorPageCacheOptions = {}) {
  const cache = new LRUCache<string, Article, () => Promise<ReadResult<Article>>>({
    maxSize: options.maxSize ?? 32 * 1024 * 1024,
    sizeCalculation: (article) => Math.max(1, article.html.length),
    ttl: options.ttlMs ?? VISITOR_PAGE_TTL_MS,
    allowStale: true,
    allowStaleOnFetchRejection: true,
    ...(options.perf ? { perf: options.perf, ttlResolution: 0 } : {}),
    fetchMethod: async (_key, _stale, { context: load }) => {
      const result = await load();
      if (!result.ok) throw new ReadFailure(result.error);
      return result.value;
    },
  });

  return {
    /** The page for (host, title) as a visitor sees it; `load` reads it from the wiki on a miss. */
    async read(host: string, title: string, load: () => Promise<ReadResult<Article>>): Promise<ReadResult<Article>> {
      try {
        const article = await cache.fetch(`${host}\u0000${title}`, { context: load });
        if (article === undefined) return await load();
        return { ok: true, value: article };
      } catch (error) {
        if (error instanceof ReadFailure) return { ok: false, error: error.described };
        throw error;
      }
    },
  };
}
