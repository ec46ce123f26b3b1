/** What the personal-token functions need, passed in so tests point them at a sandbox and a test database. */
import type { Db } from "@/db";
import type { KeyRing } from "@/lib/crypto/key-ring";
import type { Logger } from "@/lib/log";
import type { ActionClient } from "@/lib/wikimedia/action";
import type { WikimediaHttp } from "@/lib/wikimedia/http";

export interface PersonalTokenDeps {
  db: Db;
  /** The vault's key ring: the token is sealed like the vault's own tokens. */
  keyRing: KeyRing;
  http: WikimediaHttp;
  action: ActionClient;
  /** Base of the OAuth 2.0 REST endpoints on Meta (or the sandbox), e.g. https://meta.wikimedia.org/w/rest.php/oauth2 */
  oauthUrl: string;
  /** The grants Wikiport itself asks for (config): a token without them cannot do all Wikiport does. */
  neededGrants: readonly string[];
  log: Logger;
  now?: () => Date;
}
