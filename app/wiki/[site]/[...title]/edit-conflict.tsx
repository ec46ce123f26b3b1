/**
 * The three-way view of an edit conflict: what the other person changed since the version the user
 * started from, and what the user changed, each as a line diff against that base.
 */
import type { DiffLine } from "@/lib/edits/diff";
import { FilledParts, type LabelParts } from "@/lib/ui/wiki/label-parts";
import type { EditConflictView } from "./form-state";

export interface EditConflictLabels {
  heading: string;
  /** $1: the revision the user started from; $2: the page's current revision. */
  intro: LabelParts;
  theirsHeading: LabelParts;
  theirs: string;
  /** $1: the revision the user started from. */
  mineHeading: LabelParts;
  mine: string;
  currentInFull: string;
  baseInFull: string;
}

/** The wiki's text in the page's own language and direction, whatever the interface's. */
export interface ContentLanguage {
  lang: string;
  dir: "ltr" | "rtl";
}

const LINE_STYLE: Record<DiffLine["kind"], string> = {
  added: "bg-cdx-bg-success-subtle",
  removed: "bg-cdx-bg-error-subtle line-through",
  same: "",
  skipped: "text-cdx-subtle",
};
const PREFIX: Record<DiffLine["kind"], string> = { added: "+ ", removed: "− ", same: "  ", skipped: "" };

function Diff({ lines, label, content }: { lines: DiffLine[]; label: string; content: ContentLanguage }) {
  return (
    <pre aria-label={label} lang={content.lang} dir={content.dir} className="overflow-x-auto whitespace-pre-wrap rounded border border-cdx-border-subtle p-2 text-sm">
      {lines.map((line, i) => (
        <div key={i} className={LINE_STYLE[line.kind]} data-kind={line.kind}>
          {line.kind === "skipped" ? "⋯" : `${PREFIX[line.kind]}${line.text}`}
        </div>
      ))}
    </pre>
  );
}

export function EditConflict({ conflict, labels, content }: { conflict: EditConflictView; labels: EditConflictLabels; content: ContentLanguage }) {
  const base = String(conflict.base.revisionId);
  const current = String(conflict.current.revisionId);
  return (
    <section aria-labelledby="conflict-heading" className="space-y-3">
      <h2 id="conflict-heading" className="text-xl font-bold">
        {labels.heading}
      </h2>
      <p className="text-cdx-subtle">
        <FilledParts parts={labels.intro} values={[base, current]} />
      </p>
      <h3 className="font-bold">
        <FilledParts parts={labels.theirsHeading} values={[base, current]} />
      </h3>
      <Diff lines={conflict.theirs} label={labels.theirs} content={content} />
      <h3 className="font-bold">
        <FilledParts parts={labels.mineHeading} values={[base]} />
      </h3>
      <Diff lines={conflict.mine} label={labels.mine} content={content} />
      <details>
        <summary>{labels.currentInFull}</summary>
        <pre lang={content.lang} dir={content.dir} className="overflow-x-auto whitespace-pre-wrap rounded border border-cdx-border-subtle p-2 text-sm">{conflict.current.text}</pre>
      </details>
      <details>
        <summary>{labels.baseInFull}</summary>
        <pre lang={content.lang} dir={content.dir} className="overflow-x-auto whitespace-pre-wrap rounded border border-cdx-border-subtle p-2 text-sm">{conflict.base.text}</pre>
      </details>
    </section>
  );
}
