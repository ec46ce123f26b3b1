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
import { processWide } from "@/lib/process-wide";
import { articleHtmlCache, visitorPageCache, visitorSearchCache } from "./process-caches";
import { mediaPrefixFor } from "./media";
import * as read from "./read";
import { createKnownPages, readArticleAsUser as readAsUser, type SignedInArticle } from "./signed-in-read";

// One cache per process, shared with proxy.ts's visitor documents (visitor-server.ts) through
// lib/process-wide.ts, since Next.js loads the proxy and the pages in separate module runtimes.
// Revisions are immutable, so every viewer shares the sanitized HTML.
const cache = articleHtmlCache();
// Visitors' pages for a minute, so anonymous reading does not cost one upstream request per view.
const visitorPages = visitorPageCache();
// And what they find when they search, for a minute too: popular searches would otherwise hold the app token's slots.
const visitorSearches = visitorSearchCache();
// What signed-in readers last read of each page, shown again only when the wiki tells them it is unchanged.
const knownPages = processWide("articles.known-pages", () => createKnownPages());

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

/** A signed-in reader's article and whether they watch it, in one upstream request once warm. */
export function readArticleAsUser(site: Site, title: string, viewer: { id: string }): Promise<SignedInArticle> {
  return readAsUser({ ...deps(), action: getWikimedia().action, known: knownPages }, credential(viewer), site, title);
}

export async function readArticle(site: Site, title: string, viewer: Viewer) {
  if (viewer) return (await readArticleAsUser(site, title, viewer)).result;
  const as = await visitorCredential();
  return visitorPages.read(site.host, title, () => read.readArticle(deps(), as, site, title));
}

export function readHistory(site: Site, title: string, viewer: Viewer, paging: { olderThan?: number; newerThan?: number } = {}) {
  return read.readHistory(deps(), credential(viewer), site, title, paging);
}

export async function searchPages(site: Site, query: string, viewer: Viewer, limit = read.SEARCH_LIMIT) {
  if (viewer) return read.searchPages(deps(), credential(viewer), site, query, limit);
  const as = await visitorCredential();
  return visitorSearches.search(site.host, query, limit, () => read.searchPages(deps(), as, site, query, limit));
}

/** The wiki's own address of a page, for "View on <host>" links. */
export function wikiPageUrl(site: Site, title: string): string {
  return read.wikiPageUrl(getConfig().wikimedia.wikiUrlTemplate, site, title);
}
