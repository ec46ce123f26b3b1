/**
 * (f) A long mixed load on one app process: anonymous article views of several pages (Latin and
 * non-Latin scripts), widget cards, searches and the dashboard pages of a signed-in user, each
 * connection asking for them in turn, every request from its own client address (as many readers behind
 * the one trusted proxy, like row c). It reports what came back (anything but 2xx, timeouts), the error
 * lines and unhandled rejections the app logged meanwhile, and its resident memory sampled all along:
 * flat or growing (issue 14, goal f).
 */
import { openSync, readSync, statSync, closeSync } from "node:fs";
import { load } from "./load";
import { describeRss, settledRss } from "./memory";
import { residentBytes } from "./processes";
import { describeStatuses, formatBytes, formatCount, formatMs, formatRate, formatRatio, ratio, type Row } from "./report";
import type { SandboxControl } from "./sandbox-control";
import { SESSION_COOKIE, signInOverHttp } from "./sign-in";

export interface MixPlan {
  seconds: number;
  connections: number;
  /** How often resident memory is read during the load. */
  sampleSeconds: number;
}

const ARTICLES = [
  "/wiki/en.wikipedia.org/Solar_System",
  "/wiki/en.wikipedia.org/Earth",
  "/wiki/en.wikipedia.org/Moon",
  "/wiki/en.wikipedia.org/Sun",
  "/wiki/de.wikipedia.org/Berlin",
  `/wiki/he.wikipedia.org/${encodeURIComponent("ירושלים")}`,
];
const CARDS = ["/embed/en.wikipedia.org/Earth", "/embed/en.wikipedia.org/Moon", "/embed/de.wikipedia.org/Berlin"];
const SEARCHES = ["/search?site=en.wikipedia.org&q=planet", "/search?site=en.wikipedia.org&q=sun", "/search?site=de.wikipedia.org&q=Berlin"];
/** The signed-in user's pages that need no call to Wikimedia (the watchlist would queue for their 3 slots). */
const DASHBOARD = ["/dashboard", "/dashboard/widgets", "/dashboard/api"];

/** Lines the app wrote to its log after `from` bytes. */
function logLinesSince(logFile: string, from: number): string[] {
  const size = statSync(logFile).size;
  if (size <= from) return [];
  const fd = openSync(logFile, "r");
  try {
    const buffer = Buffer.alloc(size - from);
    readSync(fd, buffer, 0, buffer.length, from);
    return buffer.toString("utf8").split("\n").filter((line) => line.trim() !== "");
  } finally {
    closeSync(fd);
  }
}

/** What went wrong in the log: structured error lines (by event), Next's own error lines, unhandled rejections. */
export function logTrouble(lines: readonly string[]): { errors: number; rejections: number; events: string[] } {
  let errors = 0;
  let rejections = 0;
  const events = new Set<string>();
  for (const line of lines) {
    if (/unhandled ?rejection|uncaught ?exception/i.test(line)) rejections += 1;
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(line);
    } catch {
      // not one of Wikiport's structured lines
    }
    if (parsed && typeof parsed === "object" && "level" in parsed) {
      if (parsed.level === "error") {
        errors += 1;
        if ("event" in parsed && typeof parsed.event === "string") events.add(parsed.event);
      }
    } else if (/^\s*⨯|\bError\b/.test(line)) {
      errors += 1;
      events.add("(unstructured)");
    }
  }
  return { errors, rejections, events: [...events] };
}

export interface MixInput {
  appUrl: string;
  /** The app's configured origin (WIKIPORT_URL), where the sign-in happens. */
  appOrigin: string;
  pid: number;
  logFile: string;
  sandbox: SandboxControl;
  plan: MixPlan;
}

export async function measureMix(input: MixInput): Promise<Row[]> {
  const { appUrl, pid, plan } = input;
  const info = await input.sandbox.info();
  const user = info.users.find((candidate) => candidate.role === "editor") ?? info.users[0];
  if (!user) throw new Error("The sandbox has no demo user to sign in with.");
  const { sessionToken } = await signInOverHttp(input.appOrigin, user);
  const signedIn = { cookie: `${SESSION_COOKIE}=${sessionToken}` };
  const paths: { path: string; headers?: Record<string, string> }[] = [
    ...ARTICLES.map((path) => ({ path })),
    ...CARDS.map((path) => ({ path })),
    ...SEARCHES.map((path) => ({ path })),
    ...DASHBOARD.map((path) => ({ path, headers: signedIn })),
  ];

  // Each page once, so a page that cannot answer stops the part with its name rather than as a count.
  for (const { path, headers } of paths) {
    const response = await fetch(`${appUrl}${path}`, { headers, redirect: "manual" });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`(f) ${path} answered ${response.status} before the load.`);
  }
  await load({ url: appUrl, paths, connections: Math.min(plan.connections, 20), amount: paths.length * 20, distinctClients: true });

  const start = await settledRss(pid);
  const logFrom = statSync(input.logFile).size;
  const samples: { at: number; rss: number }[] = [];
  const started = Date.now();
  const sampler = setInterval(() => samples.push({ at: Date.now() - started, rss: residentBytes(pid) }), plan.sampleSeconds * 1000);
  let run;
  try {
    run = await load({ url: appUrl, paths, connections: plan.connections, duration: plan.seconds, distinctClients: true }, true);
  } finally {
    clearInterval(sampler);
  }
  const end = samples.at(-1)?.rss ?? residentBytes(pid);
  const middle = samples.find((sample) => sample.at >= (plan.seconds * 1000) / 2)?.rss ?? end;
  const peak = Math.max(...samples.map((sample) => sample.rss), end);
  const settled = await settledRss(pid);
  const trouble = logTrouble(logLinesSince(input.logFile, logFrom));
  const alive = residentBytes(pid) > 0;
  const failed = run.non2xx + run.errors;
  const what = `${plan.connections} connections, ${plan.seconds >= 60 ? `${plan.seconds / 60} min` : `${plan.seconds} s`}`;

  return [
    {
      id: "f1",
      what: `Mixed load (articles, cards, searches, dashboard), ${what}: failed answers`,
      measured: formatCount(failed),
      baseline: `${formatCount(run.requests + run.errors)} requests`,
      ratio: formatRatio(ratio(failed, run.requests + run.errors)),
      note:
        `${paths.length} URLs in turn (${ARTICLES.length} articles, ${CARDS.length} cards, ${SEARCHES.length} searches, ${DASHBOARD.length} dashboard pages signed in), ` +
        `each request from its own X-Forwarded-For address. ${formatRate(run.requestsPerSecond)}, p50 ${formatMs(run.latencyP50)}, p99 ${formatMs(run.latencyP99)}. ` +
        `Answers: ${describeStatuses(run.statuses)}; ${formatCount(run.non2xx)} not 2xx, ${formatCount(run.errors)} connection errors (${formatCount(run.timeouts)} timeouts). ` +
        `App log meanwhile: ${trouble.errors} error line(s)${trouble.events.length > 0 ? ` (${trouble.events.join(", ")})` : ""}, ` +
        `${trouble.rejections} unhandled rejection(s)/exception(s); the process ${alive ? "is still up" : "DIED"}.`,
    },
    {
      id: "f2",
      what: `Mixed load, ${what}: RSS at the end (vs at the middle)`,
      measured: formatBytes(end),
      baseline: formatBytes(middle),
      ratio: formatRatio(ratio(end, middle)),
      note:
        `Before the load (settled): ${formatBytes(start)}; peak ${formatBytes(peak)}; two seconds after: ${describeRss(pid, settled)}. ` +
        `Read every ${plan.sampleSeconds} s: ${samples.map((sample) => (sample.rss / 1024 / 1024).toFixed(0)).join(" ")} MiB.`,
    },
  ];
}
