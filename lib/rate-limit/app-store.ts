/**
 * The store every production limiter uses: this deployment's database, shared by all its instances, and
 * AUTH_SECRET (which they share already, to read each other's session cookies) to key the digests.
 */
import "server-only";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import type { RateLimitStore } from "./index";

export function appRateLimitStore(): RateLimitStore {
  return { db: getDb, secret: getConfig().auth.secret };
}
