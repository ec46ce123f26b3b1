/**
 * What visitors (no Wikiport session, read with the app token) are shown of a page, kept for a minute:
 * without it every anonymous view is one request to Wikimedia, and the app token's quota (5,000 requests
 * an hour on Wikimedia, docs/wikimedia-protocol.md §2) would run out at about 1.4 views a second (docs/benchmarks.md).
 * - Concurrent misses for one page make one upstream request (lru-cache's fetch dedupes them), whether
 *   the page exists or not.
 * - After the minute, the page is served as it was while one request fetches the latest revision.
 * - When that request fails, the last good page keeps being served; with none, the failure is returned
 *   and kept briefly (a missing page for 30 s, trouble upstream for 10 s), so a flood of nonexistent or
 *   failing titles costs at most one upstream request per title in that time
 *   (docs/decisions/019-fair-reading.md).
 * Signed-in readers never use it: they read with their own token and expect to see their own edits.
 */
import { LRUCache } from "lru-cache";
import { CACHE_BUDGET, stringBytes } from "@/lib/cache-budget";
import { describeWikimediaError, type DescribedError } from "@/lib/wikimedia/errors";
import type { Article, ReadResult } from "./read";

export const VISITOR_PAGE_TTL_MS = 60_000;
/** A page that does not exist (or cannot): long enough to blunt a flood, short enough for a page just created. */
export const VISITOR_MISSING_TTL_MS = 30_000;
/** Any other failure: the wiki's trouble is often over in seconds. */
export const VISITOR_FAILURE_TTL_MS = 10_000;
/** How long the last good page is served again after a refresh failed, before the next refresh. */
const STALE_RETRY_TTL_MS = VISITOR_FAILURE_TTL_MS;

class ReadFailure extends Error {
  constructor(readonly described: DescribedError) {
    super(described.code);
  }
}

export interface VisitorPageCacheOptions {
  ttlMs?: number;
  missingTtlMs?: number;
  failureTtlMs?: number;
  /** Upper bound of the cached pages' HTML, in bytes as V8 holds it (lib/cache-budget.ts). */
  maxSize?: number;
  /** The clock, for tests (lru-cache reads `perf.now()`). */
  perf?: { now(): number };
}

export function createVisitorPageCache(options: VisitorPageCacheOptions = {}) {
  const clock = options.perf ? { perf: options.perf, ttlResolution: 0 } : {};
  const missingTtl = options.missingTtlMs ?? VISITOR_MISSING_TTL_MS;
  const failureTtl = options.failureTtlMs ?? VISITOR_FAILURE_TTL_MS;
  // Bounded in size like the pages: a flood of distinct nonexistent titles must not grow it without end.
  const failures = new LRUCache<string, DescribedError>({
    maxSize: CACHE_BUDGET.visitorFailures,
    sizeCalculation: (error, key) => stringBytes(key) + stringBytes(error.message) + 64,
    ttl: failureTtl,
    ...clock,
  });
  const pages = new LRUCache<string, Article, () => Promise<ReadResult<Article>>>({
    maxSize: options.maxSize ?? CACHE_BUDGET.visitorPages,
    sizeCalculation: (article) => Math.max(1, stringBytes(article.html)),
    ttl: options.ttlMs ?? VISITOR_PAGE_TTL_MS,
    allowStale: true,
    ...clock,
    fetchMethod: async (_key, stale, { context: load, options: set }) => {
      const result = await load();
      if (result.ok) return result.value;
      if (stale !== undefined) {
        // The last good page again, until the next try; not lru-cache's allowStaleOnFetchRejection,
        // which answers `undefined` when there is no stale page and so loses the failure.
        set.ttl = STALE_RETRY_TTL_MS;
        return stale;
      }
      throw new ReadFailure(result.error);
    },
  });

  function keep(key: string, error: DescribedError): void {
    const missing = error.code === "not_found" || error.code === "invalid_title";
    failures.set(key, error, { ttl: missing ? missingTtl : failureTtl });
  }

  return {
    /** The page for (host, title) as a visitor sees it; `load` reads it from the wiki on a miss. */
    async read(host: string, title: string, load: () => Promise<ReadResult<Article>>): Promise<ReadResult<Article>> {
      const key = `${host}\u0000${title}`;
      const failed = failures.get(key);
      if (failed !== undefined) return { ok: false, error: failed };
      try {
        const article = await pages.fetch(key, { context: load });
        // fetchMethod never resolves to undefined; should lru-cache ever, say so rather than read twice.
        if (article === undefined) return { ok: false, error: describeWikimediaError(null) };
        return { ok: true, value: article };
      } catch (error) {
        if (!(error instanceof ReadFailure)) throw error;
        keep(key, error.described);
        return { ok: false, error: error.described };
      }
    },
  };
}
