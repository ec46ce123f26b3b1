/**
 * (c) The embeddable card (`/embed/<site>/<title>`) against a static file of the same bytes served by the
 * same process, and how much JavaScript the frame carries. Runs only when the build has the route; the
 * table says n/a and why otherwise.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { frameJavaScript } from "../../lib/widget/js-bytes";
import { formatBytes, formatCount, unavailableRow, type Row } from "./report";
import { compareThroughput, throughputRow, type ThroughputPlan } from "./throughput";

export const WIDGET_PATH = "/embed/en.wikipedia.org/Solar_System";

export type WidgetCapture = { ok: true; body: Buffer } | { ok: false; reason: string };

/** Whether this build has an `/embed/...` route at all (Next's manifest of app routes). */
export function buildHasEmbedRoute(appDir: string): boolean {
  const manifest = join(appDir, ".next", "app-path-routes-manifest.json");
  if (!existsSync(manifest)) return false;
  const routes = Object.values(JSON.parse(readFileSync(manifest, "utf8")) as Record<string, string>);
  return routes.some((route) => route.startsWith("/embed/"));
}

export async function captureWidget(appDir: string, appUrl: string, warmUp: number): Promise<WidgetCapture> {
  if (!buildHasEmbedRoute(appDir)) return { ok: false, reason: "this build has no /embed route (app/embed/ did not exist when it was built)" };
  let response: Response | null = null;
  let body = Buffer.alloc(0);
  for (let i = 0; i < Math.max(1, warmUp); i += 1) {
    response = await fetch(`${appUrl}${WIDGET_PATH}`);
    body = Buffer.from(await response.arrayBuffer());
  }
  if (response?.status !== 200) return { ok: false, reason: `${WIDGET_PATH} answered ${response?.status ?? "nothing"}, not a card` };
  return { ok: true, body };
}

/**
 * Bytes of JavaScript a frame loads: its inline scripts, counted the way the widget's own end-to-end test
 * counts them (lib/widget/js-bytes.ts), plus the size of every external script it references.
 */
export async function javascriptInFrame(html: string, frameUrl: string): Promise<{ bytes: number; inline: number; external: number }> {
  const found = frameJavaScript(html);
  let bytes = found.inlineBytes;
  for (const src of found.externalScripts) {
    const response = await fetch(new URL(src, frameUrl));
    bytes += (await response.arrayBuffer()).byteLength;
  }
  return { bytes, inline: found.inlineScripts, external: found.externalScripts.length };
}

export async function measureWidget(appUrl: string, capture: WidgetCapture, staticPath: string | null, plan: ThroughputPlan): Promise<Row[]> {
  const what = "Widget card (vs static file of the same size)";
  const jsWhat = "JavaScript in the widget frame";
  if (!capture.ok || !staticPath) {
    const reason = capture.ok ? "no static baseline" : capture.reason;
    return [unavailableRow("c", what, reason), unavailableRow("c2", jsWhat, reason)];
  }
  // Many readers, as a popular card has: one address would meet the card's per-address limit instead.
  const sides = await compareThroughput(`${appUrl}${WIDGET_PATH}`, `${appUrl}${staticPath}`, { ...plan, distinctClients: true });
  const js = await javascriptInFrame(capture.body.toString("utf8"), `${appUrl}${WIDGET_PATH}`);
  return [
    throughputRow(
      { id: "c", what },
      sides,
      { subject: "card", baseline: "static" },
      `${WIDGET_PATH}, ${formatCount(capture.body.length)} bytes, ${plan.connections} connections, ${plan.rounds}×${plan.seconds} s per side, ` +
        `each request from its own X-Forwarded-For address. `,
    ),
    {
      id: "c2",
      what: jsWhat,
      measured: `${formatCount(js.bytes)} B`,
      baseline: "—",
      ratio: "—",
      note: `${js.inline} inline and ${js.external} external script(s), ${formatBytes(js.bytes)} in all.`,
    },
  ];
}
