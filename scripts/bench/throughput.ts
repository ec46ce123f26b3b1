/**
 * Throughput of a Wikiport route against a static baseline served by the same process. Both are warmed
 * up, then measured in alternating rounds (A, B, A, B…) so that a change in the machine's load during
 * the run hits both sides alike. Only 2xx answers count as throughput.
 */
import { load, warmUp, type LoadResult } from "./load";
import { describeStatuses, formatMs, formatRate, formatRatio, percentile, ratio, type Row } from "./report";

export interface Side {
  /** 2xx answers per second over all rounds. */
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  statuses: string;
}

export interface ThroughputPlan {
  warmUp: number;
  rounds: number;
  seconds: number;
  connections: number;
  /** See LoadOptions.distinctClients. */
  distinctClients?: boolean;
  /** Sent with every request of both sides, e.g. a session cookie (the static side ignores it). */
  headers?: Record<string, string>;
}

function summarize(runs: readonly LoadResult[]): Side {
  const samples = runs.flatMap((run) => run.samples);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const statuses: Record<string, number> = {};
  for (const run of runs) for (const [status, count] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  const ok = Object.entries(statuses)
    .filter(([status]) => status.startsWith("2"))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    requestsPerSecond: seconds > 0 ? ok / seconds : Number.NaN,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    statuses: describeStatuses(statuses),
  };
}

export async function compareThroughput(subject: string, baseline: string, plan: ThroughputPlan): Promise<{ subject: Side; baseline: Side }> {
  const distinctClients = plan.distinctClients ?? false;
  const headers = plan.headers ? { headers: plan.headers } : {};
  await warmUp(subject, plan.warmUp, distinctClients, plan.headers);
  await warmUp(baseline, plan.warmUp, distinctClients, plan.headers);
  const subjectRuns: LoadResult[] = [];
  const baselineRuns: LoadResult[] = [];
  for (let round = 0; round < plan.rounds; round += 1) {
    subjectRuns.push(await load({ url: subject, connections: plan.connections, duration: plan.seconds, distinctClients, ...headers }, true));
    baselineRuns.push(await load({ url: baseline, connections: plan.connections, duration: plan.seconds, distinctClients, ...headers }, true));
  }
  return { subject: summarize(subjectRuns), baseline: summarize(baselineRuns) };
}

/** "p50 12 ms, p99 40 ms; 3 non-2xx (200×990, 503×3)" when something else than 2xx came back. */
export function sideProblems(side: Side): string {
  const problems = [];
  if (side.non2xx > 0) problems.push(`${side.non2xx} non-2xx answers (${side.statuses})`);
  if (side.errors > 0) problems.push(`${side.errors} connection errors/timeouts`);
  return problems.join("; ");
}

/**
 * A row comparing a route's throughput with its baseline's: both rates, their ratio, and a note of what
 * was measured (`before`), each side's latency under `names`, anything `after`, and any answers that
 * were not 2xx.
 */
export function throughputRow(
  row: { id: string; what: string },
  { subject, baseline }: { subject: Side; baseline: Side },
  names: { subject: string; baseline: string },
  before: string,
  after = "",
): Row {
  const problems = [sideProblems(subject), sideProblems(baseline) && `${names.baseline}: ${sideProblems(baseline)}`].filter(Boolean).join("; ");
  return {
    ...row,
    measured: formatRate(subject.requestsPerSecond),
    baseline: formatRate(baseline.requestsPerSecond),
    ratio: formatRatio(ratio(subject.requestsPerSecond, baseline.requestsPerSecond)),
    note:
      before +
      `Latency p50/p99: ${names.subject} ${formatMs(subject.p50)}/${formatMs(subject.p99)}, ${names.baseline} ${formatMs(baseline.p50)}/${formatMs(baseline.p99)}.` +
      after +
      (problems ? ` ${problems}.` : ""),
  };
}
