/**
 * Where the vault meets the request layer, and nowhere else: lib/wikimedia knows users' tokens only as
 * a `UserTokens` source, lib/grants uses lib/wikimedia's token client, and this module, above both,
 * hands the one to the other (docs/decisions/015-layers-point-one-way.md).
 */
import "server-only";
import { getDb } from "@/lib/db";
import { getVault } from "@/lib/grants";
import { createWikimedia, type Wikimedia } from "@/lib/wikimedia";

let instance: Wikimedia | undefined;

/** The process's request layer: one per process; its concurrency cap and app token live in the database. */
export function getWikimedia(): Wikimedia {
  instance ??= createWikimedia(getVault, getDb());
  return instance;
}
