/** Search results on one wiki: titles into Wikiport's article view, with the wiki's highlighted excerpts. */
import Link from "next/link";
import type { SearchResult } from "@/lib/articles/read";
import { Message } from "@/lib/i18n/message";
import type { Translator } from "@/lib/i18n/translate";
import type { Site } from "@/lib/wikimedia/sites";
import { wikiHref } from "./address";

export function SearchResults({ t, site, query, results }: { t: Translator; site: Site; query: string; results: SearchResult[] }) {
  if (results.length === 0) {
    return (
      <p className="text-cdx-subtle">
        <Message t={t} k="wikiport-search-no-results" elements={[<bdi key="query">{query}</bdi>, site.host]} />
      </p>
    );
  }
  return (
    <ol className="flex flex-col gap-4" lang={site.lang} dir={site.dir}>
      {results.map((result) => (
        <li key={result.key}>
          <Link href={wikiHref(site, result.key)} className="text-lg font-bold">
            {result.title}
          </Link>
          {result.description ? <p className="text-sm text-cdx-subtle">{result.description}</p> : null}
          {result.excerptHtml ? (
            <p
              className="wikiport-search-excerpt"
              // Only the output of sanitizeExcerpt: text and <span class="searchmatch">.
              dangerouslySetInnerHTML={{ __html: result.excerptHtml }}
            />
          ) : null}
        </li>
      ))}
    </ol>
  );
}
