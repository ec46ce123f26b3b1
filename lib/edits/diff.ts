/** Line diffs for the three-way view (the `diff` package), as plain data a component can render. */
import { diffLines } from "diff";

export interface DiffLine {
  /** `skipped` stands for a run of unchanged lines far from any change. */
  kind: "added" | "removed" | "same" | "skipped";
  text: string;
}

/** How many unchanged lines to keep around a change, so a long page's diff stays readable. */
const CONTEXT = 2;

export function lineDiff(before: string, after: string): DiffLine[] {
  const all: DiffLine[] = [];
  for (const change of diffLines(before, after)) {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    for (const text of change.value.replace(/\n$/, "").split("\n")) all.push({ kind, text });
  }
  const out: DiffLine[] = [];
  all.forEach((line, i) => {
    const nearChange = all.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((other) => other.kind !== "same");
    if (nearChange) out.push(line);
    else if (out.at(-1)?.kind !== "skipped") out.push({ kind: "skipped", text: "" });
  });
  return out;
}
