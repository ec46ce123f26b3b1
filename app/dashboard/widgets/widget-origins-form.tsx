"use client";
/**
 * Changes a registered widget's allowed origins in place, so its embed id (already pasted into pages)
 * stays the same. Refused lines are listed, with what the owner typed kept.
 */
import { useActionState } from "react";
import { updateWidgetOriginsAction } from "./actions";
import type { UpdateOriginsState } from "./builder";

/** The form's words, translated by the page. */
export interface WidgetOriginsFormLabels {
  notChanged: string;
  /** "Allowed origins of <name>, one per line". */
  field: string;
  save: string;
}

export function WidgetOriginsForm({ embedId, origins, labels }: { embedId: string; origins: string[]; labels: WidgetOriginsFormLabels }) {
  const [state, formAction, pending] = useActionState<UpdateOriginsState, FormData>(updateWidgetOriginsAction, null);
  const id = `origins-${embedId}`;
  return (
    <form action={formAction} className="flex flex-col gap-2">
      {state ? (
        <div role="alert" className="rounded-cdx border border-cdx-error bg-cdx-bg-error-subtle p-3">
          <p className="font-bold">{labels.notChanged}</p>
          <ul className="list-disc ps-5">
            {state.messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <input type="hidden" name="embedId" value={embedId} />
      <label htmlFor={id} className="text-sm text-cdx-subtle">
        {labels.field}
      </label>
      <textarea
        id={id}
        name="origins"
        required
        rows={Math.min(Math.max(origins.length, 2), 10)}
        defaultValue={state ? state.origins : origins.join("\n")}
        dir="ltr"
        className="w-full rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1 font-mono text-sm"
      />
      <div>
        <button type="submit" className="cdx-button" disabled={pending}>
          {labels.save}
        </button>
      </div>
    </form>
  );
}
