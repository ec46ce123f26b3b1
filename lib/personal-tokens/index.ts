/**
 * The user's own Wikimedia personal API token (an owner-only OAuth 2.0 client's access token from Meta's
 * "My clients" page): verify it, store it sealed, describe it, test it, delete it. This module wires the
 * pieces to the process's configuration, database and request layer.
 */
import "server-only";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { log } from "@/lib/log";
import { getWikimedia } from "@/lib/wiring";
import type { PersonalTokenDeps } from "./deps";

export function personalTokenDeps(): PersonalTokenDeps {
  const config = getConfig();
  const wikimedia = getWikimedia();
  return {
    db: getDb(),
    keyRing: config.vault.keyRing,
    http: wikimedia.http,
    action: wikimedia.action,
    oauthUrl: config.wikimedia.oauthUrl,
    neededGrants: config.wikimedia.grants,
    log,
  };
}

export { describePersonalToken, type PersonalTokenSummary } from "./describe";
export { deletePersonalToken, savePersonalToken } from "./store";
export { testPersonalToken, type TestCallResult } from "./test-call";
export { verifyPersonalToken, type VerifyResult } from "./verify";
export type { PersonalTokenWarning } from "./warnings";
