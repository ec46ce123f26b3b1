/**
 * The process's Wikimedia request layer, wired from configuration. One transport per process, so the
 * per-token concurrency cap and the caches (app token, CSRF tokens) are shared by every request.
 * The pieces themselves take plain options (see http.ts, rest.ts, action.ts, app-token.ts), so tests
 * point them at a sandbox without this module.
 */
import "server-only";
import { getVault } from "@/lib/grants";
import { getConfig } from "@/lib/env";
import { log } from "@/lib/log";
import { createActionClient, type ActionClient } from "./action";
import { appCredential, createAppToken } from "./app-token";
import { anonymousCredential, createWikimediaHttp, type Credential, type WikimediaHttp } from "./http";
import { createTokenClient } from "./oauth";
import { createRestClient, type RestClient } from "./rest";
import { userAgent } from "./user-agent";
import { userCredential } from "./user-token";

export interface Wikimedia {
  http: WikimediaHttp;
  rest: RestClient;
  action: ActionClient;
  /** A signed-in user: their token from the vault. */
  asUser(userId: string): Credential;
  /** A visitor: Wikiport's own app token. */
  asVisitor(): Credential;
  anonymous: Credential;
}

let instance: Wikimedia | undefined;

export function getWikimedia(): Wikimedia {
  if (instance) return instance;
  const config = getConfig().wikimedia;
  const agent = userAgent(config.contact);
  const http = createWikimediaHttp({ wikiUrlTemplate: config.wikiUrlTemplate, userAgent: agent, log });
  const appToken = createAppToken({
    tokens: createTokenClient({ oauthUrl: config.oauthUrl, clientId: config.clientId, clientSecret: config.clientSecret, userAgent: agent }),
    log,
  });
  const visitor = appCredential(appToken, log);
  instance = {
    http,
    rest: createRestClient({ http }),
    action: createActionClient({ http }),
    asUser: (userId) => userCredential(getVault(), userId),
    asVisitor: () => visitor,
    anonymous: anonymousCredential,
  };
  return instance;
}

export { WikimediaError, describeWikimediaError, toUserMessage, type WikimediaErrorCode } from "./errors";
export type { Credential } from "./http";
