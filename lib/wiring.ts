/**
 * Where the vault meets the request layer, and nowhere else: lib/wikimedia knows users' tokens only as
 * a `UserTokens` source, lib/grants uses lib/wikimedia's token client, and this module, above both,
 * hands the one to the other (docs/decisions/015-layers-point-one-way.md).
 */
import "server-only";
import { getDb } from "@/lib/db";
import { getVault } from "@/lib/grants";
import { processWide } from "@/lib/process-wide";
import { createWikimedia, type Wikimedia } from "@/lib/wikimedia";

/**
 * The process's request layer: one per process, not one per module runtime (lib/process-wide.ts), so
 * that the card route and the article page queue in one slot gate per credential and take turns by
 * client address (docs/decisions/019-fair-reading.md). Its concurrency cap and app token live in the database.
 */
export function getWikimedia(): Wikimedia {
  return processWide("wikimedia", () => createWikimedia(getVault, getDb()));
}
