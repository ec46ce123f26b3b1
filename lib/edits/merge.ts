/**
 * Three-way merge of wikitext, line by line (node-diff3): "apply my change on top" of a page someone
 * else changed. `base` is the revision both edits started from, `current` the page now, `mine` the
 * user's text. Without overlapping changes the result is ready to save; otherwise the conflicting
 * stretches are marked so the user can settle them by hand.
 */
import { diff3Merge } from "node-diff3";

export const CONFLICT_MARKERS = {
  start: "<<<<<<< your version",
  middle: "=======",
  end: ">>>>>>> current version",
} as const;

export type MergeOutcome =
  | { clean: true; text: string }
  /** `text` holds every conflict between the markers above; `conflicts` counts them. */
  | { clean: false; text: string; conflicts: number };

function lines(text: string): string[] {
  return text.replace(/\r\n?/g, "\n").split("\n");
}

export function mergeThreeWay(base: string, current: string, mine: string): MergeOutcome {
  // excludeFalseConflicts: both sides making the same change is agreement, not a conflict.
  const regions = diff3Merge(lines(mine), lines(base), lines(current), { excludeFalseConflicts: true });
  const out: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok) {
      out.push(...region.ok);
    } else if (region.conflict) {
      conflicts += 1;
      out.push(CONFLICT_MARKERS.start, ...region.conflict.a, CONFLICT_MARKERS.middle, ...region.conflict.b, CONFLICT_MARKERS.end);
    }
  }
  const text = out.join("\n");
  return conflicts === 0 ? { clean: true, text } : { clean: false, text, conflicts };
}

/** Whether a text still carries conflict markers: saving it would put them on the wiki. */
export function hasConflictMarkers(text: string): boolean {
  return lines(text).some((line) => line === CONFLICT_MARKERS.start || line === CONFLICT_MARKERS.end);
}
