/**
 * (e) Resident memory of one app process (with any children `next start` runs) before and after a soak of
 * warm anonymous article views. Each reading is taken after two idle seconds, so it is not caught in the
 * middle of a burst of allocations.
 */
import { ARTICLE_PATH } from "./article";
import { load } from "./load";
import { describeStatuses, formatBytes, formatCount, formatRate, formatRatio, ratio, type Row } from "./report";
import { residentBytes } from "./processes";

const SETTLE_MS = 2000;

async function settledRss(pid: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return residentBytes(pid);
}

export async function measureMemory(appUrl: string, pid: number, requests: number, coldRss: number): Promise<Row> {
  const before = await settledRss(pid);
  const run = await load({ url: `${appUrl}${ARTICLE_PATH}`, connections: 10, amount: requests });
  const after = await settledRss(pid);
  const problems = run.non2xx > 0 || run.errors > 0 ? ` ${run.non2xx} non-2xx (${describeStatuses(run.statuses)}), ${run.errors} errors.` : "";
  return {
    id: "e",
    what: `App process RSS after ${formatCount(requests)} article views (vs before)`,
    measured: formatBytes(after),
    baseline: formatBytes(before),
    ratio: formatRatio(ratio(after, before)),
    note:
      `Just after start: ${formatBytes(coldRss)}. Before = after warm-up and parts a, c and d. ` +
      `The soak ran at ${formatRate(run.requestsPerSecond)} with 10 connections.${problems}`,
  };
}
