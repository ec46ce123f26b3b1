/**
 * The server-side card cache, so that a popular card costs the wiki about one request per revision rather
 * than one per view:
 * - (wiki, title) → latest revision id, for a short TTL; once it expires the last known card is still served
 *   while ONE background request looks for a newer revision (stale-while-revalidate);
 * - (wiki, revision) → the card's data; revisions never change, so this lives as long as memory allows;
 * - rendered HTML by any key the caller builds (wiki, revision, options…), since rendering is pure.
 * Concurrent misses for the same (wiki, title) share one upstream request (single flight). A missing page
 * or invalid title is remembered briefly too, so a card pointing at nothing cannot hammer the wiki;
 * transient failures are not remembered.
 * Each part is bounded in bytes (lib/cache-budget.ts), not in entries: a card's extract and rendered HTML
 * vary by a factor of ten, so a count alone says nothing about memory.
 */
import { LRUCache } from "lru-cache";
import { CACHE_BUDGET, stringBytes, valueBytes } from "@/lib/cache-budget";
import type { Site } from "@/lib/wikimedia/sites";
import type { CardSummary, SummaryResult } from "./summary";

export interface CardCacheOptions {
  /** How long the latest revision of a title is trusted without asking. */
  latestTtlMs?: number;
  /** How long "no such page" is remembered. */
  missingTtlMs?: number;
  /** Bytes of the (wiki, title) → latest revision entries. */
  maxTitleBytes?: number;
  /** Bytes of the cards' data by revision. */
  maxSummaryBytes?: number;
  /** Bytes of the rendered cards. */
  maxRenderedBytes?: number;
  now?: () => number;
  /** Told about a background refresh that failed (the stale card was served anyway). */
  onRefreshError?: (error: unknown) => void;
}

/**
 * `waiter` is who asks (the reader's client address): the request queues for the app token's slots
 * under it, taking turns with that client's page reads and everyone else's (docs/decisions/019-fair-reading.md).
 */
type Fetcher = (site: Site, title: string, waiter?: string) => Promise<SummaryResult>;

type LatestEntry = { expires: number } & ({ revisionId: number } | { failure: Extract<SummaryResult, { ok: false }> });

const RETRY_AFTER_FAILURE_MS = 10_000;
const REMEMBERED_FAILURES = new Set(["not_found", "invalid_title"]);

export interface CardCache {
  /** The card's data; on a miss, read upstream queued as `waiter` (see `Fetcher`). */
  summary(site: Site, title: string, waiter?: string): Promise<SummaryResult>;
  rendered(key: string, render: () => string): string;
  /** What the cache holds now, in bytes as it counts them. */
  readonly bytes: number;
}

/** A key and the small object around every entry (lru-cache's own bookkeeping included). */
const ENTRY_OVERHEAD = 64;

function titleKey(site: Site, title: string): string {
  return `${site.host}\n${title.replaceAll("_", " ").trim()}`;
}

export function createCardCache(fetchSummary: Fetcher, options: CardCacheOptions = {}): CardCache {
  const now = options.now ?? Date.now;
  const latestTtl = options.latestTtlMs ?? 60_000;
  const missingTtl = options.missingTtlMs ?? 30_000;
  const latest = new LRUCache<string, LatestEntry>({
    maxSize: options.maxTitleBytes ?? CACHE_BUDGET.cardTitles,
    sizeCalculation: (entry, key) => ENTRY_OVERHEAD + stringBytes(key) + valueBytes(entry),
  });
  const summaries = new LRUCache<string, CardSummary>({
    maxSize: options.maxSummaryBytes ?? CACHE_BUDGET.cardSummaries,
    sizeCalculation: (summary, key) => ENTRY_OVERHEAD + stringBytes(key) + valueBytes(summary),
  });
  const rendered = new LRUCache<string, string>({
    maxSize: options.maxRenderedBytes ?? CACHE_BUDGET.cardRendered,
    sizeCalculation: (html, key) => ENTRY_OVERHEAD + stringBytes(key) + stringBytes(html),
  });
  const inFlight = new Map<string, Promise<SummaryResult>>();

  function remember(site: Site, title: string, result: SummaryResult): void {
    const at = now();
    if (result.ok) {
      const entry = { revisionId: result.value.revisionId, expires: at + latestTtl };
      summaries.set(`${site.host}\n${result.value.revisionId}`, result.value);
      latest.set(titleKey(site, title), entry);
      // The page's own title too, so its redirects and its canonical name share one entry's worth of work.
      latest.set(titleKey(site, result.value.title), entry);
    } else if (REMEMBERED_FAILURES.has(result.error.code)) {
      latest.set(titleKey(site, title), { failure: result, expires: at + missingTtl });
    } else {
      // Trouble upstream: keep serving the last known card, and wait a little before asking again.
      const known = latest.get(titleKey(site, title));
      if (known && "revisionId" in known) known.expires = at + Math.min(latestTtl, RETRY_AFTER_FAILURE_MS);
    }
  }

  /** One upstream request per (wiki, title) at a time; every concurrent caller gets its answer. */
  function load(site: Site, title: string, waiter: string | undefined): Promise<SummaryResult> {
    const key = titleKey(site, title);
    let pending = inFlight.get(key);
    if (!pending) {
      pending = fetchSummary(site, title, waiter)
        .then((result) => {
          remember(site, title, result);
          return result;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  }

  return {
    async summary(site, title, waiter) {
      const entry = latest.get(titleKey(site, title));
      if (!entry) return load(site, title, waiter);
      if ("failure" in entry) return entry.expires > now() ? entry.failure : load(site, title, waiter);
      const known = summaries.get(`${site.host}\n${entry.revisionId}`);
      if (!known) return load(site, title, waiter);
      if (entry.expires <= now()) {
        // Serve the last known card now; look for a newer revision in the background (single flight).
        load(site, title, waiter).catch((error: unknown) => options.onRefreshError?.(error));
      }
      return { ok: true, value: known };
    },

    rendered(key, render) {
      const hit = rendered.get(key);
      if (hit !== undefined) return hit;
      const html = render();
      rendered.set(key, html);
      return html;
    },

    get bytes() {
      return latest.calculatedSize + summaries.calculatedSize + rendered.calculatedSize;
    },
  };
}
