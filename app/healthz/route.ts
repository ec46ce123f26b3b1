/**
 * `GET /healthz`: 200 `ok` while this instance's database answers, 503 otherwise (docs/deploying.md).
 * Plain text, never cached, no session read.
 */
import { getDb } from "@/lib/db";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await checkHealth(getDb());
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
  return health.ok ? new Response("ok\n", { headers }) : new Response(`${health.reason}\n`, { status: 503, headers });
}
