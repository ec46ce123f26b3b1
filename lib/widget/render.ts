/**
 * The card's HTML: complete, server-rendered documents with inline CSS and the one tiny script (no
 * framework). Pure functions of their inputs, so a rendering can be cached per (wiki, revision, options).
 * Everything from upstream or from the URL is escaped as text here; nothing is parsed as HTML.
 */
import { wikiHref } from "@/lib/ui/wiki/address";
import type { Site } from "@/lib/wikimedia/sites";
import { FRAME_SCRIPT } from "./frame-script";
import { messagesFor, t, type CardErrorKind } from "./messages";
import type { CardOptions } from "./options";
import { CARD_CSS } from "./styles";
import type { CardSummary } from "./summary";
import { escapeHtml } from "@/lib/ui/escape-html";

/**
 * The card names a Creative Commons licence by its short name ("CC BY-SA 4.0"), read from the licence's
 * own URL, so the line keeps today's length in the card's fixed frame; any other licence by its title.
 */
function cardLicenceName(licence: { title: string; url: string }): string {
  const cc = /^https:\/\/creativecommons\.org\/licenses\/(by(?:-sa|-nd|-nc|-nc-sa|-nc-nd)?)\/(\d\.\d)\//.exec(licence.url);
  return cc ? `CC ${cc[1]!.toUpperCase()} ${cc[2]}` : licence.title;
}

/** A registered widget's part of the card: its id, allow-list (for the script's postMessage) and button. */
export interface CardEmbed {
  id: string;
  allowedOrigins: readonly string[];
  watchButton: boolean;
}

/** A message template with `{name}` placeholders filled by ready-made HTML; the template's own text is escaped. */
function tHtml(template: string, html: Record<string, string>): string {
  return template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name !== undefined && name in html ? html[name]! : escapeHtml(part);
    })
    .join("");
}

function link(href: string, text: string, rel = "noopener noreferrer"): string {
  return `<a href="${escapeHtml(href)}" target="_blank" rel="${rel}">${escapeHtml(text)}</a>`;
}

interface DocumentInput {
  options: CardOptions;
  /** Wikiport's origin, for the script (the popup's origin) and links. */
  appOrigin: string;
  title: string;
  body: string;
  embed?: CardEmbed | undefined;
  article?: { wiki: string; title: string } | undefined;
}

function documentHtml(input: DocumentInput): string {
  const m = messagesFor(input.options.lang);
  const data: Record<string, string> = { origin: input.appOrigin };
  if (input.embed) {
    data.embed = input.embed.id;
    data.allowed = input.embed.allowedOrigins.join(" ");
  }
  if (input.article) {
    data.wiki = input.article.wiki;
    data.title = input.article.title;
  }
  const attributes = Object.entries(data)
    .map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`)
    .join("");
  return (
    `<!doctype html>\n<html lang="${input.options.lang}" dir="${m.dir}" data-theme="${input.options.theme}" data-layout="${input.options.layout}"${attributes}>\n` +
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark">` +
    `<title>${escapeHtml(input.title)}</title><style>${CARD_CSS}</style></head>\n` +
    `<body>\n${input.body}\n<script>${FRAME_SCRIPT}</script>\n</body>\n</html>\n`
  );
}

export interface CardInput {
  site: Site;
  summary: CardSummary;
  options: CardOptions;
  appOrigin: string;
  embed?: CardEmbed;
}

export function renderCard({ site, summary, options, appOrigin, embed }: CardInput): string {
  const m = messagesFor(options.lang);
  const wikiport = new URL(wikiHref(site, summary.title), appOrigin).href;
  const paragraphs = summary.extract.split("\n").filter(Boolean);
  const content = [
    summary.thumbnail
      ? `<img class="thumb" src="${escapeHtml(summary.thumbnail.url)}" width="${summary.thumbnail.width}" height="${summary.thumbnail.height}" alt="${escapeHtml(t(m.imageAlt, { title: summary.title }))}" loading="lazy" decoding="async" referrerpolicy="no-referrer">`
      : "",
    `<h1>${escapeHtml(summary.title)}</h1>`,
    summary.description ? `<p class="desc">${escapeHtml(summary.description)}</p>` : "",
    paragraphs.length > 0 ? `<div class="extract">${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join("")}</div>` : "",
  ].join("");
  const links = [
    `<li>${link(wikiport, m.readOnWikiport)}</li>`,
    `<li>${link(summary.wikiUrl, t(m.readOnWiki, { wiki: summary.wiki }))}</li>`,
    embed?.watchButton ? `<li><button type="button" id="wp-watch" data-done="${escapeHtml(m.watching)}">${escapeHtml(m.watch)}</button></li>` : "",
  ].join("");
  const attribution = tHtml(m.attribution, {
    title: link(summary.wikiUrl, summary.title),
    wiki: escapeHtml(summary.credit ?? summary.wiki),
    licence: link(summary.licence.url, cardLicenceName(summary.licence), "license noopener noreferrer"),
  });
  const body =
    `<article class="card">` +
    // The article's text is in the wiki's language and direction; the card's own words in the interface's.
    `<div lang="${escapeHtml(summary.lang)}" dir="${summary.dir}">${content}</div>` +
    `<ul class="links">${links}</ul>` +
    `<p class="attribution">${attribution}</p>` +
    `</article>`;
  return documentHtml({ options, appOrigin, title: `${summary.title} — ${summary.wiki}`, body, embed, article: { wiki: summary.wiki, title: summary.title } });
}

export interface MessageInput {
  kind: CardErrorKind;
  options: CardOptions;
  appOrigin: string;
  /** Values for the message's placeholders: `detail`, `title`, `wiki`, `seconds`. */
  values?: Record<string, string | number>;
  embed?: CardEmbed;
}

/** A card that explains what went wrong, in the card's language, instead of an error page. */
export function renderMessage({ kind, options, appOrigin, values = {}, embed }: MessageInput): string {
  const m = messagesFor(options.lang);
  const heading = m.errorTitle[kind];
  const text = t(m.errorText[kind], { wiki: "the wiki", title: "", detail: "", ...values }).trim();
  const body = `<article class="card message" role="alert"><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p></article>`;
  return documentHtml({ options, appOrigin, title: heading, body, embed });
}

