/**
 * Wikiport's data model on PostgreSQL. Auth.js owns `users`, `accounts`, `sessions` and `verification_tokens`
 * (the shapes @auth/drizzle-adapter expects); later features add their own tables below them.
 *
 * db/schema/sqlite.ts is the same model on SQLite, table by table and column by column, so that
 * a row reads the same on either engine (db/schema.test.ts compares them); change both together and run
 * `npm run db:generate`.
 */
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const users = pgTable("users", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
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
export const accounts = pgTable(
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

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (verificationToken) => [primaryKey({ columns: [verificationToken.identifier, verificationToken.token] })],
);

/**
 * The token vault: one row per user and Wikimedia OAuth server. Tokens are sealed (lib/crypto), never
 * plain. `version` increases on every write of the token pair, and the lease columns let exactly one
 * process refresh at a time without holding a transaction across the network call.
 */
export const grants = pgTable("grants", {
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
  accessExpiresAt: timestamp("access_expires_at", { withTimezone: true, mode: "date" }),
  refreshExpiresAt: timestamp("refresh_expires_at", { withTimezone: true, mode: "date" }),
  /** Grants the user approved, space-separated. */
  scopes: text("scopes").notNull().default(""),
  status: text("status", { enum: ["active", "reconnect_needed", "revoked"] }).notNull().default("active"),
  /** Why the grant needs a reconnect, as a stable code (invalid_grant, unsealable, disconnected…). */
  statusReason: text("status_reason"),
  version: integer("version").notNull().default(0),
  leaseOwner: text("lease_owner"),
  leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
  lastRefreshAt: timestamp("last_refresh_at", { withTimezone: true, mode: "date" }),
  failureCount: integer("failure_count").notNull().default(0),
  /** After a transient failure, no new refresh attempt before this time (backoff with jitter). */
  retryAfter: timestamp("retry_after", { withTimezone: true, mode: "date" }),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().$defaultFn(() => new Date()),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().$defaultFn(() => new Date()),
});

/**
 * What Wikimedia's profile endpoint (`/oauth2/resource/profile`, docs/wikimedia-protocol.md §1.3) said about the user
 * at their latest sign-in: shown on the dashboard without a call to Wikimedia. Refreshed on every sign-in.
 */
export const wikimediaProfiles = pgTable("wikimedia_profiles", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** Central user id on Wikimedia (the profile's `sub`, a string). */
  wikimediaUserId: text("wikimedia_user_id").notNull().unique(),
  username: text("username").notNull(),
  groups: jsonb("groups").$type<string[]>().notNull(),
  rights: jsonb("rights").$type<string[]>().notNull(),
  /** The grants of the token issued at that sign-in (the profile's `grants`). */
  grants: jsonb("grants").$type<string[]>().notNull(),
  blocked: boolean("blocked").notNull(),
  editCount: integer("edit_count").notNull(),
  registeredAt: timestamp("registered_at", { withTimezone: true, mode: "date" }),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
});

/**
 * What Wikiport did on a user's behalf, and account events, shown to that user on the dashboard.
 * `result` is `ok` or a stable error code (edit_conflict, blocked, …); nothing secret is ever stored.
 */
export const auditEvents = pgTable("audit_events", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
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
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
}, (table) => [index("audit_events_user_time").on(table.userId, table.createdAt)]);

/**
 * Personal access tokens for Wikiport's own API (`/api/v1`), created by users on their dashboard
 * (lib/api-tokens). Only a SHA-256 digest of the token is stored, never the token itself; `last_four` lets
 * the dashboard tell tokens apart. `last_used_at` is throttled so that verifying a token is not a write
 * per request.
 */
export const apiTokens = pgTable(
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
    scopes: jsonb("scopes").$type<("read" | "edit" | "watch")[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    /** Null: the token never expires (the user chose "no expiry"). */
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [uniqueIndex("api_tokens_token_digest").on(table.tokenDigest), index("api_tokens_user").on(table.userId, table.createdAt)],
);

/**
 * The user's own Wikimedia personal API token (an owner-only OAuth 2.0 client's access token, created on
 * Meta's "My clients" page), pasted on the dashboard. Sealed with the vault's key ring, bound to this
 * column and user; never shown again in full. `profile_*` is what the profile endpoint said when it was
 * verified; `rate_limit_tier` comes from the token's own claims. One per user.
 */
export const personalTokens = pgTable("personal_tokens", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  token: text("token").notNull(),
  /** The last four characters, to tell tokens apart without unsealing. */
  lastFour: text("last_four").notNull(),
  /** Central user id and name the token belongs to, per the profile endpoint. */
  wikimediaUserId: text("wikimedia_user_id").notNull(),
  username: text("username").notNull(),
  grants: jsonb("grants").$type<string[]>().notNull(),
  /** The token's `ratelimit` claim (e.g. `{"requests_per_unit":5000,"unit":"HOUR"}`), when present. */
  rateLimit: jsonb("rate_limit").$type<{ requestsPerUnit: number; unit: string } | null>(),
  /** The OAuth client the token was issued to (the JWT `aud`). */
  clientId: text("client_id"),
  /** From the token's `exp` claim; null when the token never expires. */
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  verifiedAt: timestamp("verified_at", { withTimezone: true, mode: "date" }).notNull(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
});

/**
 * Registered widgets (lib/widget): an embed id the owner hands out, with the exact origins allowed to
 * frame it (CSP `frame-ancestors`) and its options. Unregistered article cards need no row.
 */
export const widgets = pgTable(
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
    allowedOrigins: jsonb("allowed_origins").$type<string[]>().notNull(),
    /** Card options: theme, layout, interface language. */
    options: jsonb("options").$type<{ theme: "light" | "dark" | "auto"; layout: "compact" | "full"; lang: string }>().notNull(),
    /** Whether the card shows a Watch button (which acts only in a top-level popup on Wikiport). */
    watchButton: boolean("watch_button").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
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
export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  key: text("key").primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  updatedMs: bigint("updated_ms", { mode: "number" }).notNull(),
});

/**
 * Wikimedia's "at most 3 requests in flight per credential" (lib/wikimedia/http.ts), across instances:
 * one row per credential and slot; a holder that dies loses its slot at `expires_ms`.
 */
export const upstreamSlots = pgTable(
  "upstream_slots",
  {
    credential: text("credential").notNull(),
    slot: integer("slot").notNull(),
    holder: text("holder"),
    expiresMs: bigint("expires_ms", { mode: "number" }).notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.credential, table.slot] })],
);

/**
 * Wikiport's own access token (client credentials), fetched once for all instances: sealed like the
 * vault's tokens, with a lease so that one instance fetches while the others wait for it.
 */
export const appTokens = pgTable("app_tokens", {
  /** The OAuth server (its OAuth base URL) that issued the token. */
  oauthServer: text("oauth_server").primaryKey(),
  token: text("token"),
  expiresMs: bigint("expires_ms", { mode: "number" }).notNull().default(0),
  version: integer("version").notNull().default(0),
  leaseOwner: text("lease_owner"),
  leaseUntilMs: bigint("lease_until_ms", { mode: "number" }).notNull().default(0),
});
