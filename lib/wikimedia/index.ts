/**
 * The Wikimedia request layer, wired from configuration. One transport per process; the per-token
 * concurrency cap and the app token live in the database, so every instance shares them
 * (docs/decisions/018-many-instances.md), while the CSRF token cache stays per process. lib/wiring.ts
 * makes that one instance and gives it the vault as its source of users' tokens. The pieces themselves
 * take plain options (see http.ts, rest.ts, action.ts, app-token.ts), so tests point them at a sandbox
 * without this module.
 */
import "server-only";
import type { Db } from "@/db";
import { getConfig } from "@/lib/env";
import { log } from "@/lib/log";
import { createActionClient, type ActionClient } from "./action";
import { appCredential, createAppToken } from "./app-token";
import { databaseSlots } from "./database-slots";
import { processDeprecationWatch } from "./deprecations";
import { anonymousCredential, createWikimediaHttp, type Credential, type WikimediaHttp } from "./http";
import { createTokenClient } from "./oauth";
import { createRestClient, type RestClient } from "./rest";
import { userAgent } from "./user-agent";
import { userCredential, type UserTokens } from "./user-token";

export interface Wikimedia {
  http: WikimediaHttp;
  rest: RestClient;
  action: ActionClient;
  /** A signed-in user: their token from the token source (the vault). */
  asUser(userId: string): Credential;
  /** A visitor: Wikiport's own app token. */
  asVisitor(): Credential;
  anonymous: Credential;
}

/**
 * `userTokens` is asked for on a user's first call. `db` holds the state every instance shares: each
 * credential's request slots and the app token, sealed with the vault's key ring.
 */
export function createWikimedia(userTokens: () => UserTokens, db: Db): Wikimedia {
  const { wikimedia: config, vault } = getConfig();
  const agent = userAgent(config.contact);
  const http = createWikimediaHttp({
    wikiUrlTemplate: config.wikiUrlTemplate,
    userAgent: agent,
    slots: databaseSlots({ db, log }),
    log,
    deprecations: processDeprecationWatch(log),
  });
  const appToken = createAppToken({
    tokens: createTokenClient({ oauthUrl: config.oauthUrl, clientId: config.clientId, clientSecret: config.clientSecret, userAgent: agent }),
    shared: { db, keyRing: vault.keyRing, oauthServer: config.oauthUrl },
    log,
  });
  const visitor = appCredential(appToken, log);
  return {
    http,
    rest: createRestClient({ http }),
    action: createActionClient({ http }),
    asUser: (userId) => userCredential(userTokens(), userId),
    asVisitor: () => visitor,
    anonymous: anonymousCredential,
  };
}

export { WikimediaError, describeWikimediaError, type WikimediaErrorCode } from "./errors";
export type { Credential } from "./http";
