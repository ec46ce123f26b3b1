/**
 * Seeded articles for every wiki (content in ./content/seed): a main page, a long article with a real
 * history, one with images and a table, a redirect, protected pages, file description pages and, on
 * English Wikipedia, the hostile-markup fixture. Revision ids follow time across all wikis, as a wiki's
 * revision ids do.
 */
import { parseTitle } from "./content/pages";
import { SEED_WIKIS } from "./content/seed";
import type { PageRecord, RevisionRecord } from "./state";
import { findWiki } from "./wikis";

const DAY_MS = 24 * 3600 * 1000;
const FIRST_REVISION_ID = 100;

export function seedPages(now: number): {
  pages: PageRecord[];
  revisions: RevisionRecord[];
  nextPageId: number;
  nextRevisionId: number;
} {
  const pages: PageRecord[] = [];
  const pending: { page: PageRecord; revision: Omit<RevisionRecord, "id" | "parentId"> }[] = [];
  let pageId = 1;
  for (const seedWiki of SEED_WIKIS) {
    const wiki = findWiki(seedWiki.host);
    if (!wiki) throw new Error(`seed: unknown wiki ${seedWiki.host}`);
    for (const seed of seedWiki.pages) {
      const title = parseTitle(wiki, seed.title);
      if (!title || title.text !== seed.title) throw new Error(`seed: title "${seed.title}" is not in normalized form`);
      const page: PageRecord = { wiki: wiki.host, id: pageId++, ns: title.ns, title: title.text, protection: seed.protection ?? {}, latestRevisionId: 0 };
      pages.push(page);
      seed.revisions.forEach((revision, index) => {
        pending.push({
          page,
          revision: {
            wiki: wiki.host, pageId: page.id,
            // Whole seconds, as MediaWiki stores them; the index keeps same-instant edits in order.
            timestamp: Math.floor((now - revision.daysAgo * DAY_MS) / 1000) * 1000 + index * 1000,
            userId: revision.author.id, userName: revision.author.name, comment: revision.comment,
            // Pre-save transform trims trailing whitespace, so stored wikitext never ends in a newline.
            minor: revision.minor ?? false, content: revision.content.trimEnd(), tags: revision.tags ?? [],
            ...(revision.htmlOverride !== undefined ? { htmlOverride: revision.htmlOverride } : {}),
          },
        });
      });
    }
  }
  pending.sort((a, b) => a.revision.timestamp - b.revision.timestamp || a.page.id - b.page.id);
  const revisions: RevisionRecord[] = [];
  let revisionId = FIRST_REVISION_ID;
  for (const { page, revision } of pending) {
    const id = revisionId++;
    revisions.push({ ...revision, id, parentId: page.latestRevisionId });
    page.latestRevisionId = id;
  }
  return { pages, revisions, nextPageId: pageId, nextRevisionId: revisionId };
}
