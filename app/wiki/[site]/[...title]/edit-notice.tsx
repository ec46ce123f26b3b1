/**
 * A save's outcome as a message with what to do next: each refusal (blocked, protected, AbuseFilter,
 * CAPTCHA, rate limit, ended connection) gets its own way forward, so nobody is left with "error".
 * Rendered in the browser too (the edit forms): its words come as props (labels.ts builds them), and a
 * failure's sentence was put in the interface language by the action that answered.
 */
import Link from "next/link";
import { fillText, type LabelParts } from "@/lib/ui/wiki/label-parts";
import type { EditResult } from "./form-state";

export interface EditNoticeLinks {
  /** The page on the wiki itself, for what Wikiport cannot do (a CAPTCHA, an appeal). */
  wikiUrl: string;
  /** Wikiport's "add a section" on the talk page, to suggest a change to a protected page. */
  talkHref: string;
  pageHref: string;
}

/** The refusals that have a title of their own, and a way forward. */
export type NoticeCode =
  | "blocked"
  | "protected"
  | "abuse_filter"
  | "captcha"
  | "rate_limited"
  | "reconnect_needed"
  | "edit_conflict"
  | "merge_conflict"
  | "page_exists"
  | "signed_out";

export interface EditNoticeLabels {
  titles: Partial<Record<NoticeCode, string>>;
  notSaved: string;
  next: Partial<Record<NoticeCode, string>>;
  saved: string;
  savedAsRevision: LabelParts;
  viewPage: string;
  merged: string;
}

function Next({ code, links, labels }: { code: string; links: EditNoticeLinks; labels: EditNoticeLabels }) {
  const text = labels.next[code as NoticeCode];
  if (text === undefined) return null;
  switch (code) {
    case "blocked":
      return <a href={links.wikiUrl}>{text}</a>;
    case "protected":
      return <a href={links.talkHref}>{text}</a>;
    case "captcha":
      return <a href={`${links.wikiUrl}?action=edit`}>{text}</a>;
    case "reconnect_needed":
      return <Link href="/dashboard">{text}</Link>;
    case "signed_out":
      return <Link href="/">{text}</Link>;
    default:
      return <span>{text}</span>;
  }
}

export function EditNotice({ result, links, labels }: { result: EditResult; links: EditNoticeLinks; labels: EditNoticeLabels }) {
  if (result.ok) {
    return (
      <p role="status" className="rounded border border-cdx-success bg-cdx-bg-success-subtle p-3">
        {result.kind === "saved" ? (
          <>
            {result.revisionId !== null ? fillText(labels.savedAsRevision, [String(result.revisionId)]) : labels.saved} <a href={links.pageHref}>{labels.viewPage}</a>
          </>
        ) : (
          labels.merged
        )}
      </p>
    );
  }
  return (
    <div role="alert" className="rounded border border-cdx-error bg-cdx-bg-error-subtle p-3">
      <p className="font-bold">{labels.titles[result.code as NoticeCode] ?? labels.notSaved}</p>
      <p>{result.message}</p>
      <p className="mt-1">
        <Next code={result.code} links={links} labels={labels} />
      </p>
    </div>
  );
}
