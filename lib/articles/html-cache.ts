/**
 * Sanitized article HTML, cached by wiki and revision: a revision never changes, so each is sanitized
 * once per process. Bounded by size (LRU), so a crawl over many pages cannot exhaust memory.
 */
import { LRUCache } from "lru-cache";

export interface HtmlCacheOptions {
  /** Upper bound of the cached HTML, in UTF-16 code units (about bytes for mostly-ASCII markup). */
  maxSize?: number;
}

export function createHtmlCache(options: HtmlCacheOptions = {}) {
  const cache = new LRUCache<string, string>({
    maxSize: options.maxSize ?? 64 * 1024 * 1024,
    sizeCalculation: (value) => Math.max(1, value.length),
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
    get size(): number {
      return cache.size;
    },
  };
}

export type HtmlCache = ReturnType<typeof createHtmlCache>;
