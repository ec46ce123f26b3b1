/**
 * Visitors' article documents (visitor-pages.ts) wired to this process, for proxy.ts, which answers a
 * visitor's view itself (docs/decisions/020-visitor-pages.md): the rewrite to a route handler cost
 * Next.js's whole per-request route machinery, several times the work of sending the kept bytes. The
 * proxy is a module instance of its own, so it has its own visitor cache and HTML cache, bounded like
 * the pages'; its reads go through the same request layer, app token and database slots.
 */
import { getConfig } from "@/lib/env";
import { waitingAs } from "@/lib/wikimedia/http";
import { getWikimedia } from "@/lib/wiring";
import { createHtmlCache } from "./html-cache";
import { mediaPrefixFor } from "./media";
import * as read from "./read";
import { articlePageStylesheets } from "./stylesheets";
import { createVisitorPageCache } from "./visitor-cache";
import { createVisitorPages, type VisitorPages } from "./visitor-pages";

let documents: VisitorPages | undefined;

export function visitorDocuments(): VisitorPages {
  if (documents) return documents;
  const config = getConfig().wikimedia;
  const cache = createHtmlCache();
  const pages = createVisitorPageCache();
  const deps = (): read.ReadDeps => ({ rest: getWikimedia().rest, wikiUrlTemplate: config.wikiUrlTemplate, mediaPrefix: mediaPrefixFor(config), cache });
  documents = createVisitorPages({
    // The app token queued under the visitor's address, so visitors take turns (docs/decisions/019-fair-reading.md).
    read: (site, title, client) => pages.read(site.host, title, () => read.readArticle(deps(), waitingAs(getWikimedia().asVisitor(), client), site, title)),
    wikiPageUrl: (site, title) => read.wikiPageUrl(config.wikiUrlTemplate, site, title),
    stylesheets: articlePageStylesheets,
  });
  return documents;
}
