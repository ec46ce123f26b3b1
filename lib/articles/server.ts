/**
 * The reading functions wired to this process: its request layer, its configuration, one HTML cache,
 * and the viewer's credential (their own token when signed in, Wikiport's app token for visitors).
 */
import "server-only";
import { headers } from "next/headers";
import { getConfig } from "@/lib/env";
import { clientAddress } from "@/lib/security/client-address";
import { waitingAs } from "@/lib/wikimedia/http";
import { getWikimedia } from "@/lib/wiring";
import type { Site } from "@/lib/wikimedia/sites";
import { createHtmlCache } from "./html-cache";
import { mediaPrefixFor } from "./media";
import * as read from "./read";
import { createVisitorPageCache } from "./visitor-cache";

// One cache per process: revisions are immutable, so every viewer shares the sanitized HTML.
const cache = createHtmlCache();
// Visitors' pages for a minute, so anonymous reading does not cost one upstream request per view.
const visitorPages = createVisitorPageCache();

function deps(): read.ReadDeps {
  const config = getConfig().wikimedia;
  return { rest: getWikimedia().rest, wikiUrlTemplate: config.wikiUrlTemplate, mediaPrefix: mediaPrefixFor(config), cache };
}

/** Who reads: a signed-in user or a JSON API token's user (by id), or null for a visitor. */
export type Viewer = { id: string } | null;

function credential(viewer: Viewer) {
  const wikimedia = getWikimedia();
  return viewer ? wikimedia.asUser(viewer.id) : wikimedia.asVisitor();
}

/**
 * The app token queued under the visitor's client address, so that visitors take turns for its slots
 * (docs/decisions/019-fair-reading.md); the address never leaves this process.
 */
async function visitorCredential() {
  const address = clientAddress(await headers(), getConfig().app.trustedProxyHops);
  return waitingAs(credential(null), address);
}

export async function readArticle(site: Site, title: string, viewer: Viewer) {
  if (viewer) return read.readArticle(deps(), credential(viewer), site, title);
  const as = await visitorCredential();
  return visitorPages.read(site.host, title, () => read.readArticle(deps(), as, site, title));
}

export function readHistory(site: Site, title: string, viewer: Viewer, paging: { olderThan?: number; newerThan?: number } = {}) {
  return read.readHistory(deps(), credential(viewer), site, title, paging);
}

export function searchPages(site: Site, query: string, viewer: Viewer, limit?: number) {
  return read.searchPages(deps(), credential(viewer), site, query, limit);
}

/** The wiki's own address of a page, for "View on <host>" links. */
export function wikiPageUrl(site: Site, title: string): string {
  return read.wikiPageUrl(getConfig().wikimedia.wikiUrlTemplate, site, title);
}
