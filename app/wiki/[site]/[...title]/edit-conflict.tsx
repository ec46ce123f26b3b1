/**
 * The three-way view of an edit conflict: what the other person changed since the version the user
 * started from, and what the user changed, each as a line diff against that base.
 */
import type { DiffLine } from "@/lib/edits/diff";
import type { EditConflictView } from "./form-state";

const LINE_STYLE: Record<DiffLine["kind"], string> = {
  added: "bg-cdx-bg-success-subtle",
  removed: "bg-cdx-bg-error-subtle line-through",
  same: "",
  skipped: "text-cdx-subtle",
};
const PREFIX: Record<DiffLine["kind"], string> = { added: "+ ", removed: "− ", same: "  ", skipped: "" };

function Diff({ lines, label }: { lines: DiffLine[]; label: string }) {
  return (
    <pre aria-label={label} className="overflow-x-auto whitespace-pre-wrap rounded border border-cdx-border-subtle p-2 text-sm">
      {lines.map((line, i) => (
        <div key={i} className={LINE_STYLE[line.kind]} data-kind={line.kind}>
          {line.kind === "skipped" ? "⋯" : `${PREFIX[line.kind]}${line.text}`}
        </div>
      ))}
    </pre>
  );
}

export function EditConflict({ conflict }: { conflict: EditConflictView }) {
  return (
    <section aria-labelledby="conflict-heading" className="space-y-3">
      <h2 id="conflict-heading" className="text-xl font-bold">
        Three versions
      </h2>
      <p className="text-cdx-subtle">
        You started from revision {conflict.base.revisionId}; the page is now at revision {conflict.current.revisionId}.
      </p>
      <h3 className="font-bold">Their change (revision {conflict.base.revisionId} → {conflict.current.revisionId})</h3>
      <Diff lines={conflict.theirs} label="Their change" />
      <h3 className="font-bold">Your change (revision {conflict.base.revisionId} → yours)</h3>
      <Diff lines={conflict.mine} label="Your change" />
      <details>
        <summary>The current version in full</summary>
        <pre className="overflow-x-auto whitespace-pre-wrap rounded border border-cdx-border-subtle p-2 text-sm">{conflict.current.text}</pre>
      </details>
      <details>
        <summary>The version you started from in full</summary>
        <pre className="overflow-x-auto whitespace-pre-wrap rounded border border-cdx-border-subtle p-2 text-sm">{conflict.base.text}</pre>
      </details>
    </section>
  );
}
