/**
 * Whether this instance can serve: its database answers a query. For load balancers and process
 * managers (`/healthz`, docs/deploying.md); it says nothing about Wikimedia, whose outages Wikiport
 * explains page by page and which no restart would fix.
 */
import type { Db } from "@/db";
import { users } from "@/db/schema";

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
