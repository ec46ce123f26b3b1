/**
 * Everything the sandbox remembers. Plain JSON-serializable records, so the file store can write the
 * whole state and `reset` can put the seed back. Times are epoch milliseconds of the sandbox clock.
 */
export interface UserRecord {
  /** Central (global) user id, the same on every wiki, as with single user login. */
  id: number;
  name: string;
  password: string;
  /** Explicit groups (effective groups add `*` and `user`). */
  groups: string[];
  /** CentralAuth global groups (e.g. `global-bot`); none when absent. */
  globalGroups?: string[];
  editCount: number;
  registered: number;
  email: string;
  emailConfirmed: boolean;
  realName: string;
  /** One-line role shown on the sandbox's home page. */
  role: string;
  /** Preferences the user set (global preferences), over the defaults of sandbox/user-options.ts. */
  options?: Record<string, string | number>;
}

/**
 * A user's account on one wiki, attached to their global account (CentralAuth's `localuser` row). The
 * home wiki's account was made at registration; the others were created automatically on first use
 * (docs/wikimedia-protocol.md §11.2).
 */
export interface LocalAccountRecord {
  /** The global account's id (UserRecord.id). */
  userId: number;
  /** The wiki's host. */
  wiki: string;
  /** The id of the account on that wiki. */
  localId: number;
  /** When it was attached to the global account (epoch ms). */
  attached: number;
  /** How it was attached (CentralAuth `lu_attached_method`): `primary`/`new` at home, `login` when created automatically. */
  method: "primary" | "new" | "login";
}

/** A log entry (`logging` table); the sandbox keeps the `newusers` ones it writes. */
export interface LogEventRecord {
  id: number;
  wiki: string;
  type: "newusers";
  action: "autocreate" | "create";
  /** Who did it; for `autocreate`, the new account itself. */
  userId: number;
  userName: string;
  /** The log entry's page: `User:<name>`. */
  title: string;
  timestamp: number;
  params: Record<string, number | string>;
}

export interface BlockRecord {
  id: number;
  userId: number;
  by: string;
  byId: number;
  reason: string;
  timestamp: number;
  /** `null` = infinite. */
  expiry: number | null;
  partial: boolean;
}

export interface PageRecord {
  wiki: string;
  id: number;
  ns: number;
  /** Display title with spaces and namespace prefix, e.g. "Main Page", "File:Earth.png". */
  title: string;
  /** Edit protection level: the right needed to edit ("editsemiprotected" or "editprotected"). */
  protection: { edit?: "autoconfirmed" | "sysop"; create?: "autoconfirmed" | "sysop" };
  latestRevisionId: number;
}

export interface RevisionRecord {
  id: number;
  wiki: string;
  pageId: number;
  parentId: number;
  timestamp: number;
  userId: number;
  userName: string;
  comment: string;
  minor: boolean;
  content: string;
  /**
   * Stored HTML that replaces the rendered wikitext. Only the seeded hostile-markup fixture uses it, so
   * the app's sanitizing can be proven against what a compromised or buggy upstream might send.
   */
  htmlOverride?: string;
  tags: string[];
}

export interface ClientRecord {
  /** Client application key: 32 hex characters. */
  key: string;
  /** Secret as shown to the developer: 40 hex characters. */
  secret: string;
  name: string;
  version: string;
  description: string;
  ownerId: number;
  callbackUrl: string;
  confidential: boolean;
  ownerOnly: boolean;
  grantTypes: ("authorization_code" | "refresh_token" | "client_credentials")[];
  /** Registered grants (always including `basic`). */
  grants: string[];
  stage: "proposed" | "approved" | "disabled";
  /** `*` or a wiki's host. */
  wiki: string;
  created: number;
}

/** A user's acceptance of a client (oauth_accepted_consumer). */
export interface ApprovalRecord {
  id: number;
  clientKey: string;
  userId: number;
  grants: string[];
  accepted: number;
}

export interface AccessTokenRecord {
  /** JWT `jti`: 80 hex characters. */
  jti: string;
  clientKey: string;
  /** 0 for anonymous client-credentials tokens. */
  userId: number;
  /** 0 when there is no approval (client credentials of a non-owner-only client). */
  approvalId: number;
  scopes: string[];
  grantType: "authorization_code" | "refresh_token" | "client_credentials" | "owner_only";
  issued: number;
  /** `null` = never (owner-only tokens shown on "My clients"). */
  expires: number | null;
  revoked: boolean;
}

export interface RefreshTokenRecord {
  id: string;
  accessJti: string;
  clientKey: string;
  userId: number;
  approvalId: number;
  scopes: string[];
  issued: number;
  expires: number;
  /** Set when rotated or revoked; a rotated token still works until `graceExpires`. */
  revokedAt: number | null;
  graceExpires: number | null;
}

export interface AuthCodeRecord {
  id: string;
  clientKey: string;
  userId: number;
  approvalId: number;
  scopes: string[];
  /** As sent to authorize, or null when none was sent. */
  redirectUri: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: "plain" | "S256" | null;
  expires: number;
  used: boolean;
}

export interface BrowserSessionRecord {
  id: string;
  userId: number;
  created: number;
  /** Set for sessions opened with a bot password (action=login): the grants it was limited to. */
  grants?: string[];
  /** The bot password's name for such sessions: deleting or resetting it ends them (BotPassword::invalidateSession). */
  botAppId?: string;
}

export interface WatchRecord {
  userId: number;
  wiki: string;
  title: string;
  added: number;
  expiry: number | null;
}

export interface BotPasswordRecord {
  userId: number;
  appId: string;
  password: string;
  grants: string[];
}

export interface AbuseFilterRecord {
  id: number;
  description: string;
  /** A case-insensitive phrase whose addition to a page trips the filter. */
  phrase: string;
  actions: ("disallow" | "warn")[];
}

export interface SandboxState {
  version: 1;
  /** Added to the real clock; moved forward by the control API to expire tokens in tests. */
  clockOffsetMs: number;
  nextId: { page: number; revision: number; approval: number; block: number; localUser: number; log: number };
  users: UserRecord[];
  localAccounts: LocalAccountRecord[];
  logEvents: LogEventRecord[];
  blocks: BlockRecord[];
  pages: PageRecord[];
  revisions: RevisionRecord[];
  clients: ClientRecord[];
  approvals: ApprovalRecord[];
  accessTokens: AccessTokenRecord[];
  refreshTokens: RefreshTokenRecord[];
  authCodes: AuthCodeRecord[];
  browserSessions: BrowserSessionRecord[];
  watchlist: WatchRecord[];
  botPasswords: BotPasswordRecord[];
  abuseFilters: AbuseFilterRecord[];
  /** RS256 key pair that signs access tokens (PEM), kept so tokens survive a restart of the file store. */
  signingKey: { privateKeyPem: string; publicKeyPem: string };
}
