/**
 * (g) A flood of concurrent anonymous requests for uncached titles from one client address, with the wiki
 * slowed, and a visitor from another address asking for an uncached article, a card and a cached page
 * meanwhile: their latency against the same visitor's just before the flood, the flooder's 429s, and
 * upstream requests per flood request (docs/decisions/019-fair-reading.md). Runs against an app of its
 * own, started with the default read limit (WIKIPORT_READ_LIMIT unset), so that the limit is part of
 * what is measured; every title is one this process has not read yet.
 */
import { formatCount, formatMs, formatRatio, ratio, type Row } from "./report";
import type { SandboxControl } from "./sandbox-control";

export interface FloodPlan {
  /** Concurrent requests from the flooding address. */
  flood: number;
  /** How much slower the wiki answers each REST call. */
  delayMs: number;
}

const WIKI = "en.wikipedia.org";
const FLOODER = "10.250.0.1";
const VISITOR = "10.250.0.2";

/** Status and milliseconds of one GET as `address` (the bench's app trusts one proxy hop). */
async function timed(url: string, address: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { "x-forwarded-for": address } });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

async function visit(appUrl: string, path: string): Promise<number> {
  const { status, ms } = await timed(`${appUrl}${path}`, VISITOR);
  if (status !== 200) throw new Error(`(g) ${path} answered ${status} to the visitor.`);
  return ms;
}

export async function measureFlood(appUrl: string, sandbox: SandboxControl, plan: FloodPlan): Promise<Row> {
  const article = (title: string) => `/wiki/${WIKI}/${title}`;
  const card = (title: string) => `/embed/${WIKI}/${title}`;
  // The app token, and the cached page, before anything is slowed.
  await visit(appUrl, article("Solar_System"));
  await sandbox.slowWiki(WIKI, plan.delayMs, 100_000);
  try {
    const normal = { article: await visit(appUrl, article("Earth")), card: await visit(appUrl, card("Sun")), cached: await visit(appUrl, article("Solar_System")) };

    const mark = await sandbox.mark();
    const run = Date.now().toString(36);
    const flood = Promise.all(Array.from({ length: plan.flood }, (_, n) => timed(`${appUrl}${article(`Flood_${run}_${n}`)}`, FLOODER)));
    // The visitor comes once the flood is at the wiki, its other requests queued for the app token.
    for (;;) {
      const reached = (await sandbox.requestsSince(mark)).filter((entry) => entry.path.includes("Flood_"));
      if (reached.length >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [during, flooded] = await Promise.all([
      (async () => {
        const [moon, main, cached] = await Promise.all([visit(appUrl, article("Moon")), visit(appUrl, card("Main_Page")), visit(appUrl, article("Solar_System"))]);
        return { article: moon, card: main, cached };
      })(),
      flood,
    ]);
    const logged = await sandbox.requestsSince(mark);
    const upstream = logged.filter((entry) => entry.path.includes("Flood_"));
    // Where the visitor's read reached the wiki among the flood's: fairness, apart from the CPU time
    // the flood's page renders take from everyone on this machine.
    const arrivals = [...logged].sort((a, b) => (a.started ?? a.seq) - (b.started ?? b.seq));
    const floodBefore = (found: (path: string) => boolean): string => {
      const at = arrivals.findIndex((entry) => found(entry.path));
      return at < 0 ? "n/a" : formatCount(arrivals.slice(0, at).filter((entry) => entry.path.includes("Flood_")).length);
    };
    const articleAfter = floodBefore((path) => path.includes("/Moon/with_html"));
    // The log has no query string; during the flood only the card asks the Action API.
    const cardAfter = floodBefore((path) => path.includes("/api.php"));
    const refused = flooded.filter((answer) => answer.status === 429).length;
    const statuses = new Map<number, number>();
    for (const answer of flooded) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    const perRequest = upstream.length / plan.flood;
    return {
      id: "g",
      what: `Visitor's uncached article during a flood of ${plan.flood} from one address (vs before it)`,
      measured: formatMs(during.article),
      baseline: formatMs(normal.article),
      ratio: formatRatio(ratio(during.article, normal.article)),
      note:
        `Wiki slowed by ${plan.delayMs} ms a call. Card ${formatMs(during.card)} vs ${formatMs(normal.card)} (${formatRatio(ratio(during.card, normal.card))}), ` +
        `cached page ${formatMs(during.cached)} vs ${formatMs(normal.cached)}. Flooder: ${formatCount(refused)} × 429 of ${formatCount(plan.flood)} ` +
        `(${[...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(", ")}), ` +
        `${formatCount(upstream.length)} upstream requests, ${perRequest.toFixed(2)} per flood request. ` +
        `Of the flood's ${formatCount(upstream.length)} reads, ${articleAfter} reached the wiki before the visitor's article, ${cardAfter} before its card.`,
    };
  } finally {
    await sandbox.clearFaults();
  }
}
