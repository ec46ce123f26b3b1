"use client";
/**
 * "Undo" on a line of the activity log. The answer shows next to the line: the new revision, or why the
 * wiki would not undo, with the page's editor when later edits got in the way (decision 024).
 */
import { useActionState } from "react";
import { undoAction, type UndoState } from "./actions";

export function UndoButton({ eventId, what, editHref }: { eventId: number; what: string; editHref: string }) {
  const [state, formAction, pending] = useActionState<UndoState, FormData>(undoAction, null);
  return (
    <span className="flex flex-wrap items-baseline gap-2">
      {state?.ok ? null : (
        <form action={formAction} className="inline">
          <input type="hidden" name="eventId" value={eventId} />
          <button type="submit" className="cdx-button" disabled={pending} aria-label={`Undo: ${what}`}>
            Undo
          </button>
        </form>
      )}
      {state?.ok ? (
        <span role="status" className="text-cdx-success">
          {state.revisionId === null ? "Nothing to undo: the page already reads as before this edit." : `Undone as revision ${state.revisionId}.`}
        </span>
      ) : null}
      {state && !state.ok ? (
        <span role="alert" className="text-cdx-error">
          {state.message}{" "}
          {state.code === "undo_failed" || state.code === "edit_conflict" ? <a href={editHref}>Open the editor</a> : null}
        </span>
      ) : null}
    </span>
  );
}
