/** Shapes of the seeded content; `seed-pages.ts` turns them into page and revision records. */
import type { PageRecord } from "../../state";

export interface SeedAuthor {
  /** 0 for an edit by an IP address, as MediaWiki records logged-out edits. */
  id: number;
  name: string;
}

export interface SeedRevision {
  content: string;
  author: SeedAuthor;
  comment: string;
  minor?: boolean;
  /** Age of the revision; the seed places it this many days before the sandbox starts. */
  daysAgo: number;
  tags?: string[];
  htmlOverride?: string;
}

export interface SeedPage {
  /** Prefixed title as users write it; normalized with the wiki's namespace names when seeded. */
  title: string;
  protection?: PageRecord["protection"];
  /** Short description (Wikidata/shortdesc), shown in search results. */
  description?: string;
  /** Oldest first. */
  revisions: SeedRevision[];
}

export interface SeedWiki {
  host: string;
  pages: SeedPage[];
}
