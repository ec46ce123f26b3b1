/**
 * `/watchlist?site=<host>`: the pages the user watches on one wiki (`list=watchlistraw`), each with an
 * Unwatch button. English Wikipedia unless another wiki is named.
 */
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { describeFailure } from "@/lib/i18n/errors";
import { getTranslator } from "@/lib/i18n/request";
import { listWatched } from "@/lib/edits/watch";
import { MAIN_ID, SiteHeader } from "@/app/_components/site-header";
import { wikiHref } from "@/lib/ui/wiki/address";
import { watchToggleLabels } from "@/app/wiki/[site]/[...title]/labels";
import { WatchToggle } from "@/app/wiki/[site]/[...title]/watch-toggle";
import { getWikimedia } from "@/lib/wiring";
import { parseSite } from "@/lib/wikimedia/sites";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t.msg("wikiport-watchlist-title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function WatchlistPage(props: Props) {
  const user = await requireUser();
  const t = await getTranslator();
  const params = await props.searchParams;
  const rawSite = typeof params.site === "string" ? params.site : "en.wikipedia.org";
  const from = typeof params.from === "string" ? params.from.slice(0, 600) : undefined;
  const parsed = parseSite(rawSite);
  const wikimedia = getWikimedia();
  const labels = watchToggleLabels(t);
  const listed = parsed.ok ? await listWatched({ action: wikimedia.action }, wikimedia.asUser(user.id), parsed.site, from) : null;
  return (
    <>
      <SiteHeader user={user} />
      <main id={MAIN_ID} className="mx-auto max-w-3xl space-y-4 px-6 py-10">
        <h1 className="text-3xl font-bold">{t.msg("wikiport-watchlist-title")}</h1>
        <form method="get" className="flex items-end gap-2">
          <label>
            <span className="mb-1 block font-bold">{t.msg("wikiport-watchlist-wiki")}</span>
            <input name="site" defaultValue={rawSite} className="rounded border border-cdx-border p-2" />
          </label>
          <button type="submit" className="cdx-button">
            {t.msg("wikiport-watchlist-show")}
          </button>
        </form>
        {!parsed.ok && <p role="alert">{describeFailure(t, parsed.error)}</p>}
        {listed && !listed.ok && (
          <div role="alert" className="rounded border border-cdx-error bg-cdx-bg-error-subtle p-3">
            <p>{describeFailure(t, listed)}</p>
            {listed.code === "reconnect_needed" && <a href="/dashboard">{t.msg("wikiport-watchlist-reconnect")}</a>}
          </div>
        )}
        {parsed.ok && listed?.ok && (
          <>
            {listed.pages.length === 0 ? (
              <p>{t.msg("wikiport-watchlist-empty", parsed.site.host)}</p>
            ) : (
              <ul aria-label={t.msg("wikiport-watchlist-list-label", parsed.site.host)} className="divide-y divide-cdx-border-subtle">
                {listed.pages.map((page) => (
                  <li key={`${page.ns}|${page.title}`} className="flex items-center justify-between gap-3 py-2">
                    <a href={wikiHref(parsed.site, page.title)} lang={parsed.site.lang} dir={parsed.site.dir}>
                      <bdi>{page.title}</bdi>
                    </a>
                    <WatchToggle site={parsed.site.host} title={page.title} watched labels={labels} />
                  </li>
                ))}
              </ul>
            )}
            {listed.next && <a href={`/watchlist?${new URLSearchParams({ site: parsed.site.host, from: listed.next }).toString()}`}>{t.msg("wikiport-watchlist-more")}</a>}
          </>
        )}
      </main>
    </>
  );
}
