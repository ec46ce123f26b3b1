/**
 * `/search?site=<host>&q=<text>` searches a wiki; `/search?site=<host>&go=<title>` opens that title on
 * that wiki (the wiki switcher and the landing page's form), as MediaWiki's search "Go" does.
 */
import { cdxIconSearch } from "@wikimedia/codex-icons";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { searchPages } from "@/lib/articles/server";
import { getCurrentUser } from "@/lib/auth/session";
import { describeFailure } from "@/lib/i18n/errors";
import { getTranslator } from "@/lib/i18n/request";
import { Icon } from "@/lib/ui/icon";
import { MAIN_ID, SiteHeader } from "@/app/_components/site-header";
import { wikiHref } from "@/lib/ui/wiki/address";
import { COMMON_WIKIS, WikiErrorBox } from "@/app/wiki/[site]/[...title]/article-view";
import { SearchResults } from "@/lib/ui/wiki/search-results";
import { parseSite } from "@/lib/wikimedia/sites";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t.msg("wikiport-search-title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const rawSite = first(params.site) || "en.wikipedia.org";
  const query = first(params.q).slice(0, 300);
  const go = first(params.go);
  const parsed = parseSite(rawSite);
  if (parsed.ok && go && go.length <= 255) redirect(wikiHref(parsed.site, go));

  const [user, t] = await Promise.all([getCurrentUser(), getTranslator()]);
  const result = parsed.ok && query ? await searchPages(parsed.site, query, user) : null;
  const host = parsed.ok ? parsed.site.host : "en.wikipedia.org";

  return (
    <>
      <SiteHeader user={user} />
      <main id={MAIN_ID} className="mx-auto flex max-w-3xl flex-col gap-6 px-6 py-8">
        <h1 className="text-3xl font-bold text-cdx-emphasized">{t.msg("wikiport-search-title")}</h1>
        <form action="/search" method="get" role="search" className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-1">
            <span className="text-sm text-cdx-subtle">{t.msg("wikiport-search-wiki")}</span>
            <input
              name="site"
              defaultValue={host}
              list="common-wikis"
              required
              className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1"
            />
            <datalist id="common-wikis">
              {COMMON_WIKIS.map((wiki) => (
                <option key={wiki} value={wiki} />
              ))}
            </datalist>
          </label>
          <label className="flex grow flex-col gap-1">
            <span className="text-sm text-cdx-subtle">{t.msg("wikiport-search-for")}</span>
            <input
              type="search"
              name="q"
              defaultValue={query}
              required
              maxLength={300}
              className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1"
            />
          </label>
          <button type="submit" className="cdx-button-primary">
            <Icon icon={cdxIconSearch} size={16} />
            {t.msg("wikiport-search-button")}
          </button>
        </form>
        {!parsed.ok ? (
          <p role="alert" className="rounded-cdx border border-cdx-error bg-cdx-bg-error-subtle p-4">
            {describeFailure(t, parsed.error)} {t.msg("wikiport-search-bad-wiki-hint", "en.wikipedia.org")}
          </p>
        ) : result === null ? null : result.ok ? (
          <SearchResults t={t} site={parsed.site} query={query} results={result.value} />
        ) : (
          <WikiErrorBox error={result.error} />
        )}
      </main>
    </>
  );
}
