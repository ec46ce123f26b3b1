"use client";
/**
 * The edit form. It posts to a server action through useActionState, so it also works without
 * JavaScript (React falls back to a plain form post); the action answers with the next form state.
 */
import { useActionState } from "react";
import { editAction } from "./actions";
import type { EditFormState } from "./form-state";
import { EditConflict } from "./edit-conflict";
import { EditNotice, type EditNoticeLinks } from "./edit-notice";

export function EditForm({ initial, links, discardHref }: { initial: EditFormState; links: EditNoticeLinks; discardHref: string }) {
  const [state, formAction, pending] = useActionState(editAction, initial);
  const conflict = state.conflict;
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="site" value={state.site} />
      <input type="hidden" name="title" value={state.title} />
      {state.section !== null && <input type="hidden" name="section" value={state.section} />}
      {state.baseRevisionId !== null && <input type="hidden" name="baseRevisionId" value={state.baseRevisionId} />}
      {conflict && <input type="hidden" name="currentRevisionId" value={conflict.current.revisionId} />}

      {state.result && <EditNotice result={state.result} links={links} />}
      {conflict && <EditConflict conflict={conflict} />}

      <label className="block">
        <span className="mb-1 block font-bold">{conflict ? "Your version" : "Wikitext"}</span>
        <textarea
          key={state.version}
          name="text"
          defaultValue={state.text}
          rows={conflict ? 12 : 24}
          spellCheck
          className="w-full rounded border border-cdx-border p-2 font-mono text-sm"
        />
      </label>
      <label className="block">
        <span className="mb-1 block font-bold">Summary</span>
        <input name="summary" defaultValue={state.summary} maxLength={500} className="w-full rounded border border-cdx-border p-2" />
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="minor" defaultChecked={state.minor} />
        This is a minor edit
      </label>
      <div className="flex flex-wrap gap-3">
        {conflict ? (
          <>
            <button type="submit" name="intent" value="merge" className="cdx-button-primary" disabled={pending}>
              Apply my change on top
            </button>
            <a href={discardHref} className="cdx-button">
              Discard my change
            </a>
          </>
        ) : (
          <button type="submit" name="intent" value="save" className="cdx-button-primary" disabled={pending}>
            {state.baseRevisionId === null ? "Create page" : "Save changes"}
          </button>
        )}
      </div>
    </form>
  );
}
