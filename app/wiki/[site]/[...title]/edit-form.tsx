"use client";
/**
 * The edit form. It posts to a server action through useActionState, so it also works without
 * JavaScript (React falls back to a plain form post); the action answers with the next form state.
 */
import { useActionState } from "react";
import { editAction } from "./actions";
import type { EditFormState } from "./form-state";
import { EditConflict, type ContentLanguage } from "./edit-conflict";
import type { EditFormLabels } from "./edit-form-labels";
import { EditNotice, type EditNoticeLinks } from "./edit-notice";

export function EditForm({
  initial,
  links,
  discardHref,
  labels,
  content,
}: {
  initial: EditFormState;
  links: EditNoticeLinks;
  discardHref: string;
  labels: EditFormLabels;
  /** The page's language: the wikitext is edited in it, whatever the interface's (as MediaWiki's edit box). */
  content: ContentLanguage;
}) {
  const [state, formAction, pending] = useActionState(editAction, initial);
  const conflict = state.conflict;
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="site" value={state.site} />
      <input type="hidden" name="title" value={state.title} />
      {state.section !== null && <input type="hidden" name="section" value={state.section} />}
      {state.baseRevisionId !== null && <input type="hidden" name="baseRevisionId" value={state.baseRevisionId} />}
      {conflict && <input type="hidden" name="currentRevisionId" value={conflict.current.revisionId} />}

      {state.result && <EditNotice result={state.result} links={links} labels={labels.notice} />}
      {conflict && <EditConflict conflict={conflict} labels={labels.conflict} content={content} />}

      <label className="block">
        <span className="mb-1 block font-bold">{conflict ? labels.yourVersion : labels.wikitext}</span>
        <textarea
          key={state.version}
          name="text"
          defaultValue={state.text}
          rows={conflict ? 12 : 24}
          lang={content.lang}
          dir={content.dir}
          spellCheck
          className="w-full rounded border border-cdx-border p-2 font-mono text-sm"
        />
      </label>
      <label className="block">
        <span className="mb-1 block font-bold">{labels.summary}</span>
        <input name="summary" dir="auto" defaultValue={state.summary} maxLength={500} className="w-full rounded border border-cdx-border p-2" />
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="minor" defaultChecked={state.minor} />
        {labels.minor}
      </label>
      <div className="flex flex-wrap gap-3">
        {conflict ? (
          <>
            <button type="submit" name="intent" value="merge" className="cdx-button-primary" disabled={pending}>
              {labels.merge}
            </button>
            <a href={discardHref} className="cdx-button">
              {labels.discard}
            </a>
          </>
        ) : (
          <button type="submit" name="intent" value="save" className="cdx-button-primary" disabled={pending}>
            {state.baseRevisionId === null ? labels.create : labels.save}
          </button>
        )}
      </div>
    </form>
  );
}
