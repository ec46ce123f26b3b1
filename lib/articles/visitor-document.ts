/**
 * The article page as a visitor gets it, as one complete HTML document built as a string, without React
 * (docs/decisions/020-visitor-pages.md): the same chrome, landmarks, headings, links, forms and texts as
 * the React page (app/wiki/[site]/[...title]/article-view.tsx) shows a visitor, and the article's
 * sanitized HTML once. There is no script in it at all, so there is no nonce in it either: the bytes of
 * one rendering can be sent to every visitor, each response with its own Content-Security-Policy header.
 *
 * Its words are the React page's, through the same message keys, in the visitor's language (chosen in
 * proxy.ts: lib/articles/visitor-route.ts); the article keeps its own `lang` and `dir` inside an
 * interface that follows the visitor's, and titles and names from the wiki sit in `<bdi>`.
 *
 * Everything from upstream, from the URL or from a message is escaped as text here; only `article.html`,
 * the output of sanitizeArticleHtml (docs/security-requirements.md item 37), and Codex's own icons go in
 * as markup.
 */
import { cdxIconArticle, cdxIconEdit, cdxIconHistory, cdxIconLinkExternal, cdxIconLanguage, cdxIconLogIn, cdxIconLogoWikimedia, cdxIconSearch } from "@wikimedia/codex-icons";
import type { Icon as CodexIcon } from "@wikimedia/codex-icons";
import type { MessageKey } from "@/lib/i18n/catalog";
import { describeFailure } from "@/lib/i18n/errors";
import { AUTONYMS, directionOf, SHIPPED_LANGUAGES } from "@/lib/i18n/languages";
import { shippedLanguageOf } from "@/lib/i18n/negotiate";
import type { MessageParam, Translator } from "@/lib/i18n/translate";
import { escapeHtml } from "@/lib/ui/escape-html";
import { iconSvg } from "@/lib/ui/icon";
import { pageTitle, siteDescription } from "@/lib/ui/site-meta";
import { wikiHref, type WikiAction } from "@/lib/ui/wiki/address";
import { articleDocumentTitle, displayTitle, formatTimestamp, switcherWikis, toolbarLabels, toolsLabels } from "@/lib/ui/wiki/article-parts";
import type { DescribedError } from "@/lib/wikimedia/errors";
import type { Site } from "@/lib/wikimedia/sites";
import type { Article } from "./read";

/** The `<main>` id, the skip link's target (app/_components/site-header.tsx's MAIN_ID). */
const MAIN_ID = "content";

/** What every visitor document needs besides the page itself. */
export interface VisitorDocumentBase {
  /** The React pages' stylesheets, as root-relative URLs (lib/articles/stylesheets.ts). */
  stylesheets: readonly string[];
  /** The visitor's interface language and its words. */
  t: Translator;
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

/** lib/i18n/message.tsx's `<Message>` as a string: the message's text escaped, each element (markup built here) at its `$n`. */
function messageHtml(t: Translator, key: MessageKey, elements: string[], ...params: MessageParam[]): string {
  return t
    .parts(key, elements.length, ...params)
    .map((piece) => (typeof piece === "number" ? (elements[piece] ?? "") : escapeHtml(piece)))
    .join("");
}

/** Text from the wiki (a title, a name) inside the interface's sentences, isolated as MediaWiki does. */
function bdi(text: string): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}

function languageAttributes(lang: string, dir: "ltr" | "rtl"): string {
  return `lang="${escapeHtml(lang)}" dir="${dir === "rtl" ? "rtl" : "ltr"}"`;
}

function icon(t: Translator, codexIcon: CodexIcon, size?: number): string {
  return iconSvg(codexIcon, size, t.dir, t.language);
}

function documentHtml({ stylesheets, t }: VisitorDocumentBase, title: string, body: string): string {
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join("");
  return (
    `<!DOCTYPE html>\n<html ${languageAttributes(t.language, t.dir)}><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">` +
    `<title>${escapeHtml(pageTitle(t, title))}</title><meta name="description" content="${escapeHtml(siteDescription(t))}">` +
    `<link rel="icon" href="/icon.svg" type="image/svg+xml" sizes="any">${links}</head>\n` +
    `<body class="min-h-screen antialiased">${body}</body></html>\n`
  );
}

/** app/_components/site-header.tsx for a visitor, the sign-in button a link to the sign-in page. */
function siteHeader(t: Translator, page: RequestedPage | null): string {
  const signIn = page ? signInHref(page) : "/sign-in";
  return (
    `<a href="#${MAIN_ID}" class="wikiport-skip-link">${escapeHtml(t.msg("wikiport-header-skip-link"))}</a>` +
    `<header class="border-b border-cdx-border-subtle"><div class="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-4 px-6 py-3">` +
    `<a href="/" class="flex items-center gap-2 font-bold text-cdx-emphasized no-underline">${icon(t, cdxIconLogoWikimedia, 24)}<span>${escapeHtml(t.msg("wikiport-site-name"))}</span></a>` +
    `<div class="flex flex-wrap items-center gap-3">` +
    `<a href="${escapeHtml(signIn)}" class="cdx-button-primary">${icon(t, cdxIconLogIn)}${escapeHtml(t.msg("wikiport-signin-button"))}</a>` +
    languagePicker(t) +
    `</div></div></header>`
  );
}

/**
 * The header's language picker (app/_components/language-picker.tsx) as plain HTML: the same form, posted
 * to the route that stands in for its server action (app/language/route.ts).
 */
function languagePicker(t: Translator): string {
  const current = shippedLanguageOf(t.language);
  const options = SHIPPED_LANGUAGES.map(
    (code) => `<option value="${code}" lang="${code}" dir="${directionOf(code)}"${code === current ? " selected" : ""}>${escapeHtml(AUTONYMS[code])}</option>`,
  ).join("");
  return (
    `<form action="/language" method="post" class="flex items-center gap-1">` +
    `<label for="wikiport-language" class="flex items-center text-cdx-subtle">${icon(t, cdxIconLanguage)}<span class="sr-only">${escapeHtml(t.msg("wikiport-language-label"))}</span></label>` +
    `<select id="wikiport-language" name="language" class="rounded-cdx border border-cdx-border bg-cdx-bg-base px-1 py-1 text-sm">${options}</select>` +
    `<button type="submit" class="cdx-button text-sm">${escapeHtml(t.msg("wikiport-language-submit"))}</button></form>`
  );
}

/** WikiTools: the search form and the wiki switcher, plain GET forms to /search. */
function wikiTools(t: Translator, site: Site, title: string): string {
  const labels = toolsLabels(t, site.host);
  const options = switcherWikis(site.host)
    .map((host) => `<option value="${escapeHtml(host)}"${host === site.host ? " selected" : ""}>${escapeHtml(host)}</option>`)
    .join("");
  return (
    `<div class="flex flex-wrap items-end justify-between gap-4 text-sm">` +
    `<form action="/search" method="get" role="search" class="flex items-end gap-2">` +
    `<input type="hidden" name="site" value="${escapeHtml(site.host)}">` +
    `<label class="flex flex-col gap-1"><span class="text-cdx-subtle">${escapeHtml(labels.search)}</span>` +
    `<input type="search" name="q" required maxlength="300" class="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1"></label>` +
    `<button type="submit" class="cdx-button">${icon(t, cdxIconSearch, 16)}${escapeHtml(labels.searchButton)}</button></form>` +
    `<form action="/search" method="get" class="flex items-end gap-2">` +
    `<input type="hidden" name="go" value="${escapeHtml(displayTitle(title))}">` +
    `<label class="flex flex-col gap-1"><span class="text-cdx-subtle">${escapeHtml(labels.switcher)}</span>` +
    `<select name="site" class="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1">${options}</select></label>` +
    `<button type="submit" class="cdx-button">${escapeHtml(labels.go)}</button></form>` +
    `</div>`
  );
}

/** WikiToolbar: Read · Edit · History · View on <host>, "Read" current. A visitor has no Watch button. */
function wikiToolbar(t: Translator, site: Site, title: string, wikiUrl: string): string {
  const labels = toolbarLabels(t, site.host);
  const item = (action: WikiAction, codexIcon: CodexIcon, label: string) => {
    const current = action === "view";
    return (
      `<li><a href="${escapeHtml(wikiHref(site, title, action))}"${current ? ` aria-current="page"` : ""} ` +
      `class="flex items-center gap-1${current ? " font-bold text-cdx-emphasized no-underline" : ""}">${icon(t, codexIcon, 16)}${escapeHtml(label)}</a></li>`
    );
  };
  return (
    `<nav aria-label="${escapeHtml(labels.nav)}" class="border-b border-cdx-border-subtle pb-2"><ul class="flex flex-wrap items-center gap-4 text-sm">` +
    item("view", cdxIconArticle, labels.view) +
    item("edit", cdxIconEdit, labels.edit) +
    item("history", cdxIconHistory, labels.history) +
    `<li><a href="${escapeHtml(wikiUrl)}" rel="noopener noreferrer" class="flex items-center gap-1">${icon(t, cdxIconLinkExternal, 16)}${escapeHtml(labels.onWiki)}</a></li>` +
    `</ul></nav>`
  );
}

/** WikiPageFrame for a visitor: header, then `<main>` with the tools, the toolbar and the page. */
function pageFrame(t: Translator, requested: RequestedPage, frameTitle: string, wikiUrl: string, content: string): string {
  return (
    siteHeader(t, requested) +
    `<main id="${MAIN_ID}" class="mx-auto flex max-w-4xl flex-col gap-4 px-6 py-8">` +
    wikiTools(t, requested.site, frameTitle) +
    wikiToolbar(t, requested.site, frameTitle, wikiUrl) +
    content +
    `</main>`
  );
}

export interface VisitorArticleInput extends VisitorDocumentBase {
  requested: RequestedPage;
  article: Article;
}

/** A page that exists: the whole document, the article's sanitized HTML once. */
export function renderVisitorArticle({ requested, article, ...base }: VisitorArticleInput): string {
  const { t } = base;
  const { site } = requested;
  const heading =
    `<div><h1 class="text-3xl font-bold text-cdx-emphasized" ${languageAttributes(article.lang, article.dir)}>${escapeHtml(article.displayTitle)}</h1>` +
    (article.redirectedFrom ? `<p class="text-sm text-cdx-subtle">${messageHtml(t, "wikiport-article-redirected-from", [bdi(article.redirectedFrom)])}</p>` : "") +
    `</div>`;
  // Only ever the output of sanitizeArticleHtml (lib/articles/sanitize.ts, docs/security-requirements.md item 37).
  const body = `<div ${languageAttributes(article.lang, article.dir)} class="wikiport-article">${article.html}</div>`;
  const attribution =
    `<footer class="border-t border-cdx-border-subtle pt-3 text-sm text-cdx-subtle"><p>` +
    messageHtml(t, "wikiport-attribution-text", [
      `<a href="${escapeHtml(article.wikiUrl)}" rel="noopener noreferrer">${bdi(article.title)}</a>`,
      bdi(article.credit ?? site.host),
      `<a href="${escapeHtml(article.licence.url)}" rel="license noopener noreferrer">${bdi(article.licence.title)}</a>`,
      `<time datetime="${escapeHtml(article.lastModified)}">${escapeHtml(formatTimestamp(t, article.lastModified))}</time>`,
    ]) +
    `</p></footer>`;
  return documentHtml(base, articleDocumentTitle(t, requested.title, site.host), pageFrame(t, requested, article.key, article.wikiUrl, heading + body + attribution));
}

export interface VisitorProblemInput extends VisitorDocumentBase {
  requested: RequestedPage;
  /** The requested page on the wiki itself, for "View on <host>". */
  wikiUrl: string;
  error: DescribedError;
}

/** A page that does not exist, or a wiki that did not answer: the frame, the title, and what to do. */
export function renderVisitorProblem({ requested, wikiUrl, error, ...base }: VisitorProblemInput): string {
  const { t } = base;
  const { site, title } = requested;
  const heading = `<h1 class="text-3xl font-bold text-cdx-emphasized" ${languageAttributes(site.lang, site.dir)}>${escapeHtml(displayTitle(title))}</h1>`;
  const box =
    error.code === "not_found"
      ? `<div role="alert" class="rounded-cdx border border-cdx-warning bg-cdx-bg-warning-subtle p-4"><p>${escapeHtml(t.msg("wikiport-article-missing", site.host))}</p>` +
        `<p class="mt-2 text-cdx-subtle">${escapeHtml(t.msg("wikiport-article-missing-visitor-hint"))}</p></div>`
      : `<div role="alert" class="rounded-cdx border border-cdx-error bg-cdx-bg-error-subtle p-4"><p>${escapeHtml(describeFailure(t, error))}</p></div>`;
  return documentHtml(base, articleDocumentTitle(t, title, site.host), pageFrame(t, requested, title, wikiUrl, heading + box));
}

/** An address that names no wiki or no possible title: a 404 with the header and a way on. */
export function renderVisitorNotFound(base: VisitorDocumentBase): string {
  const { t } = base;
  return documentHtml(
    base,
    t.msg("wikiport-visitor-not-found-title"),
    siteHeader(t, null) +
      `<main id="${MAIN_ID}" class="mx-auto flex max-w-4xl flex-col gap-4 px-6 py-8">` +
      `<h1 class="text-3xl font-bold text-cdx-emphasized">${escapeHtml(t.msg("wikiport-visitor-not-found-title"))}</h1>` +
      `<p>${messageHtml(t, "wikiport-visitor-not-found-text", [`<a href="/">${escapeHtml(t.msg("wikiport-visitor-not-found-link"))}</a>`])}</p>` +
      `</main>`,
  );
}
