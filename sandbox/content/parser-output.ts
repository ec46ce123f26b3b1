/**
 * What the legacy parser gives action=parse (CORE ParserOutput): the `mw-parser-output` HTML with links
 * under the wiki's article path and red links for missing pages, the section list, and the display
 * title. Wikitext goes through the same wikiparser-node parse as REST `/html` (render.ts), with the same
 * templates (`{{Short description}}` renders nothing, `{{Main}}` a hatnote), so both APIs show one page.
 */
import Parser from "wikiparser-node";
import { escapeHtml } from "../http";
import type { SandboxStore } from "../store";
import type { Wiki } from "../wikis";
import { splitLanguageLinks } from "./links";
import { findPage, parseTitle, redirectTarget } from "./pages";
import { parserConfig } from "./render";

export interface Section {
  toclevel: number;
  /** A string, as Parser::finalizeHeadings keeps it for the parse API's backward compatibility. */
  level: string;
  line: string;
  number: string;
  index: string;
  fromtitle: string;
  byteoffset: number;
  anchor: string;
}

function articlePath(wiki: Wiki, dbKey: string, fragment = ""): string {
  const path = encodeURIComponent(dbKey).replaceAll("%3A", ":").replaceAll("%2F", "/");
  return `/${wiki.host}/wiki/${path}${fragment}`;
}

/** Links under `/wiki/` become the wiki's own article path; links to missing pages become red links (Linker::makeBrokenLink). */
function rewriteLinks(store: SandboxStore, wiki: Wiki, html: string): string {
  return html.replace(/<a href="\/wiki\/([^"#?]*)((?:#[^"]*)?)"([^>]*)>/g, (tag, path: string, fragment: string, rest: string) => {
    let target: string;
    try {
      target = decodeURIComponent(path);
    } catch {
      return tag;
    }
    const title = parseTitle(wiki, target);
    if (!title) return tag;
    if (/class="extiw"/.test(rest)) return tag;
    if (title.ns < 0 || findPage(store, wiki, title)) {
      return `<a href="${escapeHtml(articlePath(wiki, title.dbKey, fragment))}" title="${escapeHtml(title.text)}">`;
    }
    const edit = `/${wiki.host}/w/index.php?title=${encodeURIComponent(title.dbKey)}&action=edit&redlink=1`;
    return `<a href="${escapeHtml(edit)}" class="new" title="${escapeHtml(`${title.text} (page does not exist)`)}">`;
  });
}

/** The body HTML action=parse gives for wikitext on `title`. */
export function parserOutputHtml(store: SandboxStore, wiki: Wiki, title: string, content: string): string {
  const wrap = (inner: string) => `<div class="mw-content-${wiki.dir} mw-parser-output" lang="${wiki.lang}" dir="${wiki.dir}">${inner}</div>`;
  const target = redirectTarget(content);
  if (target !== null) {
    // Article::getRedirectHeaderHtml: a redirect renders as a pointer to its target.
    const parsed = parseTitle(wiki, target);
    const link = parsed ? rewriteLinks(store, wiki, `<a href="/wiki/${encodeURIComponent(parsed.dbKey)}">`) : "<a>";
    return wrap(`<div class="redirectMsg"><p>Redirect to:</p><ul class="redirectText"><li>${link}${escapeHtml(parsed?.text ?? target)}</a></li></ul></div>`);
  }
  const { text } = splitLanguageLinks(wiki, content);
  const raw = Parser.parse(text, false, undefined, parserConfig(wiki), title).toHtml();
  // Categories are not part of the parser's text; skins draw them from ParserOutput::getCategories.
  const body = raw.replace(/<div id="catlinks" class="catlinks">[\s\S]*$/, "");
  return wrap(rewriteLinks(store, wiki, body));
}

const HEADING = /^(={1,6})(.+?)(={1,6})[ \t]*$/gm;

/** Parser::finalizeHeadings' table of contents, from the page's own headings. */
export function parserSections(wiki: Wiki, title: string, content: string): Section[] {
  const sections: Section[] = [];
  const counters: number[] = [];
  const levels: number[] = [];
  const anchors = new Map<string, number>();
  const fromtitle = parseTitle(wiki, title)?.dbKey ?? title.replaceAll(" ", "_");
  for (const match of content.matchAll(HEADING)) {
    const level = Math.min(match[1]!.length, match[3]!.length);
    // Unbalanced `=` stay in the heading's text (`== A ===` is "A =" at level 2).
    const line = `${"=".repeat(match[1]!.length - level)}${match[2]!}${"=".repeat(match[3]!.length - level)}`.trim();
    while (levels.length > 0 && levels[levels.length - 1]! > level) {
      levels.pop();
      counters.pop();
    }
    if (levels.length > 0 && levels[levels.length - 1] === level) counters[counters.length - 1] = counters[counters.length - 1]! + 1;
    else {
      levels.push(level);
      counters.push(1);
    }
    const toclevel = levels.length;
    const plain = line.replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, "$1").replace(/'{2,}/g, "");
    const base = plain.replaceAll(" ", "_");
    // Sanitizer::escapeIdForAttribute with Parser's de-duplication: a repeated heading gets `_2`, `_3`.
    const seen = anchors.get(base) ?? 0;
    anchors.set(base, seen + 1);
    sections.push({
      toclevel,
      level: String(level),
      line: escapeHtml(plain).replaceAll("&#39;", "'"),
      number: counters.join("."),
      index: String(sections.length + 1),
      fromtitle,
      byteoffset: Buffer.byteLength(content.slice(0, match.index), "utf8"),
      anchor: seen === 0 ? base : `${base}_${seen + 1}`,
    });
  }
  return sections;
}

/** Parser::formatPageTitle, as ParserOutput::getDisplayTitle gives it when no DISPLAYTITLE is set. */
export function displayTitleHtml(wiki: Wiki, title: string): string {
  const parsed = parseTitle(wiki, title);
  const colon = parsed && parsed.ns !== 0 ? parsed.text.indexOf(":") : -1;
  if (!parsed || colon < 0) return `<span class="mw-page-title-main">${escapeHtml(parsed?.text ?? title)}</span>`;
  return (
    `<span class="mw-page-title-namespace">${escapeHtml(parsed.text.slice(0, colon))}</span>` +
    `<span class="mw-page-title-separator">:</span>` +
    `<span class="mw-page-title-main">${escapeHtml(parsed.text.slice(colon + 1))}</span>`
  );
}

/** Parser::formatHeadings shows a table of contents from four headings on, unless `__NOTOC__`. */
export function showsToc(content: string, sections: Section[]): boolean {
  if (/__NOTOC__/.test(content)) return false;
  return sections.length >= 4 || /__(?:FORCE)?TOC__/.test(content);
}
