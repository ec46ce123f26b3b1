/**
 * Where the vault meets the request layer, and nowhere else: lib/wikimedia knows users' tokens only as
 * a `UserTokens` source, lib/grants uses lib/wikimedia's token client, and this module, above both,
 * hands the one to the other (docs/decisions/015-layers-point-one-way.md).
 */
import "server-only";
import { getVault } from "@/lib/grants";
import { createWikimedia, type Wikimedia } from "@/lib/wikimedia";

let instance: Wikimedia | undefined;

/** The process's request layer: one per process, so its concurrency cap and caches are shared. */
export function getWikimedia(): Wikimedia {
  instance ??= createWikimedia(getVault);
  return instance;
}
