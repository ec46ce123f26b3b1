/** A page's history: 20 revisions a page, newest first, with links to older and newer revisions. */
import { cdxIconNext, cdxIconPrevious } from "@wikimedia/codex-icons";
import Link from "next/link";
import { notFound } from "next/navigation";
import { readHistory } from "@/lib/articles/server";
import { getCurrentUser } from "@/lib/auth/session";
import { Message } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/request";
import type { Translator } from "@/lib/i18n/translate";
import { Icon } from "@/lib/ui/icon";
import type { Revision } from "@/lib/wikimedia/rest";
import { wikiHref, type WikiAddress } from "@/lib/ui/wiki/address";
import { displayTitle, formatTimestamp, WikiErrorBox, WikiPageFrame } from "./article-view";

/** A revision id from the query, or undefined: anything else is ignored rather than sent to the wiki. */
function revisionParam(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,12}$/.test(value) ? Number(value) : undefined;
}

function Delta({ t, delta }: { t: Translator; delta: number | null }) {
  if (delta === null) return <span className="text-cdx-subtle">—</span>;
  const tone = delta > 0 ? "text-cdx-success" : delta < 0 ? "text-cdx-error" : "text-cdx-subtle";
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "";
  // The sign stays before the number in a right-to-left interface too, as on MediaWiki's history pages.
  return (
    <span className={tone} dir="ltr">
      {`${sign}${t.number(Math.abs(delta))}`}
    </span>
  );
}

function RevisionRow({ t, revision }: { t: Translator; revision: Revision }) {
  const user = revision.user?.name ?? null;
  return (
    <tr className="border-b border-cdx-border-subtle align-top">
      <td className="py-2 pe-3 whitespace-nowrap">
        <time dateTime={revision.timestamp}>{formatTimestamp(t, revision.timestamp)}</time>
      </td>
      <td className="py-2 pe-3">{user !== null ? <bdi>{user}</bdi> : <span className="text-cdx-subtle">{t.msg("wikiport-history-username-removed")}</span>}</td>
      <td className="py-2 pe-3 text-end tabular-nums">
        <Delta t={t} delta={revision.delta} />
      </td>
      <td className="py-2">
        {revision.minor ? (
          <abbr title={t.msg("wikiport-history-minor-title")} className="me-1 font-bold no-underline">
            {t.msg("wikiport-history-minor-abbr")}
          </abbr>
        ) : null}
        {/* Comments are plain text from the wiki, in any direction: React escapes them, <bdi> isolates them. */}
        {revision.comment ? <bdi>{revision.comment}</bdi> : <span className="text-cdx-subtle">{t.msg("wikiport-history-no-summary")}</span>}
      </td>
    </tr>
  );
}

export async function ArticleHistory({ address }: { address: WikiAddress }) {
  const { site, title } = address;
  const [user, t] = await Promise.all([getCurrentUser(), getTranslator()]);
  const olderThan = revisionParam(address.query.older_than);
  const newerThan = revisionParam(address.query.newer_than);
  const result = await readHistory(site, title, user, {
    ...(olderThan !== undefined ? { olderThan } : {}),
    ...(newerThan !== undefined ? { newerThan } : {}),
  });
  if (!result.ok && result.error.code === "invalid_title") notFound();

  return (
    <WikiPageFrame user={user} site={site} title={title} action="history">
      <h1 className="text-3xl font-bold text-cdx-emphasized">
        <Message
          t={t}
          k="wikiport-history-heading"
          elements={[
            <bdi key="title" lang={site.lang} dir={site.dir}>
              {displayTitle(title)}
            </bdi>,
          ]}
        />
      </h1>
      {!result.ok ? (
        result.error.code === "not_found" ? (
          <p role="alert" className="rounded-cdx border border-cdx-warning bg-cdx-bg-warning-subtle p-4">
            {t.msg("wikiport-history-missing", site.host)}
          </p>
        ) : (
          <WikiErrorBox error={result.error} />
        )
      ) : (
        <>
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{t.msg("wikiport-history-caption", displayTitle(title))}</caption>
            <thead>
              <tr className="border-b border-cdx-border text-start">
                <th scope="col" className="py-2 pe-3 text-start">{t.msg("wikiport-history-column-time")}</th>
                <th scope="col" className="py-2 pe-3 text-start">{t.msg("wikiport-history-column-user")}</th>
                <th scope="col" className="py-2 pe-3 text-end">{t.msg("wikiport-history-column-change")}</th>
                <th scope="col" className="py-2 text-start">{t.msg("wikiport-history-column-summary")}</th>
              </tr>
            </thead>
            <tbody>
              {result.value.revisions.map((revision) => (
                <RevisionRow key={revision.id} t={t} revision={revision} />
              ))}
            </tbody>
          </table>
          <nav aria-label={t.msg("wikiport-history-nav-label")} className="flex justify-between text-sm">
            {result.value.newerThan !== null ? (
              <Link href={wikiHref(site, title, "history", { newer_than: String(result.value.newerThan) })} className="flex items-center gap-1">
                <Icon icon={cdxIconPrevious} size={16} dir={t.dir} lang={t.language} />
                {t.msg("wikiport-history-newer")}
              </Link>
            ) : (
              <span />
            )}
            {result.value.olderThan !== null ? (
              <Link href={wikiHref(site, title, "history", { older_than: String(result.value.olderThan) })} className="flex items-center gap-1">
                {t.msg("wikiport-history-older")}
                <Icon icon={cdxIconNext} size={16} dir={t.dir} lang={t.language} />
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </WikiPageFrame>
  );
}
