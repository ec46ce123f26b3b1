/**
 * `GET /healthz`: 200 `ok` while this instance's database answers, 503 otherwise (docs/deploying.md),
 * followed by a line per Wikimedia endpoint this process has seen announced as deprecated.
 * Plain text, never cached, no session read.
 */
import { getDb } from "@/lib/db";
import { checkHealth, healthReport } from "@/lib/health";
import { log } from "@/lib/log";
import { processDeprecationWatch } from "@/lib/wikimedia/deprecations";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = healthReport(await checkHealth(getDb()), processDeprecationWatch(log).list());
  return new Response(report.body, {
    status: report.status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
