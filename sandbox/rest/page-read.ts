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

/** PageContentHelper::getETag: strong, a hash of the revision id and "the caller may read it" (docs/wikimedia-protocol.md §6.9). */
function sourceEtag(revision: RevisionRecord): string {
  return `"${sha1(`${revision.id}a1`)}"`;
}

/**
 * HtmlOutputRendererHelper::getETag: `"<revision>/<render id>/view/<format>"`, strong (§6.9). The sandbox
 * renders on every request, so a hash of the output stands in for the render id: it changes when the
 * HTML does (a red link turning blue), as a new rendering's id does.
 */
function htmlEtag(revision: RevisionRecord, document: string, flavor: PageFlavor): string {
  return `"${revision.id}/${sha1(document).slice(0, 16)}/view/${flavor}"`;
}

/** The page's validators, and for HTML forms the document they were computed from (rendered once per request). */
function validators(ctx: Ctx & { wiki: Wiki }, flavor: PageFlavor, page: PageRecord, revision: RevisionRecord): { etag: string; document: string | null } {
  if (flavor === "source" || flavor === "bare") return { etag: sourceEtag(revision), document: null };
  const document = renderRevisionDocument(ctx.store, { wiki: ctx.wiki, page, revision });
  return { etag: htmlEtag(revision, document, flavor), document };
}

/** The redirect's target page title, when the revision is a wiki redirect to a valid title. */
function wikiRedirect(wiki: Wiki, revision: RevisionRecord): ReturnType<typeof parseTitle> {
  const target = redirectTarget(revision.content);
  return target === null ? null : parseTitle(wiki, target);
}

export function pageHandler(flavor: PageFlavor): RestHandler {
  return (ctx) => {
    // Handler::checkPreconditions runs before the handler: a match is a 304 with the requested page's own
    // ETag, ahead of the normalization 301 and the wiki-redirect 307 (§6.9).
    const conditional = ctx.req.headers["if-none-match"] !== undefined || ctx.req.headers["if-modified-since"] !== undefined;
    const asked = conditional ? resolvePathTitle(ctx, SUFFIX[flavor], { normalize: false }) : null;
    const askedPage = asked?.ok ? findPage(ctx.store, ctx.wiki, asked.title) : undefined;
    let rendered: { page: PageRecord; revision: RevisionRecord; etag: string; document: string | null } | null = null;
    if (askedPage) {
      const revision = latestRevision(ctx.store, askedPage);
      rendered = { page: askedPage, revision, ...validators(ctx, flavor, askedPage, revision) };
      const unchanged = notModified(ctx, rendered.etag, revision.timestamp);
      if (unchanged) return unchanged;
    }
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
    const targetUrl = target ? `${routeUrl(ctx, ctx.wiki, pageRoute(target.dbKey, SUFFIX[flavor]))}?redirect=no` : null;
    const known = rendered && rendered.page.id === page.id && rendered.revision.id === revision.id ? rendered : null;
    return pageResponse(ctx, flavor, page, revision, targetUrl, known ?? undefined);
  };
}

export function pageResponse(
  ctx: Ctx & { wiki: Wiki },
  flavor: PageFlavor,
  page: PageRecord,
  revision: RevisionRecord,
  redirectTargetUrl: string | null,
  known: { etag: string; document: string | null } = validators(ctx, flavor, page, revision),
): SandboxResponse {
  const metadata = pageMetadata(page, revision);
  const htmlUrl = routeUrl(ctx, ctx.wiki, pageRoute(metadata.key, "/html"));
  const unchanged = notModified(ctx, known.etag, revision.timestamp);
  if (unchanged) return unchanged;
  if (known.document === null) {
    const body = {
      ...metadata,
      ...(flavor === "source" ? { source: revision.content } : {}),
      html_url: htmlUrl,
      ...(redirectTargetUrl ? { redirect_target: redirectTargetUrl } : {}),
    };
    return json(200, body, conditionalHeaders(known.etag, revision.timestamp));
  }
  const headers = { ...conditionalHeaders(known.etag, revision.timestamp), "content-language": ctx.wiki.lang };
  if (flavor === "html") return html(200, known.document, { ...headers, "content-type": HTML_CONTENT_TYPE });
  return json(200, { ...metadata, html: known.document }, headers);
}
