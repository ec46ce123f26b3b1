/**
 * Plain text of wikitext and highlighted excerpts, for search results shaped like CirrusSearch's:
 * escaped text with matches in `<span class="searchmatch">` (SearchHandler's `excerpt`).
 */
import { escapeHtml } from "../http";

/** Wikitext reduced to the words a reader sees; rough, as a search index's text field is. */
export function plainText(wikitext: string): string {
  let text = wikitext;
  for (let i = 0; i < 3; i++) text = text.replace(/\{\{[^{}]*\}\}/g, "");
  return text
    .replace(/<ref[^>]*\/>|<ref[^>]*>[\s\S]*?<\/ref>/gi, "")
    .replace(/<[^>]+>/g, "")
    .replace(/\[\[(?:File|Image|Datei|Bild|קובץ|תמונה|Category|Kategorie|קטגוריה):[^\]]*(?:\[\[[^\]]*\]\][^\]]*)*\]\]/gi, "")
    .replace(/\[\[(?:[^|\]]*\|)?([^\]]*)\]\]/g, "$1")
    .replace(/\[(?:https?:)?\/\/\S+\s([^\]]*)\]/g, "$1")
    .replace(/^\{\|[\s\S]*?^\|\}/gm, "")
    .replace(/^=+\s*(.*?)\s*=+\s*$/gm, "$1")
    .replace(/'{2,}/g, "")
    .replace(/__[A-Z]+__/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/^[*#:;]+\s*/gm, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function searchTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .map((term) => term.replace(/^["'(]+|["')]+$/g, ""))
    .filter(Boolean);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const EXCERPT_CHARS = 160;

/** A window of the text around the first match, terms highlighted; null when the text is empty. */
export function excerpt(text: string, terms: readonly string[]): string | null {
  if (!text) return null;
  const lower = text.toLowerCase();
  const positions = terms.map((term) => lower.indexOf(term)).filter((index) => index >= 0);
  const first = positions.length > 0 ? Math.min(...positions) : 0;
  let start = Math.max(0, first - 40);
  if (start > 0) {
    const space = text.indexOf(" ", start);
    if (space >= 0 && space < first) start = space + 1;
  }
  let end = Math.min(text.length, start + EXCERPT_CHARS);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > first) end = space;
  }
  const window = text.slice(start, end);
  if (terms.length === 0) return escapeHtml(window);
  const pattern = new RegExp(`(${terms.map(escapeRegExp).join("|")})`, "gi");
  return window
    .split(pattern)
    .map((part, index) => (index % 2 === 1 ? `<span class="searchmatch">${escapeHtml(part)}</span>` : escapeHtml(part)))
    .join("");
}
