/**
 * The card responder wired to this process: Wikiport's app token and Action API client, its configuration,
 * its database (registered widgets), one card cache per process, and a rate limit per client address
 * that every instance counts against (lib/rate-limit).
 */
import "server-only";
import { mediaPrefixFor } from "@/lib/articles/media";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { log } from "@/lib/log";
import { createRateLimiter } from "@/lib/rate-limit";
import { appRateLimitStore } from "@/lib/rate-limit/app-store";
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

let responder: CardResponderApi | undefined;

export function getCardResponder(): CardResponderApi {
  if (responder) return responder;
  const config = getConfig();
  const wikimedia = getWikimedia();
  const mediaPrefix = mediaPrefixFor(config.wikimedia);
  const summaryDeps = { action: wikimedia.action, wikiUrlTemplate: config.wikimedia.wikiUrlTemplate, mediaPrefix };
  const cache = createCardCache((site, title) => fetchCardSummary(summaryDeps, wikimedia.asVisitor(), site, title), {
    onRefreshError: (error) => log.warn("widget.refresh_failed", { error: error instanceof Error ? error.name : "unknown" }),
  });
  responder = createCardResponder({
    cache,
    appOrigin: new URL(config.app.url).origin,
    mediaPrefix,
    limiter: createRateLimiter(appRateLimitStore(), { name: "embed", ...EMBED_RATE_LIMIT }),
    trustedProxyHops: config.app.trustedProxyHops,
    getWidget: (id) => getWidget(getDb(), id),
    log,
  });
  return responder;
}
