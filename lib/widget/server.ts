/**
 * The card responder wired to this process: Wikiport's app token and Action API client, its configuration,
 * its database (registered widgets), one card cache per process (not per module runtime), and a rate
 * limit per client address that every instance counts against (lib/rate-limit).
 */
import "server-only";
import { mediaPrefixFor } from "@/lib/articles/media";
import { articleHtmlCache } from "@/lib/articles/process-caches";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { log } from "@/lib/log";
import { createBatchedRateLimiter, VIEW_BATCHING } from "@/lib/rate-limit/batched";
import { appRateLimitStore } from "@/lib/rate-limit/app-store";
import { processWide } from "@/lib/process-wide";
import { waitingAs } from "@/lib/wikimedia/http";
import { getWikimedia } from "@/lib/wiring";
import { createCardCache } from "./cache";
import { getWidget } from "./registry";
import { createCardResponder, type CardResponderApi } from "./respond";
import { fetchCardSummary } from "./summary";

/**
 * Generous: a page may embed several cards and a reader may reload it; this only stops one address from
 * turning cards into a way to hammer Wikiport (docs/security-requirements.md item 33).
 */
export const EMBED_RATE_LIMIT = { capacity: 300, refillPerMinute: 300 } as const;

/** One per process (lib/process-wide.ts): one card cache, and one local count of the embed limit. */
export function getCardResponder(): CardResponderApi {
  return processWide("card-responder", createResponder);
}

function createResponder(): CardResponderApi {
  const config = getConfig();
  const wikimedia = getWikimedia();
  const mediaPrefix = mediaPrefixFor(config.wikimedia);
  // Attribution is kept per revision in the articles' cache, shared with the article pages (lib/articles/attribution.ts).
  const summaryDeps = {
    action: wikimedia.action,
    wikiUrlTemplate: config.wikimedia.wikiUrlTemplate,
    mediaPrefix,
    attribution: { rest: wikimedia.rest, cache: articleHtmlCache() },
  };
  const visitor = wikimedia.asVisitor();
  const cache = createCardCache(
    (site, title, reader) => fetchCardSummary(summaryDeps, reader === undefined ? visitor : waitingAs(visitor, reader), site, title),
    { onRefreshError: (error) => log.warn("widget.refresh_failed", { error: error instanceof Error ? error.name : "unknown" }) },
  );
  return createCardResponder({
    cache,
    appOrigin: new URL(config.app.url).origin,
    mediaPrefix,
    // Taken by every card view: counted here and written in batches, within a documented bound (lib/rate-limit/batched.ts).
    limiter: createBatchedRateLimiter(appRateLimitStore(), { name: "embed", ...EMBED_RATE_LIMIT }, VIEW_BATCHING),
    trustedProxyHops: config.app.trustedProxyHops,
    getWidget: (id) => getWidget(getDb(), id),
    log,
  });
}
