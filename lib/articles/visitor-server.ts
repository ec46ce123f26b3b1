/**
 * Visitors' article documents (visitor-pages.ts) wired to this process, for proxy.ts, which answers a
 * visitor's view itself (docs/decisions/020-visitor-pages.md): the rewrite to a route handler cost
 * Next.js's whole per-request route machinery, several times the work of sending the kept bytes. The
 * proxy runs in a module runtime of its own, but shares the process's visitor cache, HTML cache, request
 * layer, app token and database slots with the pages (process-caches.ts, lib/process-wide.ts).
 */
import { getConfig } from "@/lib/env";
import { waitingAs } from "@/lib/wikimedia/http";
import { getWikimedia } from "@/lib/wiring";
import { processWide } from "@/lib/process-wide";
import { mediaPrefixFor } from "./media";
import * as read from "./read";
import { articlePageStylesheets } from "./stylesheets";
import { articleHtmlCache, visitorPageCache } from "./process-caches";
import { createVisitorPages, type VisitorPages } from "./visitor-pages";

export function visitorDocuments(): VisitorPages {
  return processWide("articles.visitor-documents", createDocuments);
}

function createDocuments(): VisitorPages {
  const config = getConfig().wikimedia;
  const cache = articleHtmlCache();
  const pages = visitorPageCache();
  const deps = (): read.ReadDeps => ({ rest: getWikimedia().rest, wikiUrlTemplate: config.wikiUrlTemplate, mediaPrefix: mediaPrefixFor(config), cache });
  return createVisitorPages({
    // The app token queued under the visitor's address, so visitors take turns (docs/decisions/019-fair-reading.md).
    read: (site, title, client) => pages.read(site.host, title, () => read.readArticle(deps(), waitingAs(getWikimedia().asVisitor(), client), site, title)),
    wikiPageUrl: (site, title) => read.wikiPageUrl(config.wikiUrlTemplate, site, title),
    stylesheets: articlePageStylesheets,
  });
}
