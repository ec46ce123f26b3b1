/**
 * A visitor's article view without React (docs/decisions/020-visitor-pages.md): proxy.ts answers
 * `GET /wiki/<site>/<title>` without a session cookie from here (wired to the process in visitor-server.ts).
 * - The page comes through the visitor cache (visitor-cache.ts: a minute per page, served stale while one
 *   request refreshes it, failures kept briefly, visitors taking turns for the app token).
 * - Its document (visitor-document.ts) is rendered once per (interface language, wiki, requested title,
 *   page, revision) and kept as bytes, bounded in bytes: a new revision is a new key, so an edit shows
 *   once the visitor cache has the new revision, and nothing else can make a kept document stale. The
 *   page read from the wiki is the same for every language (only the chrome around it differs), so
 *   visitors in several languages still make one upstream read per page.
 * - The language is the visitor's (proxy.ts chooses it: visitor-route.ts's visitorLanguage), never a
 *   guess from a kept document: a German page is never served to a French visitor.
 * - The document holds no nonce, session or user data (it has no script, and nothing here reads a
 *   cookie): the same bytes go to every visitor, and each response gets its own security headers,
 *   fresh nonce included, from proxy.ts.
 * Errors (a missing page, a wiki that did not answer) are rendered per request and never kept here; the
 * visitor cache already keeps them briefly.
 */
import { LRUCache } from "lru-cache";
import { CACHE_BUDGET } from "@/lib/cache-budget";
import { translatorFor } from "@/lib/i18n/translate";
import { parseWikiAddress } from "@/lib/ui/wiki/address";
import type { Site } from "@/lib/wikimedia/sites";
import type { Article, ReadResult } from "./read";
import { renderVisitorArticle, renderVisitorNotFound, renderVisitorProblem } from "./visitor-document";

/** What Next.js sends for a per-request page: no shared cache may keep an answer with a per-request policy. */
export const VISITOR_CACHE_CONTROL = "private, no-cache, no-store, max-age=0, must-revalidate";

/**
 * The request headers the document's language is chosen from besides the URL's `?uselang` (which is
 * part of any cache's key already): `Accept-Language`, and `Cookie` for the language picker's cookie.
 * No shared cache keeps these answers (VISITOR_CACHE_CONTROL); should an operator's cache in front
 * override that, `Vary` still keeps a German page from a French visitor. `Cookie` makes such a cache
 * key on every cookie, which costs hits but never serves the wrong language.
 */
export const VISITOR_VARY = "Accept-Language, Cookie";

/** Default bound of the kept documents: a few hundred articles, a few MiB of the process's memory budget. */
export const VISITOR_DOCUMENTS_MAX_BYTES = CACHE_BUDGET.visitorDocuments;

export interface VisitorPagesDeps {
  /** The page as a visitor sees it, through the visitor cache; `client` is the visitor's address, for fair turns. */
  read(site: Site, title: string, client: string): Promise<ReadResult<Article>>;
  /** The wiki's own address of a page, for "View on <host>" when there is no article to take it from. */
  wikiPageUrl(site: Site, title: string): string;
  /** The React page's stylesheets (stylesheets.ts). */
  stylesheets(): readonly string[];
  /** Upper bound of the kept documents, in bytes. */
  maxBytes?: number;
}

export interface VisitorAnswer {
  status: number;
  /** The complete document; shared between answers, never written to. */
  body: Buffer;
}

/**
 * The address part after `/wiki/` or `/visitor-wiki/` (Next.js may hand a rewritten route either the
 * original or the rewritten path: only what follows the first segment is read), as the React page
 * parses it, with the query.
 */
function addressOf(url: URL) {
  const segments = url.pathname.split("/").slice(2);
  if (segments.length > 2 && segments.at(-1) === "") segments.pop();
  const [site, ...title] = segments;
  if (site === undefined || title.length === 0) return null;
  return parseWikiAddress({ site, title }, "encoded", Object.fromEntries(url.searchParams));
}

export function createVisitorPages(deps: VisitorPagesDeps) {
  const documents = new LRUCache<string, Buffer>({
    maxSize: deps.maxBytes ?? VISITOR_DOCUMENTS_MAX_BYTES,
    sizeCalculation: (document, key) => document.length + key.length,
  });

  function document(language: string, site: Site, title: string, article: Article): Buffer {
    // The language first: the same revision in another language is another document. The revision and
    // the page it belongs to (a redirect's target can change), as well as what was asked for.
    const key = [language, site.host, title, article.key, article.revisionId].join("\u0000");
    const kept = documents.get(key);
    if (kept) return kept;
    const t = translatorFor(language);
    const bytes = Buffer.from(renderVisitorArticle({ requested: { site, title }, article, stylesheets: deps.stylesheets(), t }), "utf8");
    documents.set(key, bytes);
    return bytes;
  }

  return {
    /**
     * The answer to a visitor's view of `url` (`/wiki/<site>/<title>`, any query but another action) from
     * `client`, in the interface `language` chosen for them (lib/i18n/negotiate.ts's chooseLanguage).
     */
    async answer(url: URL, client: string, language: string): Promise<VisitorAnswer> {
      const notFound = () => ({ status: 404, body: Buffer.from(renderVisitorNotFound({ stylesheets: deps.stylesheets(), t: translatorFor(language) }), "utf8") });
      const address = addressOf(url);
      if (!address) return notFound();
      const { site, title } = address;
      const result = await deps.read(site, title, client);
      if (result.ok) return { status: 200, body: document(language, site, title, result.value) };
      // A title the wiki cannot have is a bad address, like an unknown wiki (as on the React page).
      if (result.error.code === "invalid_title") return notFound();
      const t = translatorFor(language);
      const html = renderVisitorProblem({ requested: { site, title }, wikiUrl: deps.wikiPageUrl(site, title), error: result.error, stylesheets: deps.stylesheets(), t });
      return { status: 200, body: Buffer.from(html, "utf8") };
    },
    /** Bytes held by the kept documents (keys included). */
    get bytes(): number {
      return documents.calculatedSize;
    },
  };
}

export type VisitorPages = ReturnType<typeof createVisitorPages>;

/** The response for an answer: the document and its own headers; proxy.ts adds the security headers. */
export function visitorResponse(answer: VisitorAnswer, method: string): Response {
  // A view of the kept bytes (Response copies them); Buffers are never SharedArrayBuffer-backed.
  const body = new Uint8Array(answer.body.buffer as ArrayBuffer, answer.body.byteOffset, answer.body.length);
  return new Response(method === "HEAD" ? null : body, {
    status: answer.status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-length": String(answer.body.length),
      "cache-control": VISITOR_CACHE_CONTROL,
      vary: VISITOR_VARY,
    },
  });
}
