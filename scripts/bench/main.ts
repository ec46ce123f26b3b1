/**
 * `npm run bench` (and `npm run bench:smoke`, the same at tiny sizes for CI): load from autocannon against
 * a production build of Wikiport and the sandbox wiki, everything measured in one run, printed as one
 * table of ratios. There are no thresholds: the exit code is non-zero only when a part could not run.
 * `--only=c,g` runs only the named parts (the others' rows are left out), to measure one change quickly;
 * `--ports=<app>,<sandbox>` starts looking for free ports there (default 3250 and 8850).
 * What each row means, and a full run's numbers: docs/benchmarks.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ARTICLE_PATH, captureArticle, measureArticleVersusBareNode, measureArticleView, measureBytesPerView, measureUpstreamPerView } from "./article";
import { startBareServer } from "./bare-server";
import { describeMachine, loadAverage } from "./machine";
import { measureMemory } from "./memory";
import { measureMix, type MixPlan } from "./mix";
import { freePort, residentBytes, stopAll } from "./processes";
import { formatTable, unavailableRow, type Row } from "./report";
import { createSandboxControl } from "./sandbox-control";
import { addStaticFile, appEnv, choosePorts, copyBuiltApp, ensureBuild, startApp, startSandbox, stopChild } from "./stack";
import { measureManyInstances } from "./many";
import { measureFlood, type FloodPlan } from "./flood";
import { captureSignedInArticle, measureSignedInView, signInReader, type SignedInReader } from "./signed-in";
import { measureRefreshStorm } from "./storm";
import type { ThroughputPlan } from "./throughput";
import { captureWidget, measureWidget } from "./widget";

interface Plan extends ThroughputPlan {
  upstreamViews: number;
  soak: number;
  storm: number;
  flood: FloodPlan;
  mix: MixPlan;
}

const FULL: Plan = {
  warmUp: 200, rounds: 2, seconds: 15, connections: 10, upstreamViews: 1000, soak: 100_000, storm: 200,
  flood: { flood: 150, delayMs: 300 },
  mix: { seconds: 300, connections: 200, sampleSeconds: 10 },
};
// The same flood, with the wiki slowed less, so that it drains in about two seconds.
const SMOKE: Plan = {
  warmUp: 20, rounds: 1, seconds: 2, connections: 10, upstreamViews: 50, soak: 1000, storm: 50,
  flood: { flood: 150, delayMs: 50 },
  mix: { seconds: 10, connections: 200, sampleSeconds: 1 },
};

const PART_NAMES: Record<string, string> = {
  a: "Warm article view",
  a2: "Warm article view, signed in",
  a1: "Warm article view against a bare Node server",
  a3: "Bytes per article view",
  b: "Refresh storm",
  c: "Widget",
  d: "Upstream requests per 1,000 views",
  e: "App process RSS",
  f: "Mixed load: articles, cards, searches and dashboard pages",
  m: "Many instances behind nginx (refresh storm; 1 vs 3 instances, PostgreSQL vs SQLite)",
  g: "A flood of anonymous reads from one address, and another visitor",
};

async function main(): Promise<number> {
  const smoke = process.argv.includes("--smoke");
  const soak = /^--soak=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith("--soak=")) ?? "")?.[1];
  const plan = { ...(smoke ? SMOKE : FULL), ...(soak ? { soak: Number(soak) } : {}) };
  const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length).split(",");
  const portsFrom = /^--ports=(\d+),(\d+)$/.exec(process.argv.find((arg) => arg.startsWith("--ports=")) ?? "");
  const unknownPart = only?.find((id) => !(id in PART_NAMES));
  if (unknownPart !== undefined) {
    console.error(`bench: no part "${unknownPart}"; the parts are ${Object.keys(PART_NAMES).join(", ")}.`);
    return 2;
  }
  const root = process.cwd();
  const started = Date.now();
  const loadAtStart = loadAverage();
  const runDir = mkdtempSync(join(tmpdir(), "wikiport-bench-"));
  const appDir = join(runDir, "app");
  const dbPath = join(runDir, "data", "wikiport.db");
  const rows: Row[] = [];
  let failed = false;

  /** Runs one part; a part that throws becomes a "failed" row and a non-zero exit, and the others still run. */
  async function part(id: string, run: () => Promise<Row | Row[]>): Promise<void> {
    if (only && !only.includes(id)) return;
    process.stderr.write(`bench: (${id}) ${PART_NAMES[id]}…\n`);
    try {
      rows.push(...[await run()].flat());
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`bench: (${id}) failed: ${message}\n`);
      rows.push(unavailableRow(id, PART_NAMES[id] ?? id, `FAILED: ${message}`));
    }
  }

  try {
    const ports = await choosePorts(portsFrom ? { app: Number(portsFrom[1]), sandbox: Number(portsFrom[2]) } : undefined);
    const env = appEnv(ports, dbPath);
    const build = await ensureBuild(root, env);
    copyBuiltApp(root, appDir);
    const sandbox = await startSandbox(root, runDir, ports, env);
    const control = createSandboxControl(sandbox.url);

    // The baselines' bytes come from the app itself; public/ is read when `next start` starts, so the
    // measured processes start after the files are in place.
    process.stderr.write("bench: capturing the article and the widget…\n");
    const capture = await startApp(appDir, runDir, "app-capture", ports.apps[0], env);
    const articleHtml = await captureArticle(capture.url, 20);
    const widget = await captureWidget(appDir, capture.url, 5);
    // A failed sign-in fails row a2 only.
    let signedIn: { reader: SignedInReader; html: Buffer } | Error;
    try {
      const reader = await signInReader(env.WIKIPORT_URL!, control);
      signedIn = { reader, html: await captureSignedInArticle(capture.url, reader, 20) };
    } catch (error) {
      signedIn = error instanceof Error ? error : new Error(String(error));
    }
    await stopChild(capture.child);
    const articleStatic = addStaticFile(appDir, "article.html", articleHtml);
    const signedInStatic = signedIn instanceof Error ? null : addStaticFile(appDir, "article-signed-in.html", signedIn.html);
    const widgetStatic = widget.ok ? addStaticFile(appDir, "widget.html", widget.body) : null;

    const app1 = await startApp(appDir, runDir, "app-1", ports.apps[0], env);
    const app2 = await startApp(appDir, runDir, "app-2", ports.apps[1], env);
    const pid = app1.child.process.pid!;
    await (await fetch(`${app1.url}${ARTICLE_PATH}`)).arrayBuffer();
    const coldRss = residentBytes(pid);

    await part("a", () => measureArticleView(app1.url, articleStatic, articleHtml.length, plan));
    await part("a1", async () => {
      const bare = await startBareServer(runDir, articleHtml, ports.apps[1] + 1, [ports.sandbox, ...ports.apps]);
      try {
        return await measureArticleVersusBareNode(app1.url, bare.url, articleHtml.length, plan);
      } finally {
        await stopChild(bare.child);
      }
    });
    await part("a3", async () => measureBytesPerView(articleHtml));
    await part("d", () => measureUpstreamPerView(app1.url, control, plan.upstreamViews));
    await part("a2", () => {
      if (signedIn instanceof Error) throw signedIn;
      return measureSignedInView(app1.url, signedInStatic!, signedIn.html.length, signedIn.reader, control, plan);
    });
    await part("c", () => measureWidget(app1.url, widget, widgetStatic, plan));
    await part("e", () => measureMemory(app1.url, pid, plan.soak, coldRss));
    // Before (b), whose clock move ends the signed-in user's token.
    await part("f", () =>
      measureMix({ appUrl: app1.url, appOrigin: env.WIKIPORT_URL!, pid, logFile: app1.child.logFile, sandbox: control, plan: plan.mix }),
    );
    // Last: it moves the sandbox's clock, which also ends the app token's life.
    await part("b", () =>
      measureRefreshStorm({
        appOrigin: env.WIKIPORT_URL!,
        appUrls: [app1.url, app2.url],
        sandboxUrl: sandbox.url,
        sandbox: control,
        dbPath,
        requests: plan.storm,
      }),
    );
    // An app of its own with the default read limit, in app-2's place; every title is uncached in it.
    await stopChild(app2.child);
    await part("g", async () => {
      const { WIKIPORT_READ_LIMIT: _unlimited, ...defaults } = env;
      const port = await freePort(ports.apps[1] + 1, [ports.sandbox, ...ports.apps]);
      const app = await startApp(appDir, runDir, "app-flood", port, defaults);
      try {
        return await measureFlood(app.url, control, plan.flood);
      } finally {
        await stopChild(app.child);
      }
    });
    // Shapes of their own (PostgreSQL, nginx, 1 or 3 instances), started after this run's servers stop,
    // so that they have the machine to themselves as the parts above did.
    await stopAll();
    await part("m", () => measureManyInstances({ root, runDir, storm: plan.storm, plan }));

    rows.sort((x, y) => x.id.localeCompare(y.id));
    const lines = [
      "",
      `Wikiport benchmark (${smoke ? "smoke: tiny sizes, numbers not meaningful" : "full"}${only ? `, only ${only.join(", ")}` : ""}), ${new Date(started).toISOString()}`,
      ...describeMachine(root),
      `Load:    ${loadAtStart} at start, ${loadAverage()} at end (1, 5, 15 min)`,
      `Build:   ${build === "fresh" ? "existing .next (sources unchanged)" : "rebuilt for this run"}; ` +
        `2 × next start on :${ports.apps[0]} and :${ports.apps[1]}, sandbox on :${ports.sandbox}`,
      "",
      formatTable(rows),
      "",
      `Took ${Math.round((Date.now() - started) / 1000)} s.`,
    ];
    console.log(lines.join("\n"));
  } catch (error) {
    failed = true;
    console.error(`bench: could not run: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await stopAll();
  }
  if (failed) {
    console.error(`bench: logs of the servers are kept in ${runDir}`);
  } else {
    rmSync(runDir, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
process.once("SIGTERM", () => void stopAll().then(() => process.exit(143)));

void main().then((code) => process.exit(code));
