/** Every wiki's seeded content, and the short descriptions search shows for it. */
import { DE_WIKI } from "./de";
import { EN_WIKI } from "./en";
import { HE_WIKI } from "./he";
import { META_WIKI } from "./meta";
import type { SeedWiki } from "./types";

export const SEED_WIKIS: readonly SeedWiki[] = [META_WIKI, EN_WIKI, DE_WIKI, HE_WIKI];

const descriptions = new Map<string, string>();
for (const wiki of SEED_WIKIS) {
  for (const page of wiki.pages) if (page.description) descriptions.set(`${wiki.host}\u0000${page.title}`, page.description);
}

/** Short description of a seeded page (Wikidata's, on Wikimedia); null for pages made later. */
export function seededDescription(wikiHost: string, title: string): string | null {
  return descriptions.get(`${wikiHost}\u0000${title}`) ?? null;
}
