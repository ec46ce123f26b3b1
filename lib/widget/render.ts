/**
 * The card's HTML: complete, server-rendered documents with inline CSS and the one tiny script (no
 * framework). Pure functions of their inputs, so a rendering can be cached per (wiki, revision, options,
 * language). Everything from upstream, from the URL or from a translation is escaped as text here;
 * nothing is parsed as HTML.
 */
import type { Translator } from "@/lib/i18n/translate";
import { wikiHref } from "@/lib/ui/wiki/address";
import type { Site } from "@/lib/wikimedia/sites";
import { FRAME_SCRIPT } from "./frame-script";
import { errorText, errorTitle, type CardErrorKind, type CardMessageValues } from "./messages";
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

/** A message with ready-made HTML at its first parameters (`$1`…); the message's own text is escaped. */
export function messageHtml(t: Translator, key: Parameters<Translator["parts"]>[0], html: readonly string[]): string {
  return t
    .parts(key, html.length)
    .map((piece) => (typeof piece === "number" ? html[piece]! : escapeHtml(piece)))
    .join("");
}

function link(href: string, text: string, rel = "noopener noreferrer"): string {
  return `<a href="${escapeHtml(href)}" target="_blank" rel="${rel}">${escapeHtml(text)}</a>`;
}

interface DocumentInput {
  options: CardOptions;
  /** The card's words: `<html lang dir>` are its language's. */
  t: Translator;
  /** Wikiport's origin, for the script (the popup's origin) and links. */
  appOrigin: string;
  title: string;
  body: string;
  embed?: CardEmbed | undefined;
  article?: { wiki: string; title: string } | undefined;
}

function documentHtml(input: DocumentInput): string {
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
    `<!doctype html>\n<html lang="${escapeHtml(input.t.language)}" dir="${input.t.dir}" data-theme="${input.options.theme}" data-layout="${input.options.layout}"${attributes}>\n` +
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark">` +
    `<title>${escapeHtml(input.title)}</title><style>${CARD_CSS}</style></head>\n` +
    `<body>\n${input.body}\n<script>${FRAME_SCRIPT}</script>\n</body>\n</html>\n`
  );
}

export interface CardInput {
  site: Site;
  summary: CardSummary;
  options: CardOptions;
  t: Translator;
  appOrigin: string;
  embed?: CardEmbed;
}

export function renderCard({ site, summary, options, t, appOrigin, embed }: CardInput): string {
  const wikiport = new URL(wikiHref(site, summary.title), appOrigin).href;
  const paragraphs = summary.extract.split("\n").filter(Boolean);
  const content = [
    summary.thumbnail
      ? `<img class="thumb" src="${escapeHtml(summary.thumbnail.url)}" width="${summary.thumbnail.width}" height="${summary.thumbnail.height}" alt="${escapeHtml(t.msg("wikiport-card-image-alt", summary.title))}" loading="lazy" decoding="async" referrerpolicy="no-referrer">`
      : "",
    `<h1>${escapeHtml(summary.title)}</h1>`,
    summary.description ? `<p class="desc">${escapeHtml(summary.description)}</p>` : "",
    paragraphs.length > 0 ? `<div class="extract">${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join("")}</div>` : "",
  ].join("");
  const links = [
    `<li>${link(wikiport, t.msg("wikiport-card-read-on-wikiport"))}</li>`,
    `<li>${link(summary.wikiUrl, t.msg("wikiport-card-read-on-wiki", summary.wiki))}</li>`,
    embed?.watchButton
      ? `<li><button type="button" id="wp-watch" data-done="${escapeHtml(t.msg("wikiport-card-watching"))}">${escapeHtml(t.msg("wikiport-card-watch"))}</button></li>`
      : "",
  ].join("");
  // The title and credit are in the wiki's language and direction: isolated, so an English title keeps
  // its order in a Hebrew sentence (and the reverse), as MediaWiki does with <bdi>.
  const attribution = messageHtml(t, "wikiport-card-attribution", [
    `<bdi lang="${escapeHtml(summary.lang)}" dir="${summary.dir}">${link(summary.wikiUrl, summary.title)}</bdi>`,
    `<bdi>${escapeHtml(summary.credit ?? summary.wiki)}</bdi>`,
    link(summary.licence.url, cardLicenceName(summary.licence), "license noopener noreferrer"),
  ]);
  const body =
    `<article class="card">` +
    // The article's text is in the wiki's language and direction; the card's own words in the interface's.
    `<div lang="${escapeHtml(summary.lang)}" dir="${summary.dir}">${content}</div>` +
    `<ul class="links">${links}</ul>` +
    `<p class="attribution">${attribution}</p>` +
    `</article>`;
  return documentHtml({ options, t, appOrigin, title: `${summary.title} — ${summary.wiki}`, body, embed, article: { wiki: summary.wiki, title: summary.title } });
}

export interface MessageInput {
  kind: CardErrorKind;
  options: CardOptions;
  t: Translator;
  appOrigin: string;
  /** What the message names: the title and wiki asked for, the wait, what was wrong. */
  values?: CardMessageValues;
  embed?: CardEmbed;
}

/** A card that explains what went wrong, in the card's language, instead of an error page. */
export function renderMessage({ kind, options, t, appOrigin, values = {}, embed }: MessageInput): string {
  const heading = errorTitle(t, kind);
  const text = errorText(t, kind, values);
  const body = `<article class="card message" role="alert"><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p></article>`;
  return documentHtml({ options, t, appOrigin, title: heading, body, embed });
}

