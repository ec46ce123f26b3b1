/**
 * A signed-in reader's article in one upstream request once warm (docs/decisions/021-signed-in-reads.md).
 * Each view asks the wiki, with the reader's own token, one cheap question: `action=query&prop=info` for
 * the page's latest revision, its `touched` time, whether this reader may read it and whether they watch
 * it (the watch button needs that anyway). The full page (`/page/{title}/with_html`, read.ts) is fetched
 * only when that revision or time differs from the page this process last read for anyone, so an
 * author sees their own edit (or anyone's) on the very next view.
 *
 * What is kept, per wiki and requested title, is only what is the same for every reader: the revision's
 * sanitized HTML and the page's metadata (Wikimedia renders article HTML with anonymous parser options,
 * docs/wikimedia-protocol.md §6.9). It is shown to a reader only after the wiki answered *them* that the
 * page is readable and unchanged; whether they watch it is never kept.
 */
import { LRUCache } from "lru-cache";
import { CACHE_BUDGET, stringBytes } from "@/lib/cache-budget";
import { z } from "zod";
import { describeWikimediaError } from "@/lib/wikimedia/errors";
import type { ActionClient } from "@/lib/wikimedia/action";
import type { Credential } from "@/lib/wikimedia/http";
import type { Site } from "@/lib/wikimedia/sites";
import { readArticle, type Article, type ReadDeps, type ReadResult } from "./read";

interface KnownPage {
  revisionId: number;
  /** `page_touched`: moves when the page must be rendered again without a new revision (a template edit). */
  touched: string;
  article: Article;
}

export interface KnownPagesOptions {
  /** Upper bound of the kept pages, in bytes of HTML and metadata as V8 holds them. */
  maxSize?: number;
}

/** The last page read for any signed-in reader, per (wiki, title as asked), bounded in size (LRU). */
export function createKnownPages(options: KnownPagesOptions = {}) {
  return new LRUCache<string, KnownPage>({
    maxSize: options.maxSize ?? CACHE_BUDGET.signedInPages,
    // The HTML string is the one html-cache holds, so this counts it twice at worst: an upper bound.
    sizeCalculation: (page, key) => stringBytes(key) + page.touched.length + stringBytes(page.article.html) + metadataSize(page.article),
  });
}

export type KnownPages = ReturnType<typeof createKnownPages>;

function metadataSize(article: Article): number {
  const { html: _html, ...rest } = article;
  return JSON.stringify(rest).length;
}

export interface SignedInReadDeps extends ReadDeps {
  action: ActionClient;
  known: KnownPages;
}

export interface SignedInArticle {
  result: ReadResult<Article>;
  /** Whether the reader watches the page; null when the wiki did not say. */
  watched: boolean | null;
}

// ApiQueryInfo with formatversion=2 (docs/wikimedia-protocol.md §6.9): one entry per title, after
// normalization and the redirect (`redirects=1`), so it describes the page with_html would show.
const checkSchema = z.object({
  query: z
    .object({
      pages: z.array(
        z
          .object({
            missing: z.boolean().optional(),
            invalid: z.boolean().optional(),
            lastrevid: z.number().int().optional(),
            touched: z.string().optional(),
            watched: z.boolean().optional(),
            actions: z.object({ read: z.boolean().optional() }).passthrough().optional(),
          })
          .passthrough(),
      ),
    })
    .optional(),
});

interface PageCheck {
  /** The latest revision and touched time, when the page exists and the wiki says this reader may read it. */
  readable: { revisionId: number; touched: string } | null;
  watched: boolean;
}

async function checkPage(action: ActionClient, as: Credential, site: Site, title: string): Promise<PageCheck> {
  const data = await action.get(
    as,
    site,
    { action: "query", prop: "info", inprop: "watched", intestactions: "read", titles: [title], redirects: true },
    checkSchema,
  );
  const page = data.query?.pages[0];
  const readable =
    page && !page.missing && !page.invalid && page.actions?.read === true && page.lastrevid !== undefined && page.touched !== undefined
      ? { revisionId: page.lastrevid, touched: page.touched }
      : null;
  // Without the `viewmywatchlist` grant the wiki leaves `watched` out: shown as not watched.
  return { readable, watched: page?.watched ?? false };
}

export async function readArticleAsUser(deps: SignedInReadDeps, as: Credential, site: Site, title: string): Promise<SignedInArticle> {
  let check: PageCheck;
  try {
    check = await checkPage(deps.action, as, site, title);
  } catch (error) {
    return { result: { ok: false, error: describeWikimediaError(error) }, watched: null };
  }
  const key = `${site.host}\u0000${title}`;
  const known = deps.known.get(key);
  const now = check.readable;
  if (known && now && known.revisionId === now.revisionId && known.touched === now.touched) {
    return { result: { ok: true, value: known.article }, watched: check.watched };
  }
  // Changed, new to this process, missing or not readable: the full read says which, as for a visitor.
  const result = await readArticle(deps, as, site, title);
  // Kept only when both answers describe the same revision: an edit between them is caught next time.
  if (result.ok && now && result.value.revisionId === now.revisionId) {
    deps.known.set(key, { revisionId: now.revisionId, touched: now.touched, article: result.value });
  } else {
    deps.known.delete(key);
  }
  return { result, watched: check.watched };
}
