/**
 * What the edit form shows between submissions (useActionState). Kept out of actions.ts, which as a
 * "use server" module may export only async functions.
 */
import type { DiffLine } from "@/lib/edits/diff";
import type { ActionFailure } from "@/lib/server-actions/result";

export type EditResult =
  | { ok: true; kind: "saved"; revisionId: number | null }
  /** "Apply my change on top" merged cleanly: the text below is ready to save. */
  | { ok: true; kind: "merged" }
  | (ActionFailure & { conflicts?: number });

export interface EditConflictView {
  base: { revisionId: number; text: string };
  current: { revisionId: number; text: string };
  /** base → current: what the other person changed. */
  theirs: DiffLine[];
  /** base → mine: what the user changed. */
  mine: DiffLine[];
}

export interface EditFormState {
  /** Bumped whenever the server replaces the text, so the textarea takes the new value. */
  version: number;
  site: string;
  title: string;
  section: number | null;
  baseRevisionId: number | null;
  text: string;
  summary: string;
  minor: boolean;
  result: EditResult | null;
  conflict: EditConflictView | null;
}

export type AddSectionState = { version: number; result: EditResult | null; sectionTitle: string; text: string };

export type WatchState = ({ ok: true } | ActionFailure) & { watched: boolean };
