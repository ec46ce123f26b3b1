/** A page's history: 20 revisions a page, newest first, with links to older and newer revisions. */
import { cdxIconNext, cdxIconPrevious } from "@wikimedia/codex-icons";
import Link from "next/link";
import { notFound } from "next/navigation";
import { readHistory } from "@/lib/articles/server";
import { getCurrentUser } from "@/lib/auth/session";
import { Icon } from "@/lib/ui/icon";
import type { Revision } from "@/lib/wikimedia/rest";
import { wikiHref, type WikiAddress } from "@/lib/ui/wiki/address";
import { displayTitle, formatTimestamp, WikiErrorBox, WikiPageFrame } from "./article-view";

/** A revision id from the query, or undefined: anything else is ignored rather than sent to the wiki. */
function revisionParam(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,12}$/.test(value) ? Number(value) : undefined;
}

function Delta({ delta }: { delta: number | null }) {
  if (delta === null) return <span className="text-cdx-subtle">—</span>;
  const tone = delta > 0 ? "text-cdx-success" : delta < 0 ? "text-cdx-error" : "text-cdx-subtle";
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "";
  return <span className={tone}>{`${sign}${Math.abs(delta).toLocaleString("en")}`}</span>;
}

function RevisionRow({ revision }: { revision: Revision }) {
  const user = revision.user?.name ?? null;
  return (
    <tr className="border-b border-cdx-border-subtle align-top">
      <td className="py-2 pe-3 whitespace-nowrap">
        <time dateTime={revision.timestamp}>{formatTimestamp(revision.timestamp)}</time>
      </td>
      <td className="py-2 pe-3">{user ?? <span className="text-cdx-subtle">(username removed)</span>}</td>
      <td className="py-2 pe-3 text-end tabular-nums">
        <Delta delta={revision.delta} />
      </td>
      <td className="py-2">
        {revision.minor ? (
          <abbr title="This is a minor edit" className="me-1 font-bold no-underline">
            m
          </abbr>
        ) : null}
        {/* Comments are plain text from the wiki: React escapes them. */}
        {revision.comment ? <span>{revision.comment}</span> : <span className="text-cdx-subtle">(no edit summary)</span>}
      </td>
    </tr>
  );
}

export async function ArticleHistory({ address }: { address: WikiAddress }) {
  const { site, title } = address;
  const user = await getCurrentUser();
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
        <span lang={site.lang} dir={site.dir}>
          {displayTitle(title)}
        </span>
        : revision history
      </h1>
      {!result.ok ? (
        result.error.code === "not_found" ? (
          <p role="alert" className="rounded-cdx border border-cdx-warning bg-cdx-bg-warning-subtle p-4">
            This page does not exist on {site.host}, so it has no history.
          </p>
        ) : (
          <WikiErrorBox error={result.error} />
        )
      ) : (
        <>
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">Revisions of {displayTitle(title)}, newest first</caption>
            <thead>
              <tr className="border-b border-cdx-border text-start">
                <th scope="col" className="py-2 pe-3 text-start">Time</th>
                <th scope="col" className="py-2 pe-3 text-start">User</th>
                <th scope="col" className="py-2 pe-3 text-end">Change</th>
                <th scope="col" className="py-2 text-start">Summary</th>
              </tr>
            </thead>
            <tbody dir="auto">
              {result.value.revisions.map((revision) => (
                <RevisionRow key={revision.id} revision={revision} />
              ))}
            </tbody>
          </table>
          <nav aria-label="History pages" className="flex justify-between text-sm">
            {result.value.newerThan !== null ? (
              <Link href={wikiHref(site, title, "history", { newer_than: String(result.value.newerThan) })} className="flex items-center gap-1">
                <Icon icon={cdxIconPrevious} size={16} />
                Newer revisions
              </Link>
            ) : (
              <span />
            )}
            {result.value.olderThan !== null ? (
              <Link href={wikiHref(site, title, "history", { older_than: String(result.value.olderThan) })} className="flex items-center gap-1">
                Older revisions
                <Icon icon={cdxIconNext} size={16} />
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </WikiPageFrame>
  );
}
