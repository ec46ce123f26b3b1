/**
 * The Attribution API (beta, 2026): `GET /w/rest.php/attribution/v0-beta/pages/{title}/signals`
 * (WikimediaCustomizations, Attribution module; docs/wikimedia-protocol.md §6.12). `essential` (title,
 * link, licence, source wiki; the brand marks are left out, the sandbox serves no logos) always; `trust_and_relevance` and `calls_to_action` when
 * `expand` names them. What the public sources leave open (a page's contributor count, the exact site
 * names, the calls' wording) is the sandbox's own choice, listed in §6.12.
 */
import { findPage, isoTimestamp, latestRevision, pageRevisions, parseTitle } from "../content/pages";
import { restError } from "../errors";
import { json, sandboxUrl, type Ctx, type SandboxResponse } from "../http";
import { wikiPath } from "../pages/session";
import type { Router } from "../router";
import type { Wiki } from "../wikis";
import { nonexistentTitle, restRoute } from "./common";

/** As Wikimedia's answer names it (with the `deed.en` link, unlike `/v1/page`'s `license`). */
export const ATTRIBUTION_LICENSE = {
  url: "https://creativecommons.org/licenses/by-sa/4.0/deed.en",
  title: "Creative Commons Attribution-Share Alike 4.0",
} as const;

const EXPANSIONS = new Set(["trust_and_relevance", "calls_to_action", "essential"]);

/** "English Wikipedia", as `source_wiki.site_name` names enwiki; the sandbox builds the others alike. */
export function siteName(wiki: Wiki): string {
  if (!wiki.host.endsWith(".wikipedia.org")) return wiki.siteName;
  return `${new Intl.DisplayNames(["en"], { type: "language" }).of(wiki.lang) ?? wiki.lang} Wikipedia`;
}

function signals(ctx: Ctx & { wiki: Wiki }): SandboxResponse {
  const wiki = ctx.wiki;
  const requested = ctx.params.title ?? "";
  const title = parseTitle(wiki, requested);
  if (!title) return restError(400, "rest-invalid-title", `The specified title (${requested}) is not valid`);
  const page = findPage(ctx.store, wiki, title);
  if (!page) return nonexistentTitle(requested);
  const expand = new Set((ctx.url.searchParams.get("expand") ?? "").split(",").filter(Boolean));
  for (const name of expand) {
    if (!EXPANSIONS.has(name)) return restError(400, "paramvalidator-badvalue-enummulti", `Invalid value "${name}" for parameter "expand".`);
  }
  const revision = latestRevision(ctx.store, page);
  const link = sandboxUrl(ctx, wikiPath(wiki.host, page.title));
  const body: Record<string, unknown> = {
    essential: {
      title: page.title,
      license: ATTRIBUTION_LICENSE,
      link,
      source_wiki: { site_id: wiki.dbname, site_language: wiki.lang, page_language: wiki.lang },
    },
    source_wiki: { site_name: siteName(wiki), project_family: wiki.host.endsWith(".wikipedia.org") ? "wikipedia" : "wikimedia" },
  };
  if (expand.has("trust_and_relevance")) {
    const revisions = pageRevisions(ctx.store, page);
    body.trust_and_relevance = {
      last_updated: isoTimestamp(revision.timestamp),
      contributor_counts: new Set(revisions.map((r) => r.userId)).size,
      page_views: null,
      reference_count: (revision.content.match(/<ref[\s>]/g) ?? []).length,
    };
  }
  if (expand.has("calls_to_action")) {
    body.calls_to_action = {
      participation_ctas: {
        learn_more: { url: sandboxUrl(ctx, wikiPath(wiki.host, "Help:Introduction")), link_text: "Learn how to edit", description: "Anyone can improve this page." },
      },
    };
  }
  return json(200, body);
}

export function registerAttribution(router: Router): void {
  router.add({
    method: "GET",
    path: "/:wiki/w/rest.php/attribution/v0-beta/pages/:title/signals",
    endpoint: "rest/attribution/signals",
    handler: restRoute(signals),
  });
}
