/**
 * Whether this instance can serve: its database answers a query. For load balancers and process
 * managers (`/healthz`, docs/deploying.md); it says nothing about Wikimedia's availability, whose outages
 * Wikiport explains page by page and which no restart would fix. It does list the Wikimedia endpoints
 * this process has seen announced as deprecated, so an operator learns of them months before they stop
 * working (lib/wikimedia/deprecations.ts).
 */
import type { Db } from "@/db";
import { users } from "@/db/schema";
import type { DeprecationNotice } from "@/lib/wikimedia/deprecations";

export type Health = { ok: true } | { ok: false; reason: "database_unavailable" };

export async function checkHealth(db: Db): Promise<Health> {
  try {
    await db.select({ id: users.id }).from(users).limit(1);
    return { ok: true };
  } catch {
    // The driver's message may quote the statement or the server's address: the answer is only its kind.
    return { ok: false, reason: "database_unavailable" };
  }
}

function describeNotice(notice: DeprecationNotice): string {
  const facts = [
    `seen on ${notice.host} at ${notice.firstSeen}`,
    notice.since ? `deprecated since ${notice.since}` : "deprecated",
    ...(notice.sunset ? [`stops working ${notice.sunset}`] : []),
    ...(notice.link ? [notice.link] : []),
  ];
  return `wikimedia-deprecated: ${notice.endpoint} (${facts.join("; ")})`;
}

/** `/healthz`'s answer: its first line is `ok` or the reason, then one line per deprecated endpoint. */
export function healthReport(health: Health, deprecations: readonly DeprecationNotice[]): { status: 200 | 503; body: string } {
  const lines = [health.ok ? "ok" : health.reason, ...deprecations.map(describeNotice)];
  return { status: health.ok ? 200 : 503, body: `${lines.join("\n")}\n` };
}
