/**
 * Wikiport's data model on SQLite. Auth.js owns `users`, `accounts`, `sessions` and `verification_tokens`
 * (the shapes @auth/drizzle-adapter expects); later features add their own tables below them.
 *
 * db/schema/postgres.ts is the same model on PostgreSQL, table by table and column by column, so that
 * a row reads the same on either engine (db/schema.test.ts compares them); change both together and run
 * `npm run db:generate`.
 */
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const users = sqliteTable("users", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: integer("email_verified", { mode: "timestamp_ms" }),
  image: text("image"),
  /**
   * The interface language the person chose in Wikiport's language picker (lib/i18n/choice.ts), null
   * until they do. Read with the session (lib/auth/config.ts), so no render needs a query of its own.
   */
  language: text("language"),
  /**
   * Their interface language on Wikimedia (Meta's `language` preference) as of the latest sign-in, null
   * when they never set one or it could not be read (docs/wikimedia-protocol.md §5.10).
   */
  wikimediaLanguage: text("wikimedia_language"),
  /** Their `gender` preference on Wikimedia (`male`, `female`, `unknown`) as of the latest sign-in, for {{GENDER:}}. */
  wikimediaGender: text("wikimedia_gender"),
});

/**
 * Linked provider accounts. Auth.js's adapter would store provider tokens here in plain text; Wikiport
 * never does (the token columns stay empty): tokens live sealed in the vault.
 */
export const accounts = sqliteTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<"oauth" | "oidc" | "email" | "webauthn">().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (account) => [primaryKey({ columns: [account.provider, account.providerAccountId] })],
);

export const sessions = sqliteTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: integer("expires", { mode: "timestamp_ms" }).notNull(),
});

export const verificationTokens = sqliteTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: integer("expires", { mode: "timestamp_ms" }).notNull(),
  },
  (verificationToken) => [primaryKey({ columns: [verificationToken.identifier, verificationToken.token] })],
);

/**
 * The token vault: one row per user and Wikimedia OAuth server. Tokens are sealed (lib/crypto), never
 * plain. `version` increases on every write of the token pair, and the lease columns let exactly one
 * process refresh at a time without holding a transaction across the network call.
 */
export const grants = sqliteTable("grants", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  userId: text("user_id")
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: "cascade" }),
  /** The OAuth server's token endpoint origin + path, e.g. https://meta.wikimedia.org/w/rest.php/oauth2 */
  oauthServer: text("oauth_server").notNull(),
  /** Central user id on Wikimedia (the profile's `sub`). */
  wikimediaUserId: text("wikimedia_user_id").notNull(),
  accessToken: text("access_token"),
  refreshToken: text("refresh_token"),
  accessExpiresAt: integer("access_expires_at", { mode: "timestamp_ms" }),
  refreshExpiresAt: integer("refresh_expires_at", { mode: "timestamp_ms" }),
  /** Grants the user approved, space-separated. */
  scopes: text("scopes").notNull().default(""),
  status: text("status", { enum: ["active", "reconnect_needed", "revoked"] }).notNull().default("active"),
  /** Why the grant needs a reconnect, as a stable code (invalid_grant, unsealable, disconnected…). */
  statusReason: text("status_reason"),
  version: integer("version").notNull().default(0),
  leaseOwner: text("lease_owner"),
  leaseUntil: integer("lease_until", { mode: "timestamp_ms" }),
  lastRefreshAt: integer("last_refresh_at", { mode: "timestamp_ms" }),
  failureCount: integer("failure_count").notNull().default(0),
  /** After a transient failure, no new refresh attempt before this time (backoff with jitter). */
  retryAfter: integer("retry_after", { mode: "timestamp_ms" }),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().$defaultFn(() => new Date()),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().$defaultFn(() => new Date()),
});

/**
 * What Wikimedia's profile endpoint (`/oauth2/resource/profile`, docs/wikimedia-protocol.md §1.3) said about the user
 * at their latest sign-in: shown on the dashboard without a call to Wikimedia. Refreshed on every sign-in.
 */
export const wikimediaProfiles = sqliteTable("wikimedia_profiles", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** Central user id on Wikimedia (the profile's `sub`, a string). */
  wikimediaUserId: text("wikimedia_user_id").notNull().unique(),
  username: text("username").notNull(),
  groups: text("groups", { mode: "json" }).$type<string[]>().notNull(),
  rights: text("rights", { mode: "json" }).$type<string[]>().notNull(),
  /** The grants of the token issued at that sign-in (the profile's `grants`). */
  grants: text("grants", { mode: "json" }).$type<string[]>().notNull(),
  blocked: integer("blocked", { mode: "boolean" }).notNull(),
  editCount: integer("edit_count").notNull(),
  registeredAt: integer("registered_at", { mode: "timestamp_ms" }),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * What Wikiport did on a user's behalf, and account events, shown to that user on the dashboard.
 * `result` is `ok` or a stable error code (edit_conflict, blocked, …); nothing secret is ever stored.
 */
export const auditEvents = sqliteTable("audit_events", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  action: text("action", {
    enum: ["sign_in", "edit", "add_section", "undo", "watch", "unwatch", "disconnect", "check_connection", "create_api_token", "revoke_api_token", "save_personal_token", "delete_personal_token", "create_widget", "delete_widget"],
  }).notNull(),
  /** The wiki's host, when the action was on a wiki. */
  wiki: text("wiki"),
  title: text("title"),
  revisionId: integer("revision_id"),
  result: text("result").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
}, (table) => [index("audit_events_user_time").on(table.userId, table.createdAt)]);

/**
 * Personal access tokens for Wikiport's own API (`/api/v1`), created by users on their dashboard
 * (lib/api-tokens). Only a SHA-256 digest of the token is stored, never the token itself; `last_four` lets
 * the dashboard tell tokens apart. `last_used_at` is throttled so that verifying a token is not a write
 * per request.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Lowercase hex SHA-256 of the whole token string: the lookup key. */
    tokenDigest: text("token_digest").notNull(),
    lastFour: text("last_four").notNull(),
    scopes: text("scopes", { mode: "json" }).$type<("read" | "edit" | "watch")[]>().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** Null: the token never expires (the user chose "no expiry"). */
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (table) => [uniqueIndex("api_tokens_token_digest").on(table.tokenDigest), index("api_tokens_user").on(table.userId, table.createdAt)],
);

/**
 * The user's own Wikimedia personal API token (an owner-only OAuth 2.0 client's access token, created on
 * Meta's "My clients" page), pasted on the dashboard. Sealed with the vault's key ring, bound to this
 * column and user; never shown again in full. `profile_*` is what the profile endpoint said when it was
 * verified; `rate_limit_tier` comes from the token's own claims. One per user.
 */
export const personalTokens = sqliteTable("personal_tokens", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  token: text("token").notNull(),
  /** The last four characters, to tell tokens apart without unsealing. */
  lastFour: text("last_four").notNull(),
  /** Central user id and name the token belongs to, per the profile endpoint. */
  wikimediaUserId: text("wikimedia_user_id").notNull(),
  username: text("username").notNull(),
  grants: text("grants", { mode: "json" }).$type<string[]>().notNull(),
  /** The token's `ratelimit` claim (e.g. `{"requests_per_unit":5000,"unit":"HOUR"}`), when present. */
  rateLimit: text("rate_limit", { mode: "json" }).$type<{ requestsPerUnit: number; unit: string } | null>(),
  /** The OAuth client the token was issued to (the JWT `aud`). */
  clientId: text("client_id"),
  /** From the token's `exp` claim; null when the token never expires. */
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  verifiedAt: integer("verified_at", { mode: "timestamp_ms" }).notNull(),
  lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
});

/**
 * Registered widgets (lib/widget): an embed id the owner hands out, with the exact origins allowed to
 * frame it (CSP `frame-ancestors`) and its options. Unregistered article cards need no row.
 */
export const widgets = sqliteTable(
  "widgets",
  {
    /** The public embed id, in URLs: random, unguessable, not the owner's id. */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Wiki host and title of the article the card shows. */
    wiki: text("wiki").notNull(),
    title: text("title").notNull(),
    /** Exact origins (scheme://host[:port]) that may frame it. */
    allowedOrigins: text("allowed_origins", { mode: "json" }).$type<string[]>().notNull(),
    /** Card options: theme, layout, interface language. */
    options: text("options", { mode: "json" }).$type<{ theme: "light" | "dark" | "auto"; layout: "compact" | "full"; lang: string }>().notNull(),
    /** Whether the card shows a Watch button (which acts only in a top-level popup on Wikiport). */
    watchButton: integer("watch_button", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [index("widgets_user").on(table.userId, table.createdAt)],
);

/*
 * State that every Wikiport instance must share (docs/decisions/018-many-instances.md). Times here are
 * milliseconds since the epoch as plain numbers: the database itself does the arithmetic on them.
 */

/**
 * Rate-limit buckets (lib/rate-limit): one row per limit and subject (a user, a session, a client
 * address), keyed by a digest so no address is stored. `tokens` is what was left at `updated_ms`.
 */
export const rateLimitBuckets = sqliteTable("rate_limit_buckets", {
  key: text("key").primaryKey(),
  tokens: real("tokens").notNull(),
  updatedMs: integer("updated_ms").notNull(),
});

/**
 * Wikimedia's "at most 3 requests in flight per credential" (lib/wikimedia/http.ts), across instances:
 * one row per credential and slot; a holder that dies loses its slot at `expires_ms`.
 */
export const upstreamSlots = sqliteTable(
  "upstream_slots",
  {
    credential: text("credential").notNull(),
    slot: integer("slot").notNull(),
    holder: text("holder"),
    expiresMs: integer("expires_ms").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.credential, table.slot] })],
);

/**
 * Wikiport's own access token (client credentials), fetched once for all instances: sealed like the
 * vault's tokens, with a lease so that one instance fetches while the others wait for it.
 */
export const appTokens = sqliteTable("app_tokens", {
  /** The OAuth server (its OAuth base URL) that issued the token. */
  oauthServer: text("oauth_server").primaryKey(),
  token: text("token"),
  expiresMs: integer("expires_ms").notNull().default(0),
  version: integer("version").notNull().default(0),
  leaseOwner: text("lease_owner"),
  leaseUntilMs: integer("lease_until_ms").notNull().default(0),
});
