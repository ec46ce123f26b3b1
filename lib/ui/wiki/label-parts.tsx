/**
 * A message cut at its parameters on the server (`Translator.parts`), for a client component to fill with
 * what it only knows in the browser (a revision number from the action's answer, a page title): the
 * catalog never goes to the browser, and the sentence's word order stays the translation's.
 */
import { Fragment, type ReactNode } from "react";

export type LabelParts = readonly (string | number)[];

/** The message as text, each `$n` replaced by `values[n-1]` (for attributes such as `aria-label`). */
export function fillText(parts: LabelParts, values: readonly string[]): string {
  return parts.map((piece) => (typeof piece === "number" ? (values[piece] ?? "") : piece)).join("");
}

/** The message with elements in it (a `<bdi>` title), as `<Message>` renders it on the server. */
export function FilledParts({ parts, values }: { parts: LabelParts; values: readonly ReactNode[] }) {
  return (
    <>
      {parts.map((piece, index) => (
        <Fragment key={index}>{typeof piece === "number" ? values[piece] : piece}</Fragment>
      ))}
    </>
  );
}
