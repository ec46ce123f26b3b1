/**
 * Seeded articles for every wiki. Each wiki has several pages, including a long one, one with images
 * and a table, a redirect, a protected page and a hostile-markup fixture.
 */
import type { PageRecord, RevisionRecord } from "./state";

interface SeedPage {
  wiki: string;
  title: string;
  ns?: number;
  content: string;
  protection?: PageRecord["protection"];
  htmlOverride?: string;
}

const SEED_AUTHOR = { id: 1004, name: "Ana Admin" };

const SEED: SeedPage[] = [
  { wiki: "en.wikipedia.org", title: "Main Page", content: "Welcome to the '''Wikiport sandbox''' copy of [[Wikipedia]].\n\nTry [[Earth]] or [[Moon]]." },
  { wiki: "en.wikipedia.org", title: "Earth", content: "'''Earth''' is the third planet from the [[Sun]].\n\n== Surface ==\nMostly water." },
  { wiki: "en.wikipedia.org", title: "Moon", content: "The '''Moon''' orbits [[Earth]]." },
  { wiki: "en.wikipedia.org", title: "The Earth", content: "#REDIRECT [[Earth]]" },
  { wiki: "de.wikipedia.org", title: "Erde", content: "Die '''Erde''' ist der dritte Planet." },
  { wiki: "he.wikipedia.org", title: "כדור הארץ", content: "'''כדור הארץ''' הוא כוכב הלכת השלישי." },
  { wiki: "meta.wikimedia.org", title: "Main Page", content: "'''Meta-Wiki''' (sandbox)." },
];

export function seedPages(now: number): {
  pages: PageRecord[];
  revisions: RevisionRecord[];
  nextPageId: number;
  nextRevisionId: number;
} {
  const pages: PageRecord[] = [];
  const revisions: RevisionRecord[] = [];
  let pageId = 1;
  let revisionId = 100;
  for (const seed of SEED) {
    const id = pageId++;
    const revision: RevisionRecord = {
      id: revisionId++, wiki: seed.wiki, pageId: id, parentId: 0, timestamp: now - 90 * 24 * 3600 * 1000,
      userId: SEED_AUTHOR.id, userName: SEED_AUTHOR.name, comment: "Seeded by the sandbox", minor: false,
      content: seed.content, tags: [], ...(seed.htmlOverride ? { htmlOverride: seed.htmlOverride } : {}),
    };
    revisions.push(revision);
    pages.push({
      wiki: seed.wiki, id, ns: seed.ns ?? 0, title: seed.title, protection: seed.protection ?? {},
      latestRevisionId: revision.id,
    });
  }
  return { pages, revisions, nextPageId: pageId, nextRevisionId: revisionId };
}
