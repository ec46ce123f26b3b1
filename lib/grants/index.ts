import "server-only";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { log } from "@/lib/log";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { userAgent } from "@/lib/wikimedia/user-agent";
import { createVault, type Vault } from "./vault";

let vault: Vault | undefined;

/**
 * The process's token vault. One per process, because its single-flight refresh map only works when
 * every request shares it (docs/decisions/004-refresh-lease.md).
 */
export function getVault(): Vault {
  if (!vault) {
    const config = getConfig();
    vault = createVault({
      db: getDb(),
      keyRing: config.vault.keyRing,
      tokens: createTokenClient({
        oauthUrl: config.wikimedia.oauthUrl,
        clientId: config.wikimedia.clientId,
        clientSecret: config.wikimedia.clientSecret,
        userAgent: userAgent(config.wikimedia.contact),
      }),
      oauthServer: config.wikimedia.oauthUrl,
      refreshSkewSeconds: config.vault.refreshSkewSeconds,
      log,
    });
  }
  return vault;
}

export type { Vault } from "./vault";
