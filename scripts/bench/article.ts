/**
 * (a) A warm article view for an anonymous visitor against the very same HTML served as a static file by
 * the same `next start`; (a1) the same view against a bare Node server sending those bytes (the machine's
 * floor); (a3) how many bytes a view sends for the article's HTML; and (d) how many upstream requests
 * 1,000 warm views cost.
 */
import { load } from "./load";
import { formatCount, formatRatio, ratio, type Row } from "./report";
import { countByEndpoint, type SandboxControl } from "./sandbox-control";
import { compareThroughput, throughputRow, type ThroughputPlan } from "./throughput";

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
  const sides = await compareThroughput(`${appUrl}${ARTICLE_PATH}`, `${appUrl}${staticPath}`, plan);
  return throughputRow(
    { id: "a", what: "Warm article view, anonymous (vs same HTML as a static file)" },
    sides,
    { subject: "article", baseline: "static" },
    `${ARTICLE_PATH}, ${formatCount(bytes)} bytes of HTML, ${plan.connections} connections, ${plan.rounds}×${plan.seconds} s per side. `,
  );
}

export async function measureArticleVersusBareNode(appUrl: string, bareUrl: string, bytes: number, plan: ThroughputPlan): Promise<Row> {
  const sides = await compareThroughput(`${appUrl}${ARTICLE_PATH}`, bareUrl, plan);
  return throughputRow(
    { id: "a1", what: "Warm article view, anonymous (vs same HTML from a bare Node server)" },
    sides,
    { subject: "article", baseline: "bare" },
    `The same ${formatCount(bytes)} bytes from node:http in a process of its own, nothing else done per request (scripts/bench/bare-server.ts). `,
  );
}

/** The article's sanitized HTML as the page carries it: the inside of its `.wikiport-article` container. */
export function articleHtmlOf(page: string): string | null {
  const open = /<div\b[^>]*\bclass="wikiport-article"[^>]*>/.exec(page);
  if (!open) return null;
  const start = open.index + open[0].length;
  // The attribution footer follows the article container on both the React page and the visitor's document.
  const end = page.indexOf("</div><footer", start);
  return end < 0 ? null : page.slice(start, end);
}

/** A run of the article's own words (no markup or quotes), to count how often the page carries it. */
function probeOf(articleHtml: string): string | null {
  return /[A-Za-z][A-Za-z ,]{39}/.exec(articleHtml.replaceAll(/<[^>]*>/g, "\u0000"))?.[0] ?? null;
}

export function measureBytesPerView(page: Buffer): Row {
  const html = page.toString("utf8");
  const article = articleHtmlOf(html);
  if (article === null) throw new Error(`No .wikiport-article container followed by the attribution in ${ARTICLE_PATH}.`);
  const articleBytes = Buffer.byteLength(article, "utf8");
  const probe = probeOf(article);
  const copies = probe ? html.split(probe).length - 1 : Number.NaN;
  return {
    id: "a3",
    what: "Bytes per warm article view (vs the sanitized article HTML in it)",
    measured: `${formatCount(page.length)} B`,
    baseline: `${formatCount(articleBytes)} B`,
    ratio: formatRatio(ratio(page.length, articleBytes)),
    note:
      `${ARTICLE_PATH}: ${formatCount(articleBytes)} bytes of article HTML and ${formatCount(page.length - articleBytes)} bytes of everything else ` +
      `(chrome, head${html.includes("self.__next_f") ? ", React's flight data" : ""}); a 40-character run of the article's text appears ${copies} time(s) in the page.`,
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
