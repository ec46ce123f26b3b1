"use client";
/**
 * "Undo" on a line of the activity log. The answer shows next to the line: the new revision, or why the
 * wiki would not undo, with the page's editor when later edits got in the way (decision 024).
 */
import { useActionState } from "react";
import { undoAction, type UndoState } from "./actions";

/** The button's words, translated by the dashboard page. */
export interface UndoButtonLabels {
  undo: string;
  /** The accessible name: "Undo: Edited Moon on en.wikipedia.org". */
  undoLabel: string;
  openEditor: string;
}

export function UndoButton({ eventId, editHref, labels }: { eventId: number; editHref: string; labels: UndoButtonLabels }) {
  const [state, formAction, pending] = useActionState<UndoState, FormData>(undoAction, null);
  return (
    <span className="flex flex-wrap items-baseline gap-2">
      {state?.ok ? null : (
        <form action={formAction} className="inline">
          <input type="hidden" name="eventId" value={eventId} />
          <button type="submit" className="cdx-button" disabled={pending} aria-label={labels.undoLabel}>
            {labels.undo}
          </button>
        </form>
      )}
      {state?.ok ? (
        <span role="status" className="text-cdx-success">
          {state.message}
        </span>
      ) : null}
      {state && !state.ok ? (
        <span role="alert" className="text-cdx-error">
          {state.message}{" "}
          {state.code === "undo_failed" || state.code === "edit_conflict" ? <a href={editHref}>{labels.openEditor}</a> : null}
        </span>
      ) : null}
    </span>
  );
}
