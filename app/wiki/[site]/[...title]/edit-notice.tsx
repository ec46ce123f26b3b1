/**
 * A save's outcome as a message with what to do next: each refusal (blocked, protected, AbuseFilter,
 * CAPTCHA, rate limit, ended connection) gets its own way forward, so nobody is left with "error".
 */
import Link from "next/link";
import type { EditResult } from "./form-state";

export interface EditNoticeLinks {
  /** The page on the wiki itself, for what Wikiport cannot do (a CAPTCHA, an appeal). */
  wikiUrl: string;
  /** Wikiport's "add a section" on the talk page, to suggest a change to a protected page. */
  talkHref: string;
  pageHref: string;
}

const TITLES: Record<string, string> = {
  blocked: "You are blocked",
  protected: "This page is protected",
  abuse_filter: "An abuse filter stopped this edit",
  captcha: "The wiki wants a CAPTCHA",
  rate_limited: "Too many edits in a short time",
  reconnect_needed: "Reconnect to Wikimedia",
  edit_conflict: "Edit conflict",
  merge_conflict: "Your change overlaps the current version",
  page_exists: "The page exists already",
};

function Next({ code, links }: { code: string; links: EditNoticeLinks }) {
  switch (code) {
    case "blocked":
      return <a href={links.wikiUrl}>Open the page on the wiki to read how to appeal</a>;
    case "protected":
      return <a href={links.talkHref}>Suggest your change on the talk page</a>;
    case "abuse_filter":
      return <span>Your text is kept below: change it, then save again.</span>;
    case "captcha":
      return <a href={`${links.wikiUrl}?action=edit`}>Make this edit on the wiki itself</a>;
    case "rate_limited":
      return <span>Your text is kept below: wait, then save again.</span>;
    case "reconnect_needed":
      return <Link href="/dashboard">Reconnect on your dashboard</Link>;
    case "signed_out":
      return <Link href="/">Sign in again</Link>;
    default:
      return null;
  }
}

export function EditNotice({ result, links }: { result: EditResult; links: EditNoticeLinks }) {
  if (result.ok) {
    return (
      <p role="status" className="rounded border border-cdx-success bg-cdx-bg-success-subtle p-3">
        {result.kind === "saved" ? (
          <>
            Saved{result.revisionId !== null ? ` as revision ${result.revisionId}` : ""}. <a href={links.pageHref}>View the page</a>
          </>
        ) : (
          "Your change was applied on top of the current version. Check the text below, then save."
        )}
      </p>
    );
  }
  return (
    <div role="alert" className="rounded border border-cdx-error bg-cdx-bg-error-subtle p-3">
      <p className="font-bold">{TITLES[result.code] ?? "Not saved"}</p>
      <p>{result.message}</p>
      <p className="mt-1">
        <Next code={result.code} links={links} />
      </p>
    </div>
  );
}
