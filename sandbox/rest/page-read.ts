/**
 * `GET /v1/page/{title}[/bare|/html|/with_html]` (CORE PageSourceHandler, PageHTMLHandler,
 * PageContentHelper, PageRedirectHelper): source and metadata, Parsoid HTML, normalization 301s and
 * wiki-redirect handling (`redirect_target` for source/bare, 307 for HTML unless `?redirect=no`).
 */
import { findPage, latestRevision, parseTitle, redirectTarget } from "../content/pages";
import { HTML_CONTENT_TYPE, renderRevisionDocument, sha1 } from "../content/render";
import { html, json, type Ctx, type SandboxResponse } from "../http";
import type { PageRecord, RevisionRecord } from "../state";
import type { Wiki } from "../wikis";
import {
  CACHE_CONTROL,
  conditionalHeaders,
  nonexistentTitle,
  notModified,
  pageMetadata,
  pageRoute,
  resolvePathTitle,
  routePath,
  routeUrl,
  type RestHandler,
} from "./common";

export type PageFlavor = "source" | "bare" | "html" | "with_html";

const SUFFIX: Record<PageFlavor, string> = { source: "", bare: "/bare", html: "/html", with_html: "/with_html" };

/** PageContentHelper::getETag for source forms: the revision and its timestamp. */
function sourceEtag(revision: RevisionRecord): string {
  return `W/"${revision.id}/${new Date(revision.timestamp).toISOString().replace(".000Z", "Z")}"`;
}

/** HTML depends on more than the revision (red links change as pages come and go), so hash the output too. */
function htmlEtag(revision: RevisionRecord, document: string): string {
  return `W/"${revision.id}/${sha1(document).slice(0, 16)}"`;
}

/** The redirect's target page title, when the revision is a wiki redirect to a valid title. */
function wikiRedirect(wiki: Wiki, revision: RevisionRecord): ReturnType<typeof parseTitle> {
  const target = redirectTarget(revision.content);
  return target === null ? null : parseTitle(wiki, target);
}

export function pageHandler(flavor: PageFlavor): RestHandler {
  return (ctx) => {
    const resolved = resolvePathTitle(ctx, SUFFIX[flavor]);
    if (!resolved.ok) return resolved.response;
    const page = findPage(ctx.store, ctx.wiki, resolved.title);
    if (!page) return nonexistentTitle(ctx.params.title ?? resolved.title.dbKey);
    const revision = latestRevision(ctx.store, page);
    const target = wikiRedirect(ctx.wiki, revision);
    const isHtml = flavor === "html" || flavor === "with_html";
    if (target && isHtml && ctx.url.searchParams.get("redirect") !== "no") {
      // T389588: the target carries redirect=no, so a chain of redirects costs at most one hop.
      const location = `${routePath(ctx.wiki, pageRoute(target.dbKey, SUFFIX[flavor]))}?redirect=no`;
      return { status: 307, headers: { location, "cache-control": CACHE_CONTROL }, body: "" };
    }
    return pageResponse(ctx, flavor, page, revision, target ? `${routeUrl(ctx, ctx.wiki, pageRoute(target.dbKey, SUFFIX[flavor]))}?redirect=no` : null);
  };
}

export function pageResponse(
  ctx: Ctx & { wiki: Wiki },
  flavor: PageFlavor,
  page: PageRecord,
  revision: RevisionRecord,
  redirectTargetUrl: string | null,
): SandboxResponse {
  const metadata = pageMetadata(page, revision);
  const htmlUrl = routeUrl(ctx, ctx.wiki, pageRoute(metadata.key, "/html"));
  if (flavor === "source" || flavor === "bare") {
    const etag = sourceEtag(revision);
    const unchanged = notModified(ctx, etag, revision.timestamp);
    if (unchanged) return unchanged;
    const body = {
      ...metadata,
      ...(flavor === "source" ? { source: revision.content } : {}),
      html_url: htmlUrl,
      ...(redirectTargetUrl ? { redirect_target: redirectTargetUrl } : {}),
    };
    return json(200, body, conditionalHeaders(etag, revision.timestamp));
  }
  const document = renderRevisionDocument(ctx.store, { wiki: ctx.wiki, page, revision });
  const etag = htmlEtag(revision, document);
  const unchanged = notModified(ctx, etag, revision.timestamp);
  if (unchanged) return unchanged;
  const headers = { ...conditionalHeaders(etag, revision.timestamp), "content-language": ctx.wiki.lang };
  if (flavor === "html") return html(200, document, { ...headers, "content-type": HTML_CONTENT_TYPE });
  return json(200, { ...metadata, html: document }, headers);
}
