/**
 * Wikitext sections as MediaWiki numbers them (Parser::extractSections): section 0 is the lead, section N
 * runs from the Nth heading to the next heading of the same or a higher level. Wikiport reads a section
 * out of the full page text itself, so a section edit and a whole-page edit start from the same revision.
 */

const HEADING = /^(={1,6})(.+?)(={1,6})[ \t]*$/gm;

interface Span {
  start: number;
  end: number;
}

function headings(text: string): { offset: number; level: number; title: string }[] {
  return [...text.matchAll(HEADING)].map((match) => ({
    offset: match.index,
    level: Math.min(match[1]!.length, match[3]!.length),
    title: match[2]!.trim(),
  }));
}

function span(text: string, index: number): Span | null {
  const all = headings(text);
  if (index === 0) return { start: 0, end: all[0]?.offset ?? text.length };
  const heading = all[index - 1];
  if (!heading) return null;
  const next = all.slice(index).find((h) => h.level <= heading.level);
  return { start: heading.offset, end: next?.offset ?? text.length };
}

/** The text of section `index`, without the blank lines before the next heading; null if there is none. */
export function extractSection(text: string, index: number): string | null {
  const found = span(text, index);
  return found ? text.slice(found.start, found.end).replace(/\s+$/u, "") : null;
}

/** The heading of section `index` (null for the lead or a missing section). */
export function sectionTitle(text: string, index: number): string | null {
  if (index === 0) return null;
  return headings(text)[index - 1]?.title ?? null;
}

/**
 * The page text with section `index` replaced, as the wiki would store it: used to show a section edit
 * that hit a conflict as a whole-page text, which the three-way view and the merge work on.
 */
export function replaceSection(text: string, index: number, replacement: string): string | null {
  const found = span(text, index);
  if (!found) return null;
  const rest = text.slice(found.end);
  const inserted = replacement === "" ? "" : rest === "" ? replacement : `${replacement}\n\n`;
  return (text.slice(0, found.start) + inserted + rest).replace(/\s+$/u, "");
}
