/**
 * The page-summary props an article card reads in one request:
 * - prop=extracts (Extension:TextExtracts, ApiQueryExtracts): `extract`, plain text with `explaintext` or
 *   limited HTML otherwise; `exintro` keeps only what precedes the first section; `exsentences`, `exchars`;
 * - prop=pageimages (Extension:PageImages, ApiQueryPageImages): `thumbnail` {source, width, height} fitted
 *   into a `pithumbsize` box (default 50), `original`, and `pageimage` (the file's DB key);
 * - prop=description (Wikibase client / ShortDescription): `description` and `descriptionsource`, the local
 *   `{{Short description|…}}` first (as English Wikipedia allows), Wikidata's ("central") otherwise.
 * Extracts are made from the rendered HTML, as TextExtracts works from the parser's output; so the hostile
 * fixture's extract comes from its hostile HTML, and a client must treat extracts as untrusted text too.
 */
import { latestRevision, redirectTarget } from "../content/pages";
import { findMediaFile, imageUrlPath, originalPath, scaledHeight, thumbPath, type MediaFile } from "../content/media-files";
import { seededDescription } from "../content/seed";
import { escapeHtml } from "../http";
import { renderRevisionDocument } from "../content/render";
import type { PageRecord, RevisionRecord } from "../state";
import type { Api } from "./context";
import { warn } from "./context";
import type { PageSetEntry } from "./page-set";

type PageEntry = Extract<PageSetEntry, { kind: "page" }>;
type Records = Map<PageSetEntry, Record<string, unknown>>;

function pagesOf(entries: PageSetEntry[]): PageEntry[] {
  return entries.filter((entry): entry is PageEntry => entry.kind === "page");
}

/** Wikitext before the first heading (TextExtracts' `exintro`). */
function leadWikitext(content: string): string {
  const heading = /^=+[^=\n].*=+\s*$/m.exec(content);
  return heading ? content.slice(0, heading.index) : content;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };

/** What TextExtracts removes before extracting ($wgExtractsRemoveClasses): figures, tables, boxes, references. */
const REMOVED = /<(figure|table|div|style|script|sup|ol|noscript)\b[^>]*>(?:(?!<\1\b)[\s\S])*?<\/\1\s*>/gi;

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (match, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? match;
  });
}

/** Parser-output HTML to paragraphs of text: removed elements dropped, tags stripped, entities decoded. */
function htmlParagraphs(html: string, intro: boolean): string[] {
  let body = /<body\b[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  if (intro) {
    const cut = /<section[^>]*data-mw-section-id="[1-9]|<h[2-6][\s>]/i.exec(body);
    if (cut) body = body.slice(0, cut.index);
  }
  // Innermost first, until nothing nested is left.
  for (let previous = ""; previous !== body; ) [previous, body] = [body, body.replace(REMOVED, "")];
  return body
    .split(/<\/p>|<br\s*\/?>|\n/i)
    .map((part) => decodeEntities(part.replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

function limitText(text: string, sentences: number | undefined, chars: number | undefined): string {
  let out = text;
  if (sentences !== undefined) {
    const parts = out.match(/[^.!?]+[.!?]+(?:\s|$)|[^.!?]+$/g) ?? [out];
    out = parts.slice(0, sentences).join("").trim();
  }
  if (chars !== undefined && out.length > chars) {
    // TextExtracts cuts at a word boundary after `exchars` and appends an ellipsis.
    const boundary = out.slice(chars).search(/\s/);
    out = `${boundary === -1 ? out : out.slice(0, chars + boundary)}…`;
  }
  return out;
}

function extractOf(api: Api, page: PageRecord, revision: RevisionRecord, options: { intro: boolean; plain: boolean; sentences?: number; chars?: number }): string {
  if (redirectTarget(revision.content)) return "";
  const paragraphs = htmlParagraphs(renderRevisionDocument(api.store, { wiki: api.wiki, page, revision }), options.intro);
  if (options.plain) return limitText(paragraphs.join("\n"), options.sentences, options.chars);
  if (options.sentences !== undefined || options.chars !== undefined) {
    return `<p>${escapeHtml(limitText(paragraphs.join(" "), options.sentences, options.chars))}</p>`;
  }
  return paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join("\n");
}

export function propExtracts(api: Api, entries: PageSetEntry[], records: Records): void {
  const intro = api.params.bool("exintro");
  const plain = api.params.bool("explaintext");
  const sentences = api.params.int("exsentences", { min: 1, max: 10 });
  const chars = api.params.int("exchars", { min: 1, max: 1200 });
  api.params.markUsed("exsectionformat", "excontinue", "exvariant");
  // Whole-article extracts are expensive: TextExtracts allows one per request (20 with exintro).
  const max = intro ? 20 : 1;
  let limit = api.params.limit("exlimit", max, max);
  const requested = api.params.raw("exlimit");
  if (!intro && requested !== undefined && requested !== "max" && Number(requested) > 1) {
    warn(api, "query+extracts", "apiwarn-textextracts-limit", '"exlimit" was too large for a whole article extracts request, lowered to 1.');
    limit = 1;
  }
  for (const entry of pagesOf(entries).slice(0, limit)) {
    if (entry.page.ns === 6) {
      warn(api, "query+extracts", "apiwarn-textextracts-title-in-file-namespace", "Extract for a title in File namespace was requested, none returned.");
      continue;
    }
    const revision = latestRevision(api.store, entry.page);
    records.get(entry)!.extract = extractOf(api, entry.page, revision, { intro, plain, ...(sentences !== undefined ? { sentences } : {}), ...(chars !== undefined ? { chars } : {}) });
  }
}

/** `[[File:Name|…]]` with the wiki's own and canonical names for the File namespace. */
function imageNames(api: Api, wikitext: string): string[] {
  const aliases = ["File", "Image", api.wiki.fileNamespace, ...(api.wiki.lang === "de" ? ["Bild"] : []), ...(api.wiki.lang === "he" ? ["תמונה"] : [])];
  const pattern = new RegExp(`\\[\\[\\s*(?:${aliases.map((alias) => alias.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\s*:([^|\\]]+)`, "gi");
  return [...wikitext.matchAll(pattern)].map((match) => match[1]!.trim());
}

/** PageImages prefers an image of the lead section, then any image of the page. */
function pageImageOf(api: Api, content: string): MediaFile | undefined {
  const lead = imageNames(api, leadWikitext(content));
  const all = imageNames(api, content);
  for (const name of [...lead, ...all]) {
    const file = findMediaFile(name);
    if (file) return file;
  }
  return undefined;
}

/** A thumbnail that fits a size × size box; bitmaps are never upscaled, SVGs are always rasterized. */
function thumbnailOf(api: Api, file: MediaFile, size: number): { source: string; width: number; height: number } {
  const origin = api.store.config.publicUrl.replace(/\/$/, "");
  const byWidth = file.width >= file.height ? size : Math.max(1, Math.round((file.width * size) / file.height));
  const svg = file.mime === "image/svg+xml";
  const width = svg ? byWidth : Math.min(byWidth, file.width);
  const path = svg ? thumbPath(file, width) : imageUrlPath(file, width);
  return { source: `${origin}${path}`, width, height: scaledHeight(file, width) };
}

export function propPageImages(api: Api, entries: PageSetEntry[], records: Records): void {
  const requested = api.params.multi("piprop");
  const props = new Set(requested.length > 0 ? requested : ["thumbnail", "name"]);
  const size = api.params.int("pithumbsize", { min: 1, fallback: 50 }) ?? 50;
  const limit = api.params.limit("pilimit", 50, 50);
  api.params.markUsed("pilicense", "pilangcode", "picontinue");
  for (const entry of pagesOf(entries).slice(0, limit)) {
    const file = pageImageOf(api, latestRevision(api.store, entry.page).content);
    if (!file) continue;
    const record = records.get(entry)!;
    if (props.has("thumbnail")) record.thumbnail = thumbnailOf(api, file, size);
    if (props.has("original")) {
      record.original = { source: `${api.store.config.publicUrl.replace(/\/$/, "")}${originalPath(file)}`, width: file.width, height: file.height };
    }
    if (props.has("name")) record.pageimage = file.name.replaceAll(" ", "_");
  }
}

const LOCAL_SHORT_DESCRIPTION = /\{\{\s*(?:Short description|Kurzbeschreibung)\s*\|([^{}|]*)\}\}/i;

export function propDescription(api: Api, entries: PageSetEntry[], records: Records): void {
  const prefer = api.params.enumValue("descprefersource", ["local", "central"] as const, "local");
  api.params.markUsed("desccontinue");
  for (const entry of pagesOf(entries)) {
    const local = LOCAL_SHORT_DESCRIPTION.exec(latestRevision(api.store, entry.page).content)?.[1]?.trim() || null;
    const central = seededDescription(api.wiki.host, entry.page.title);
    const [description, source] =
      prefer === "central" ? (central ? [central, "central"] : [local, "local"]) : local ? [local, "local"] : [central, "central"];
    if (!description) continue;
    const record = records.get(entry)!;
    record.description = description;
    record.descriptionsource = source;
  }
}
