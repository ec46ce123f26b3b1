/**
 * The article page as a visitor gets it, as one complete HTML document built as a string, without React
 * (docs/decisions/020-visitor-pages.md): the same chrome, landmarks, headings, links, forms and texts as
 * the React page (app/wiki/[site]/[...title]/article-view.tsx) shows a visitor, and the article's
 * sanitized HTML once. There is no script in it at all, so there is no nonce in it either: the bytes of
 * one rendering can be sent to every visitor, each response with its own Content-Security-Policy header.
 *
 * Everything from upstream or from the URL is escaped as text here; only `article.html`, the output of
 * sanitizeArticleHtml (docs/security-requirements.md item 37), and Codex's own icons go in as markup.
 */
import { cdxIconArticle, cdxIconEdit, cdxIconHistory, cdxIconLinkExternal, cdxIconLogIn, cdxIconLogoWikimedia, cdxIconSearch } from "@wikimedia/codex-icons";
import type { Icon as CodexIcon } from "@wikimedia/codex-icons";
import { iconSvg } from "@/lib/ui/icon";
import { wikiHref, type WikiAction } from "@/lib/ui/wiki/address";
import { displayTitle, formatTimestamp, MISSING_PAGE_VISITOR_HINT, switcherWikis } from "@/lib/ui/wiki/article-parts";
import { pageTitle, SITE_DESCRIPTION } from "@/lib/ui/site-meta";
import type { DescribedError } from "@/lib/wikimedia/errors";
import type { Site } from "@/lib/wikimedia/sites";
import type { Article } from "./read";
import { escapeHtml } from "@/lib/ui/escape-html";

/** The `<main>` id, the skip link's target (app/_components/site-header.tsx's MAIN_ID). */
const MAIN_ID = "content";

/** What every visitor document needs besides the page itself. */
export interface VisitorDocumentBase {
  /** The React pages' stylesheets, as root-relative URLs (lib/articles/stylesheets.ts). */
  stylesheets: readonly string[];
}

/** The address as the visitor asked for it. */
export interface RequestedPage {
  site: Site;
  /** DB-key form (underscores), as in the path. */
  title: string;
}

/** Where "Sign in" brings the visitor back to: this page (app/sign-in validates it again). */
export function signInHref(page: RequestedPage): string {
  return `/sign-in?${new URLSearchParams({ callbackUrl: wikiHref(page.site, page.title) }).toString()}`;
}

function documentHtml(base: VisitorDocumentBase, title: string, body: string): string {
  const stylesheets = base.stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join("");
  return (
    `<!DOCTYPE html>\n<html lang="en" dir="ltr"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">` +
    `<title>${escapeHtml(pageTitle(title))}</title><meta name="description" content="${escapeHtml(SITE_DESCRIPTION)}">` +
    `<link rel="icon" href="/icon.svg" type="image/svg+xml" sizes="any">${stylesheets}</head>\n` +
    `<body class="min-h-screen antialiased">${body}</body></html>\n`
  );
}

/** app/_components/site-header.tsx for a visitor, the sign-in button a link to the sign-in page. */
function siteHeader(page: RequestedPage | null): string {
  const signIn = page ? signInHref(page) : "/sign-in";
  return (
    `<a href="#${MAIN_ID}" class="wikiport-skip-link">Skip to content</a>` +
    `<header class="border-b border-cdx-border-subtle"><div class="mx-auto flex max-w-3xl items-center justify-between gap-4 px-6 py-3">` +
    `<a href="/" class="flex items-center gap-2 font-bold text-cdx-emphasized no-underline">${iconSvg(cdxIconLogoWikimedia, 24)}<span>Wikiport</span></a>` +
    `<a href="${escapeHtml(signIn)}" class="cdx-button-primary">${iconSvg(cdxIconLogIn)}Sign in with Wikimedia</a>` +
    `</div></header>`
  );
}

/** WikiTools: the search form and the wiki switcher, plain GET forms to /search. */
function wikiTools(site: Site, title: string): string {
  const options = switcherWikis(site.host)
    .map((host) => `<option value="${escapeHtml(host)}"${host === site.host ? " selected" : ""}>${escapeHtml(host)}</option>`)
    .join("");
  return (
    `<div class="flex flex-wrap items-end justify-between gap-4 text-sm">` +
    `<form action="/search" method="get" role="search" class="flex items-end gap-2">` +
    `<input type="hidden" name="site" value="${escapeHtml(site.host)}">` +
    `<label class="flex flex-col gap-1"><span class="text-cdx-subtle">Search ${escapeHtml(site.host)}</span>` +
    `<input type="search" name="q" required maxlength="300" class="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1"></label>` +
    `<button type="submit" class="cdx-button">${iconSvg(cdxIconSearch, 16)}Search</button></form>` +
    `<form action="/search" method="get" class="flex items-end gap-2">` +
    `<input type="hidden" name="go" value="${escapeHtml(displayTitle(title))}">` +
    `<label class="flex flex-col gap-1"><span class="text-cdx-subtle">Read this title on another wiki</span>` +
    `<select name="site" class="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1">${options}</select></label>` +
    `<button type="submit" class="cdx-button">Go</button></form>` +
    `</div>`
  );
}

/** WikiToolbar: Read · Edit · History · View on <host>, "Read" current. A visitor has no Watch button. */
function wikiToolbar(site: Site, title: string, wikiUrl: string): string {
  const item = (action: WikiAction, icon: CodexIcon, label: string) => {
    const current = action === "view";
    return (
      `<li><a href="${escapeHtml(wikiHref(site, title, action))}"${current ? ` aria-current="page"` : ""} ` +
      `class="flex items-center gap-1${current ? " font-bold text-cdx-emphasized no-underline" : ""}">${iconSvg(icon, 16)}${label}</a></li>`
    );
  };
  return (
    `<nav aria-label="Page actions" class="border-b border-cdx-border-subtle pb-2"><ul class="flex flex-wrap items-center gap-4 text-sm">` +
    item("view", cdxIconArticle, "Read") +
    item("edit", cdxIconEdit, "Edit") +
    item("history", cdxIconHistory, "History") +
    `<li><a href="${escapeHtml(wikiUrl)}" rel="noopener noreferrer" class="flex items-center gap-1">${iconSvg(cdxIconLinkExternal, 16)}View on ${escapeHtml(site.host)}</a></li>` +
    `</ul></nav>`
  );
}

/** WikiPageFrame for a visitor: header, then `<main>` with the tools, the toolbar and the page. */
function pageFrame(requested: RequestedPage, frameTitle: string, wikiUrl: string, content: string): string {
  return (
    siteHeader(requested) +
    `<main id="${MAIN_ID}" class="mx-auto flex max-w-4xl flex-col gap-4 px-6 py-8">` +
    wikiTools(requested.site, frameTitle) +
    wikiToolbar(requested.site, frameTitle, wikiUrl) +
    content +
    `</main>`
  );
}

function languageAttributes(lang: string, dir: "ltr" | "rtl"): string {
  return `lang="${escapeHtml(lang)}" dir="${dir === "rtl" ? "rtl" : "ltr"}"`;
}

export interface VisitorArticleInput extends VisitorDocumentBase {
  requested: RequestedPage;
  article: Article;
}

/** A page that exists: the whole document, the article's sanitized HTML once. */
export function renderVisitorArticle({ requested, article, stylesheets }: VisitorArticleInput): string {
  const { site } = requested;
  const heading =
    `<div><h1 class="text-3xl font-bold text-cdx-emphasized" ${languageAttributes(article.lang, article.dir)}>${escapeHtml(article.displayTitle)}</h1>` +
    (article.redirectedFrom ? `<p class="text-sm text-cdx-subtle">(Redirected from ${escapeHtml(article.redirectedFrom)})</p>` : "") +
    `</div>`;
  // Only ever the output of sanitizeArticleHtml (lib/articles/sanitize.ts, docs/security-requirements.md item 37).
  const body = `<div ${languageAttributes(article.lang, article.dir)} class="wikiport-article">${article.html}</div>`;
  const attribution =
    `<footer class="border-t border-cdx-border-subtle pt-3 text-sm text-cdx-subtle"><p>` +
    `Text from <a href="${escapeHtml(article.wikiUrl)}" rel="noopener noreferrer">${escapeHtml(article.title)}</a> on ${escapeHtml(article.credit ?? site.host)}, available under the ` +
    `<a href="${escapeHtml(article.licence.url)}" rel="license noopener noreferrer">${escapeHtml(article.licence.title)}</a> licence; additional terms may apply. ` +
    `Last edited <time datetime="${escapeHtml(article.lastModified)}">${escapeHtml(formatTimestamp(article.lastModified))}</time>.</p></footer>`;
  return documentHtml({ stylesheets }, `${displayTitle(requested.title)} — ${site.host}`, pageFrame(requested, article.key, article.wikiUrl, heading + body + attribution));
}

export interface VisitorProblemInput extends VisitorDocumentBase {
  requested: RequestedPage;
  /** The requested page on the wiki itself, for "View on <host>". */
  wikiUrl: string;
  error: DescribedError;
}

/** A page that does not exist, or a wiki that did not answer: the frame, the title, and what to do. */
export function renderVisitorProblem({ requested, wikiUrl, error, stylesheets }: VisitorProblemInput): string {
  const { site, title } = requested;
  const heading = `<h1 class="text-3xl font-bold text-cdx-emphasized" ${languageAttributes(site.lang, site.dir)}>${escapeHtml(displayTitle(title))}</h1>`;
  const box =
    error.code === "not_found"
      ? `<div role="alert" class="rounded-cdx border border-cdx-warning bg-cdx-bg-warning-subtle p-4"><p>This page does not exist on ${escapeHtml(site.host)}.</p>` +
        `<p class="mt-2 text-cdx-subtle">${escapeHtml(MISSING_PAGE_VISITOR_HINT)}</p></div>`
      : `<div role="alert" class="rounded-cdx border border-cdx-error bg-cdx-bg-error-subtle p-4"><p>${escapeHtml(error.message)}</p></div>`;
  return documentHtml({ stylesheets }, `${displayTitle(title)} — ${site.host}`, pageFrame(requested, title, wikiUrl, heading + box));
}

/** An address that names no wiki or no possible title: a 404 with the header and a way on. */
export function renderVisitorNotFound({ stylesheets }: VisitorDocumentBase): string {
  return documentHtml(
    { stylesheets },
    "Page not found",
    siteHeader(null) +
      `<main id="${MAIN_ID}" class="mx-auto flex max-w-4xl flex-col gap-4 px-6 py-8">` +
      `<h1 class="text-3xl font-bold text-cdx-emphasized">Page not found</h1>` +
      `<p>This address names no wiki Wikiport reads, or no title a wiki can have. <a href="/">Open a page from the home page</a>.</p>` +
      `</main>`,
  );
}
