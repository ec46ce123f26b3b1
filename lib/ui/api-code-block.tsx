"use client";
/** A labelled block of shell commands with a "Copy" button. It only ever shows placeholders, never a token. */
import { useId } from "react";
import { CopyButton, type CopyLabels } from "./copy-button";

export function ApiCodeBlock({ label, code, labels }: { label: string; code: string; labels: CopyLabels & { /** "Copy: <label>" */ copyLabel: string } }) {
  const id = useId();
  return (
    <figure aria-labelledby={id} className="flex flex-col gap-1">
      <div className="flex items-center justify-between gap-2">
        <figcaption id={id} className="text-sm text-cdx-subtle">
          {label}
        </figcaption>
        <CopyButton text={code} targetId={`${id}-code`} labels={labels} accessibleName={labels.copyLabel} small />
      </div>
      {/* Focusable: a long line scrolls sideways, and keyboard users must be able to scroll it too. Code reads left to right in any interface. */}
      <pre id={`${id}-code`} tabIndex={0} dir="ltr" className="overflow-x-auto rounded-cdx border border-cdx-border-subtle bg-cdx-bg-subtle p-3 text-sm">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
