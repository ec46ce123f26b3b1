/**
 * Sanitized article HTML, cached by wiki and revision: a revision never changes, so each is sanitized
 * once per process. What else is fixed per revision (its attribution, lib/articles/attribution.ts) is
 * kept alongside, under the same budget. Bounded in bytes (LRU, lib/cache-budget.ts), so a crawl over many pages cannot
 * exhaust memory.
 */
import { LRUCache } from "lru-cache";
import { CACHE_BUDGET, stringBytes } from "@/lib/cache-budget";

export interface HtmlCacheOptions {
  /** Upper bound of the cached HTML, in bytes of heap (a page in a non-Latin script takes two a character). */
  maxSize?: number;
}

export function createHtmlCache(options: HtmlCacheOptions = {}) {
  const cache = new LRUCache<string, string>({
    maxSize: options.maxSize ?? CACHE_BUDGET.articleHtml,
    sizeCalculation: (value, key) => Math.max(1, stringBytes(value) + stringBytes(key)),
  });
  return {
    /** The cached value for (host, revision), computing and storing it on a miss. */
    get(host: string, revisionId: number, compute: () => string): string {
      const key = `${host}\u0000${revisionId}`;
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const value = compute();
      cache.set(key, value);
      return value;
    },
    /** Another value of (host, revision), named by `kind`; undefined when not (or no longer) held. */
    peek(host: string, revisionId: number, kind: string): string | undefined {
      return cache.get(`${host}\u0000${revisionId}\u0000${kind}`);
    },
    put(host: string, revisionId: number, kind: string, value: string): void {
      cache.set(`${host}\u0000${revisionId}\u0000${kind}`, value);
    },
    get size(): number {
      return cache.size;
    },
    /** What the cache holds now, in bytes as it counts them. */
    get bytes(): number {
      return cache.calculatedSize;
    },
  };
}

export type HtmlCache = ReturnType<typeof createHtmlCache>;
