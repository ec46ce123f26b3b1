/**
 * The V8 limits a Wikiport server process (`next start`) runs with, in one place: `npm start` and the
 * benchmark give them to the app, and docs/deploying.md gives operators the same line for their own
 * `next start` (docs/decisions/022-memory-budget.md). Without them V8 sizes its heap from the machine's
 * RAM (about 4 GiB of old space on a large machine) and, having room, lets a busy process grow to
 * 500–700 MiB before it collects in earnest; with them it collects sooner and stays within 300 MiB.
 * Not for `next build`, which needs far more.
 */

/**
 * Old space: the process's live data (about 100–130 MiB warm, docs/decisions/022) plus every cache's
 * budget plus the requests in progress, which under 200 connections of mixed pages took a 256 MiB heap
 * to its limit and the process down (docs/benchmarks.md, row f).
 */
export const MAX_OLD_SPACE_MIB = 384;
/** One semi-space of the young generation (V8's default is 16 MiB here): short-lived garbage per request. */
export const MAX_SEMI_SPACE_MIB = 8;

export const APP_NODE_OPTIONS = [`--max-old-space-size=${MAX_OLD_SPACE_MIB}`, `--max-semi-space-size=${MAX_SEMI_SPACE_MIB}`];

/**
 * NODE_OPTIONS for the app: ours first, then whatever the operator set, which wins (for a flag given
 * twice, V8 takes the last).
 */
export function appNodeOptions(existing: string | undefined): string {
  return [...APP_NODE_OPTIONS, existing?.trim() ?? ""].filter(Boolean).join(" ");
}
