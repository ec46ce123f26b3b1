/**
 * (e) Resident memory of one app process (with any children `next start` runs) before and after a soak of
 * warm anonymous article views. Each reading is taken after two idle seconds, so it is not caught in the
 * middle of a burst of allocations. A soak longer than 100,000 views is read every 100,000, so one run
 * with `--soak=300000` says whether memory is flat between 100,000 and 300,000 (issue 14, goal e).
 */
import { ARTICLE_PATH } from "./article";
import { load } from "./load";
import { describeStatuses, formatBytes, formatCount, formatRate, formatRatio, ratio, type Row } from "./report";
import { residentBytes, residentParts } from "./processes";

const SETTLE_MS = 2000;
const CHECKPOINT_VIEWS = 100_000;

export async function settledRss(pid: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return residentBytes(pid);
}

/** "212.3 MiB (anonymous 150.1, file 62.2)": what the heap and malloc hold, apart from mapped code. */
export function describeRss(pid: number, rss: number): string {
  const parts = residentParts(pid);
  if (!Number.isFinite(parts.anonymous)) return formatBytes(rss);
  return `${formatBytes(rss)} (anonymous ${formatBytes(parts.anonymous)}, file-backed ${formatBytes(parts.file)})`;
}

export async function measureMemory(appUrl: string, pid: number, requests: number, coldRss: number, checkpoint = CHECKPOINT_VIEWS): Promise<Row> {
  const before = await settledRss(pid);
  const checkpoints: { views: number; rss: number }[] = [];
  const statuses: Record<string, number> = {};
  let non2xx = 0;
  let errors = 0;
  let seconds = 0;
  for (let done = 0; done < requests; ) {
    const amount = Math.min(checkpoint, requests - done);
    const run = await load({ url: `${appUrl}${ARTICLE_PATH}`, connections: 10, amount });
    done += amount;
    non2xx += run.non2xx;
    errors += run.errors;
    seconds += run.seconds;
    for (const [status, count] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
    checkpoints.push({ views: done, rss: await settledRss(pid) });
  }
  const after = checkpoints.at(-1)?.rss ?? before;
  const first = checkpoints[0]!;
  const problems = non2xx > 0 || errors > 0 ? ` ${non2xx} non-2xx (${describeStatuses(statuses)}), ${errors} errors.` : "";
  const flat =
    checkpoints.length > 1
      ? ` After ${checkpoints.map(({ views, rss }) => `${formatCount(views)}: ${formatBytes(rss)}`).join(", ")}; ` +
        `${formatCount(requests)} vs ${formatCount(first.views)}: ${formatRatio(ratio(after, first.rss))}.`
      : "";
  return {
    id: "e",
    what: `App process RSS after ${formatCount(requests)} article views (vs before)`,
    measured: formatBytes(after),
    baseline: formatBytes(before),
    ratio: formatRatio(ratio(after, before)),
    note:
      `Just after start: ${formatBytes(coldRss)}. Before = after warm-up and parts a, c and d. After: ${describeRss(pid, after)}. ` +
      `The soak ran at ${formatRate(seconds > 0 ? requests / seconds : Number.NaN)} with 10 connections.${flat}${problems}`,
  };
}
