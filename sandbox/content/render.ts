/**
 * Wikitext → a Parsoid-like HTML document, as `/page/{title}/html` serves it. wikiparser-node does the
 * parsing; the output is then rewritten to Parsoid's conventions (mw:WikiLink / mw:ExtLink rels, `./Title`
 * hrefs under a `<base>`, `<figure typeof="mw:File/Thumb">`, nested `<section data-mw-section-id>`), which
 * is what clients of the REST API rely on (mediawiki.org Specs/HTML/2.8.0).
 */
import { createHash } from "node:crypto";
import Parser from "wikiparser-node";
import { escapeHtml } from "../http";
import type { PageRecord, RevisionRecord } from "../state";
import type { SandboxStore } from "../store";
import type { Wiki } from "../wikis";
import {
  DEFAULT_THUMB_WIDTH,
  findMediaFile,
  imageUrlPath,
  scaledHeight,
  type MediaFile,
} from "./media-files";
import { findPage, namespaceName, parseTitle, redirectTarget } from "./pages";
import { parsoidId } from "./parsoid-ids";

export const HTML_VERSION = "2.8.0";
export const HTML_CONTENT_TYPE = `text/html; charset=utf-8; profile="https://www.mediawiki.org/wiki/Specs/HTML/${HTML_VERSION}"`;

type ParserConfig = ReturnType<typeof Parser.getConfig>;

const parserConfigs = new Map<string, ParserConfig>();

/**
 * The few templates the seed uses, expanded the way the real ones render (a hatnote; short descriptions
 * render nothing). Unknown templates stay red links, as on a wiki that lacks them.
 */
const TEMPLATES: Record<string, string> = {
  "Template:Main": '<div role="note" class="hatnote navigation-not-searchable">Main article: [[{{{1}}}]]</div>',
  "Template:Hauptartikel": '<div role="note" class="hauptartikel">Hauptartikel: [[{{{1}}}]]</div>',
  "Template:Short description": "",
  "Template:Kurzbeschreibung": "",
  "Template:R from alternative name": "",
};
for (const [name, body] of Object.entries(TEMPLATES)) Parser.templates.set(name, body);

/** The parser must know each wiki's localized namespace names, or `[[Datei:…]]` is just a link. */
export function parserConfig(wiki: Wiki): ParserConfig {
  let config = parserConfigs.get(wiki.host);
  if (!config) {
    const base = Parser.getConfig();
    const nsid: Record<string, number> = { ...base.nsid, [wiki.fileNamespace.toLowerCase()]: 6 };
    if (wiki.lang === "de") Object.assign(nsid, { bild: 6, kategorie: 14, vorlage: 10, benutzer: 2 });
    if (wiki.lang === "he") Object.assign(nsid, { "תמונה": 6, "קטגוריה": 14, "תבנית": 10, "משתמש": 2 });
    const img: Record<string, string> = { ...base.img };
    if (wiki.lang === "de") Object.assign(img, { mini: "thumbnail", miniatur: "thumbnail", "hochkant": "upright", "hochkant=$1": "upright", links: "left", rechts: "right", rahmenlos: "frameless" });
    if (wiki.lang === "he") Object.assign(img, { "ממוזער": "thumbnail", "שמאל": "left", "ימין": "right", "ללא מסגרת": "frameless" });
    config = { ...base, nsid, img };
    parserConfigs.set(wiki.host, config);
  }
  return config;
}

/** Parsoid href for a title: `./Prefixed_DB_key`, percent-encoding only what a URL path cannot hold. */
export function parsoidHref(dbKey: string, fragment = ""): string {
  const path = encodeURI(dbKey).replaceAll("?", "%3F").replaceAll("#", "%23");
  return `./${path}${fragment ? `#${encodeURI(fragment.replaceAll(" ", "_"))}` : ""}`;
}

function attributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const match of source.matchAll(/([^\s=/>]+)(?:="([^"]*)")?/g)) attrs.set(match[1]!.toLowerCase(), match[2] ?? "");
  return attrs;
}

function unescapeAttr(value: string): string {
  return value.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

function attr(value: string): string {
  return escapeHtml(value).replaceAll("&#39;", "'");
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

interface RenderContext {
  wiki: Wiki;
  mediaOrigin: string;
}

function rewriteLink(ctx: RenderContext, tag: string): string {
  const attrs = attributes(tag.slice(3, -1));
  const href = unescapeAttr(attrs.get("href") ?? "");
  const classes = (attrs.get("class") ?? "").split(/\s+/).filter(Boolean);
  if (classes.includes("external")) {
    const kind = classes.includes("free") ? "free" : classes.includes("autonumber") ? "autonumber" : "text";
    return `<a rel="mw:ExtLink nofollow" href="${attr(href)}" class="external ${kind}">`;
  }
  if (!href.startsWith("/wiki/")) return tag;
  const [pathAndQuery, fragment = ""] = href.slice("/wiki/".length).split("#", 2) as [string, string?];
  const target = safeDecode(pathAndQuery.split("?")[0]!);
  const title = parseTitle(ctx.wiki, target);
  if (!title) return tag;
  if (classes.includes("mw-file-description")) {
    return `<a href="${attr(parsoidHref(title.dbKey))}" class="mw-file-description">`;
  }
  return `<a rel="mw:WikiLink" href="${attr(parsoidHref(title.dbKey, safeDecode(fragment)))}" title="${attr(title.text)}">`;
}

function imageMarkup(ctx: RenderContext, file: MediaFile | undefined, name: string, width: number | null, alt: string | null): string {
  const resource = parsoidHref(`${namespaceName(ctx.wiki, 6)}:${name.replaceAll(" ", "_")}`);
  if (!file) {
    return `<span class="mw-file-element mw-broken-media" resource="${attr(resource)}">${escapeHtml(`${namespaceName(ctx.wiki, 6)}:${name}`)}</span>`;
  }
  const shownWidth = Math.min(width ?? file.width, file.mime === "image/svg+xml" ? Number.MAX_SAFE_INTEGER : file.width);
  const shownHeight = scaledHeight(file, shownWidth);
  const url = (w: number) => `${ctx.mediaOrigin}${imageUrlPath(file, w)}`;
  const srcset = [1.5, 2]
    .map((factor) => Math.round(shownWidth * factor))
    .filter((w) => w < file.width || file.mime === "image/svg+xml")
    .map((w, i) => `${url(w)} ${i === 0 ? "1.5x" : "2x"}`)
    .join(", ");
  return (
    `<img ${alt !== null ? `alt="${attr(alt)}" ` : ""}resource="${attr(resource)}" src="${attr(url(shownWidth))}" decoding="async"` +
    ` data-file-width="${file.width}" data-file-height="${file.height}" data-file-type="${file.mime === "image/svg+xml" ? "drawing" : "bitmap"}"` +
    ` height="${shownHeight}" width="${shownWidth}"${srcset ? ` srcset="${attr(srcset)}"` : ""} class="mw-file-element"/>`
  );
}

function rewriteImage(ctx: RenderContext, tag: string, inThumb: boolean): string {
  const attrs = attributes(tag.slice(4, -1));
  const src = unescapeAttr(attrs.get("src") ?? "");
  const match = /^\/wiki\/Special%3ARedirect%2Ffile%2F([^?]+)(?:\?(.*))?$/.exec(src);
  if (!match) return tag;
  const name = safeDecode(match[1]!).replaceAll("_", " ");
  const requested = new URLSearchParams(match[2] ?? "").get("width") ?? attrs.get("width");
  const width = requested ? Number(requested) : inThumb ? DEFAULT_THUMB_WIDTH : null;
  const alt = attrs.has("alt") ? unescapeAttr(attrs.get("alt")!) : null;
  return imageMarkup(ctx, findMediaFile(name), name, width, alt);
}

/** Categories become page properties, as Parsoid emits them. */
function rewriteCategories(markup: string): { markup: string; categories: string[] } {
  const categories: string[] = [];
  const stripped = markup.replace(/<div id="catlinks" class="catlinks">[\s\S]*$/, (block) => {
    for (const match of block.matchAll(/<li><a href="(\/wiki\/[^"]+)"/g)) categories.push(match[1]!);
    return "";
  });
  return { markup: stripped, categories };
}

interface Heading {
  level: number;
  id: string;
  inner: string;
}

/** Parsoid wraps each heading and what follows in a `<section>`, nested by heading level. */
function sectionize(markup: string, categoryLinks: string): string {
  const pattern = /<div class="mw-heading mw-heading([1-6])"><h\1 id="([^"]*)">([\s\S]*?)<\/h\1><\/div>/g;
  const chunks: { heading: Heading | null; body: string }[] = [];
  let last = 0;
  let current: Heading | null = null;
  for (const match of markup.matchAll(pattern)) {
    chunks.push({ heading: current, body: markup.slice(last, match.index) });
    current = { level: Number(match[1]), id: match[2]!, inner: match[3]! };
    last = match.index + match[0].length;
  }
  chunks.push({ heading: current, body: markup.slice(last) });
  chunks[chunks.length - 1]!.body += categoryLinks;

  let counter = 1;
  let output = "";
  const open: number[] = [];
  chunks.forEach((chunk, index) => {
    const level = chunk.heading?.level ?? 0;
    // The lead (level 0) ends at the first heading, whatever its level.
    while (open.length > 0 && (open[open.length - 1]! >= level || open[open.length - 1] === 0)) {
      open.pop();
      output += "</section>";
    }
    open.push(level);
    output += `<section data-mw-section-id="${index}" id="${parsoidId(counter++)}">`;
    if (chunk.heading) {
      const { level: l, id, inner } = chunk.heading;
      output += `<h${l} id="${id}">${inner}</h${l}>`;
    }
    output += chunk.body.replace(/^\n+/, "");
  });
  output += "</section>".repeat(open.length);
  return output;
}

function renderWikitext(ctx: RenderContext, page: PageRecord, content: string): string {
  const target = redirectTarget(content);
  if (target !== null) {
    const title = parseTitle(ctx.wiki, target);
    const href = title ? parsoidHref(title.dbKey) : `./${encodeURI(target)}`;
    return `<section data-mw-section-id="0" id="${parsoidId(1)}"><link rel="mw:PageProp/redirect" href="${attr(href)}"/></section>`;
  }
  const raw = Parser.parse(content, false, undefined, parserConfig(ctx.wiki), page.title).toHtml();
  const { markup: withoutCategories, categories } = rewriteCategories(raw);
  // Parsoid leaves numbering of bracketed bare links to CSS: class "autonumber", no text.
  const markup = withoutCategories.replace(/<a rel="nofollow" class="external" href="([^"]*)">\[\d+\]<\/a>/g, '<a rel="nofollow" class="external autonumber" href="$1"></a>');
  let inThumb = false;
  const rewritten = markup.replace(/<figure[^>]*>|<\/figure>|<a [^>]*>|<img [^>]*>|<span>(?=<a [^>]*class="mw-file-description")/g, (tag) => {
    if (tag.startsWith("<figure")) {
      inThumb = tag.includes("mw:File/Thumb");
      return tag;
    }
    if (tag === "</figure>") {
      inThumb = false;
      return tag;
    }
    if (tag === "<span>") return '<span typeof="mw:File">';
    if (tag.startsWith("<img")) return rewriteImage(ctx, tag, inThumb);
    return rewriteLink(ctx, tag);
  });
  const categoryLinks = categories
    .map((href) => {
      const title = parseTitle(ctx.wiki, safeDecode(href.slice("/wiki/".length)));
      return title ? `<link rel="mw:PageProp/Category" href="${attr(parsoidHref(title.dbKey))}"/>` : "";
    })
    .join("");
  return sectionize(rewritten, categoryLinks);
}

const bodyCache = new Map<string, string>();
const MAX_CACHED = 500;

/** Body markup of a revision, cached per (wiki, revision, content); the same text always renders alike. */
function revisionBody(ctx: RenderContext, page: PageRecord, revision: RevisionRecord): string {
  if (revision.htmlOverride !== undefined) return revision.htmlOverride;
  const key = `${ctx.wiki.host}\u0000${revision.id}\u0000${sha1(revision.content)}\u0000${ctx.mediaOrigin}\u0000${page.title}`;
  let body = bodyCache.get(key);
  if (body === undefined) {
    body = renderWikitext(ctx, page, revision.content);
    if (bodyCache.size >= MAX_CACHED) bodyCache.delete(bodyCache.keys().next().value!);
    bodyCache.set(key, body);
  }
  return body;
}

/** Links to pages that do not exist are marked as Parsoid marks red links; done per request, since pages come and go. */
function markRedLinks(store: SandboxStore, wiki: Wiki, body: string): string {
  return body.replace(/<a rel="mw:WikiLink" href="\.\/([^"#]*)((?:#[^"]*)?)" title="([^"]*)">/g, (tag, path: string, _fragment: string, titleText: string) => {
    const title = parseTitle(wiki, unescapeAttr(titleText));
    if (!title || title.ns < 0 || findPage(store, wiki, title)) return tag;
    return `<a rel="mw:WikiLink" href="./${path}?action=edit&amp;redlink=1" title="${titleText}" class="new" typeof="mw:LocalizedAttrs">`;
  });
}

export function sha1(text: string): string {
  return createHash("sha1").update(text, "utf8").digest("hex");
}

export interface RenderInput {
  wiki: Wiki;
  page: PageRecord;
  revision: RevisionRecord;
}

/** The full HTML document of a revision, as Parsoid serves it from the REST API. */
export function renderRevisionDocument(store: SandboxStore, { wiki, page, revision }: RenderInput): string {
  const publicUrl = store.config.publicUrl.replace(/\/$/, "");
  const origin = new URL(publicUrl);
  const wikiBase = `//${origin.host}/${wiki.host}/wiki/`;
  const ctx: RenderContext = { wiki, mediaOrigin: publicUrl };
  const body = revision.htmlOverride !== undefined ? revision.htmlOverride : markRedLinks(store, wiki, revisionBody(ctx, page, revision));
  const dbKey = page.title.replaceAll(" ", "_");
  const modified = new Date(Math.floor(revision.timestamp / 1000) * 1000).toISOString();
  const styles = `/${wiki.host}/w/load.php?lang=${wiki.lang}&amp;modules=mediawiki.skinning.content.parsoid%7Cmediawiki.skinning.interface%7Csite.styles&amp;only=styles&amp;skin=vector`;
  return (
    `<!DOCTYPE html>\n<html prefix="dc: http://purl.org/dc/terms/ mw: http://mediawiki.org/rdf/" about="${publicUrl}/${wiki.host}/wiki/Special:Redirect/revision/${revision.id}">` +
    `<head prefix="mwr: ${publicUrl}/${wiki.host}/wiki/Special:Redirect/"><meta charset="utf-8"/>` +
    `<meta property="mw:pageId" content="${page.id}"/><meta property="mw:pageNamespace" content="${page.ns}"/>` +
    (revision.parentId ? `<link rel="dc:replaces" resource="mwr:revision/${revision.parentId}"/>` : "") +
    `<meta property="mw:revisionSHA1" content="${sha1(revision.content)}"/>` +
    `<meta property="dc:modified" content="${modified}"/>` +
    `<meta property="mw:htmlVersion" content="${HTML_VERSION}"/><meta property="mw:html:version" content="${HTML_VERSION}"/>` +
    `<link rel="dc:isVersionOf" href="${wikiBase}${attr(encodeURI(dbKey))}"/>` +
    `<base href="${wikiBase}"/><title>${escapeHtml(page.title)}</title>` +
    `<link rel="stylesheet" href="${styles}"/>` +
    `<meta http-equiv="content-language" content="${wiki.lang}"/><meta http-equiv="vary" content="Accept"/></head>` +
    `<body id="mwAA" lang="${wiki.lang}" class="mw-content-${wiki.dir} sitedir-${wiki.dir} ${wiki.dir} mw-body-content parsoid-body mediawiki mw-parser-output"` +
    ` dir="${wiki.dir}" data-mw-parsoid-version="0.22.0" data-mw-html-version="${HTML_VERSION}">` +
    body +
    `</body></html>`
  );
}
