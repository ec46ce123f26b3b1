/**
 * (a) A warm article view for an anonymous visitor against the very same HTML served as a static file by
 * the same `next start`, and (d) how many upstream requests 1,000 warm views cost.
 */
import { load } from "./load";
import { formatCount, formatMs, formatRate, formatRatio, ratio, type Row } from "./report";
import { countByEndpoint, type SandboxControl } from "./sandbox-control";
import { compareThroughput, sideProblems, type ThroughputPlan } from "./throughput";

/** A seeded page of the sandbox wiki, large enough to be a real article. */
export const ARTICLE_PATH = "/wiki/en.wikipedia.org/Solar_System";

/** The article's HTML as an anonymous visitor gets it once the app is warm: the static baseline's bytes. */
export async function captureArticle(appUrl: string, warmUp: number): Promise<Buffer> {
  let body: Buffer | null = null;
  for (let i = 0; i < Math.max(1, warmUp); i += 1) {
    const response = await fetch(`${appUrl}${ARTICLE_PATH}`);
    body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`The article ${ARTICLE_PATH} answered ${response.status} to an anonymous visitor.`);
  }
  return body!;
}

export async function measureArticleView(appUrl: string, staticPath: string, bytes: number, plan: ThroughputPlan): Promise<Row> {
  const { subject, baseline } = await compareThroughput(`${appUrl}${ARTICLE_PATH}`, `${appUrl}${staticPath}`, plan);
  const problems = [sideProblems(subject), sideProblems(baseline) && `static: ${sideProblems(baseline)}`].filter(Boolean).join("; ");
  return {
    id: "a",
    what: "Warm article view, anonymous (vs same HTML as a static file)",
    measured: formatRate(subject.requestsPerSecond),
    baseline: formatRate(baseline.requestsPerSecond),
    ratio: formatRatio(ratio(subject.requestsPerSecond, baseline.requestsPerSecond)),
    note:
      `${ARTICLE_PATH}, ${formatCount(bytes)} bytes of HTML, ${plan.connections} connections, ${plan.rounds}×${plan.seconds} s per side. ` +
      `Latency p50/p99: article ${formatMs(subject.p50)}/${formatMs(subject.p99)}, static ${formatMs(baseline.p50)}/${formatMs(baseline.p99)}.` +
      (problems ? ` ${problems}.` : ""),
  };
}

export async function measureUpstreamPerView(appUrl: string, sandbox: SandboxControl, views: number): Promise<Row> {
  // Warm: the app token and the sanitized HTML of this revision are already cached by (a).
  await load({ url: `${appUrl}${ARTICLE_PATH}`, connections: 5, amount: 20 });
  const mark = await sandbox.mark();
  const run = await load({ url: `${appUrl}${ARTICLE_PATH}`, connections: 10, amount: views });
  const upstream = await sandbox.requestsSince(mark);
  if (run.non2xx > 0 || run.errors > 0) throw new Error(`(d) ${run.non2xx} non-2xx answers and ${run.errors} errors in ${views} article views.`);
  const perThousand = (upstream.length / views) * 1000;
  return {
    id: "d",
    what: "Upstream requests per 1,000 warm article views",
    measured: formatCount(perThousand),
    baseline: "1,000 (1 per view)",
    ratio: formatRatio(ratio(perThousand, 1000)),
    note: `${formatCount(views)} views, ${formatCount(upstream.length)} sandbox requests: ${countByEndpoint(upstream) || "none"}.`,
  };
}
