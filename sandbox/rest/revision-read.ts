/**
 * `GET /v1/revision/{id}[/bare|/html|/with_html]` (CORE RevisionSourceHandler, RevisionHTMLHandler):
 * one revision with its page, author, comment and size delta.
 */
import { byteLength, findPageById, getRevision, isoTimestamp } from "../content/pages";
import { HTML_CONTENT_TYPE, renderRevisionDocument, sha1 } from "../content/render";
import { restError } from "../errors";
import { html, json } from "../http";
import type { RevisionRecord } from "../state";
import { conditionalHeaders, LICENSE, notModified, parameterError, type RestHandler, routeUrl } from "./common";

export type RevisionFlavor = "source" | "bare" | "html" | "with_html";

function delta(revision: RevisionRecord, parent: RevisionRecord | undefined): number | null {
  return parent ? byteLength(revision.content) - byteLength(parent.content) : null;
}

export function revisionHandler(flavor: RevisionFlavor): RestHandler {
  return (ctx) => {
    const raw = ctx.params.id ?? "";
    if (!/^\d+$/.test(raw)) return parameterError("id", raw, "badinteger");
    const revision = getRevision(ctx.store, ctx.wiki, Number(raw));
    const page = revision && findPageById(ctx.store, ctx.wiki, revision.pageId);
    // RevisionContentHelper: the message alone, no `revid` in the body (seen on 1.39, contract/client-modules.test.ts).
    if (!revision || !page) return restError(404, "rest-nonexistent-revision", `The specified revision (${raw}) does not exist`);
    const parent = revision.parentId ? getRevision(ctx.store, ctx.wiki, revision.parentId) : undefined;
    const metadata = {
      id: revision.id,
      size: byteLength(revision.content),
      minor: revision.minor,
      timestamp: isoTimestamp(revision.timestamp),
      content_model: "wikitext",
      page: { id: page.id, key: page.title.replaceAll(" ", "_"), title: page.title },
      license: LICENSE,
      user: { id: revision.userId === 0 ? null : revision.userId, name: revision.userName },
      comment: revision.comment,
      delta: delta(revision, parent),
    };
    if (flavor === "source" || flavor === "bare") {
      const etag = `W/"${revision.id}"`;
      const unchanged = notModified(ctx, etag, revision.timestamp);
      if (unchanged) return unchanged;
      const extra = flavor === "source" ? { source: revision.content } : { html_url: routeUrl(ctx, ctx.wiki, `revision/${revision.id}/html`) };
      return json(200, { ...metadata, ...extra }, conditionalHeaders(etag, revision.timestamp));
    }
    const document = renderRevisionDocument(ctx.store, { wiki: ctx.wiki, page, revision });
    const etag = `W/"${revision.id}/${sha1(document).slice(0, 16)}"`;
    const unchanged = notModified(ctx, etag, revision.timestamp);
    if (unchanged) return unchanged;
    const headers = { ...conditionalHeaders(etag, revision.timestamp), "content-language": ctx.wiki.lang };
    if (flavor === "html") return html(200, document, { ...headers, "content-type": HTML_CONTENT_TYPE });
    return json(200, { ...metadata, html: document }, headers);
  };
}
