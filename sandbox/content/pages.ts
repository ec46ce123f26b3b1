/**
 * Titles and page lookups shared by the REST and Action APIs: normalization as MediaWiki does it
 * (underscores to spaces, first letter upper-cased, namespace aliases), page and revision access, and
 * redirect detection.
 */
import type { PageRecord, RevisionRecord } from "../state";
import type { SandboxStore } from "../store";
import type { Wiki } from "../wikis";

export interface ParsedTitle {
  ns: number;
  /** Prefixed text with spaces, e.g. "File:Blue Marble.jpg". */
  text: string;
  /** Prefixed DB key with underscores, e.g. "File:Blue_Marble.jpg". */
  dbKey: string;
}

const CANONICAL_NAMESPACES: Record<number, string> = {
  [-1]: "Special", 0: "", 1: "Talk", 2: "User", 3: "User talk", 4: "Project", 5: "Project talk",
  6: "File", 7: "File talk", 8: "MediaWiki", 10: "Template", 12: "Help", 14: "Category",
};

function namespaceAliases(wiki: Wiki): Map<string, number> {
  const aliases = new Map<string, number>();
  for (const [id, name] of Object.entries(CANONICAL_NAMESPACES)) if (name) aliases.set(name.toLowerCase(), Number(id));
  aliases.set("image", 6);
  aliases.set("wikipedia", 4);
  aliases.set("wp", 4);
  aliases.set(wiki.fileNamespace.toLowerCase(), 6);
  return aliases;
}

export function namespaceName(wiki: Wiki, ns: number): string {
  if (ns === 6) return wiki.fileNamespace === "File" ? "File" : wiki.fileNamespace;
  if (ns === 4) return wiki.siteName === "Meta-Wiki" ? "Meta" : "Wikipedia";
  return CANONICAL_NAMESPACES[ns] ?? "";
}

const ILLEGAL = /[#<>[\]|{}\u0000-\u001f\u007f]|%[0-9A-Fa-f]{2}|^\.{1,2}$|^\.\.?\/|\/\.\.?\/|\/\.\.?$|~{3}/;

function upperFirst(value: string): string {
  const first = value.codePointAt(0);
  if (first === undefined) return value;
  const char = String.fromCodePoint(first);
  return char.toUpperCase() + value.slice(char.length);
}

/** Normalizes a title the way MediaWiki's TitleParser does; null when the title cannot exist. */
export function parseTitle(wiki: Wiki, raw: string): ParsedTitle | null {
  let value = raw.replaceAll("_", " ").replace(/\s+/g, " ").trim();
  if (value.startsWith(":")) value = value.slice(1).trim();
  if (!value || ILLEGAL.test(value) || new TextEncoder().encode(value).length > 255) return null;
  let ns = 0;
  const colon = value.indexOf(":");
  if (colon > 0) {
    const alias = namespaceAliases(wiki).get(value.slice(0, colon).trim().toLowerCase());
    if (alias !== undefined) {
      ns = alias;
      value = value.slice(colon + 1).trim();
      if (!value) return null;
    }
  }
  const name = upperFirst(value);
  const prefix = namespaceName(wiki, ns);
  const text = prefix ? `${prefix}:${name}` : name;
  return { ns, text, dbKey: text.replaceAll(" ", "_") };
}

export function findPage(store: SandboxStore, wiki: Wiki, title: ParsedTitle): PageRecord | undefined {
  return store.state.pages.find((page) => page.wiki === wiki.host && page.title === title.text);
}

export function findPageById(store: SandboxStore, wiki: Wiki, id: number): PageRecord | undefined {
  return store.state.pages.find((page) => page.wiki === wiki.host && page.id === id);
}

export function getRevision(store: SandboxStore, wiki: Wiki, id: number): RevisionRecord | undefined {
  return store.state.revisions.find((revision) => revision.wiki === wiki.host && revision.id === id);
}

export function latestRevision(store: SandboxStore, page: PageRecord): RevisionRecord {
  const revision = store.state.revisions.find((r) => r.wiki === page.wiki && r.id === page.latestRevisionId);
  if (!revision) throw new Error(`page ${page.wiki}/${page.title} has no latest revision ${page.latestRevisionId}`);
  return revision;
}

/** Revisions of a page, newest first. */
export function pageRevisions(store: SandboxStore, page: PageRecord): RevisionRecord[] {
  return store.state.revisions
    .filter((revision) => revision.wiki === page.wiki && revision.pageId === page.id)
    .sort((a, b) => b.id - a.id);
}

/** The target of a `#REDIRECT [[Target]]` page, or null. */
export function redirectTarget(content: string): string | null {
  const match = /^\s*#REDIRECT\s*:?\s*\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]/i.exec(content);
  return match ? match[1]!.trim() : null;
}

/** ISO 8601 without milliseconds, as MediaWiki's APIs write timestamps: 2024-05-01T12:00:00Z. */
export function isoTimestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** MediaWiki's TS_MW form: YYYYMMDDHHMMSS. */
export function mwTimestamp(ms: number): string {
  return isoTimestamp(ms).replace(/[-:TZ]/g, "");
}

/** Byte length of wikitext, as `size` in history and `length` in prop=info. */
export function byteLength(content: string): number {
  return Buffer.byteLength(content, "utf8");
}
