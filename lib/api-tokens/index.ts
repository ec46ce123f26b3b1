/**
 * App-issued personal access tokens for Wikiport's own API (security checklist item 16). Users create
 * them on their dashboard; `/api/v1` handlers call `verifyApiToken`. The plaintext token exists only in the
 * return value of `createApiToken`: it is never stored and never logged.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { constraintViolated } from "@/db/errors";
import { apiTokens } from "@/db/schema";
import { generateApiToken, isWellFormedApiToken } from "./format";

export {
  API_TOKEN_LENGTH,
  API_TOKEN_PATTERN,
  API_TOKEN_PREFIX,
  API_TOKEN_SCAN_PATTERN,
  generateApiToken,
  isWellFormedApiToken,
} from "./format";

export const API_TOKEN_SCOPES = ["read", "edit", "watch"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];
export const API_TOKEN_EXPIRY_DAYS = [30, 90, 365] as const;

/** `last_used_at` is written at most once per this interval per token, so verification is not a write per request. */
export const LAST_USED_INTERVAL_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the dashboard may see of a token: never the digest, never the token. */
export interface ApiTokenSummary {
  id: string;
  name: string;
  lastFour: string;
  scopes: ApiTokenScope[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: "active" | "expired" | "revoked";
}

const createInput = z.object({
  userId: z.string().min(1),
  name: z
    .string()
    .trim()
    .min(1, "Give the token a name.")
    .max(100, "Use at most 100 characters for the name.")
    // Control characters would let a name break the dashboard's layout or a log line.
    .regex(/^[^\p{Cc}]*$/u, "The name can't contain control characters."),
  scopes: z.array(z.enum(API_TOKEN_SCOPES)).min(1, "Choose at least one scope."),
  expiresInDays: z.literal(API_TOKEN_EXPIRY_DAYS).nullable(),
});

export type CreateApiTokenInput = z.input<typeof createInput>;

export type CreateApiTokenError = "invalid_user" | "invalid_name" | "invalid_scopes" | "invalid_expiry" | "unknown_user";

export type CreateApiTokenResult =
  | { ok: true; token: string; record: ApiTokenSummary }
  | { ok: false; code: CreateApiTokenError; message: string };

const FIELD_ERRORS: Record<string, { code: CreateApiTokenError; message: string }> = {
  userId: { code: "invalid_user", message: "Sign in again to create a token." },
  name: { code: "invalid_name", message: "Give the token a name of 1 to 100 characters." },
  scopes: { code: "invalid_scopes", message: "Choose at least one of: read, edit, watch." },
  expiresInDays: { code: "invalid_expiry", message: "Choose an expiry of 30, 90 or 365 days, or no expiry." },
};

/**
 * The token is high-entropy (≈190 random bits), so a plain SHA-256 is enough: nobody can brute-force a
 * preimage, which is the only thing a slow password hash (bcrypt, argon2) protects against for guessable
 * passwords. A fast, unsalted digest also lets verification find the row through a unique index instead
 * of hashing against every row, and costs microseconds per API request rather than tens of milliseconds.
 */
function digest(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

function statusAt(row: Pick<typeof apiTokens.$inferSelect, "expiresAt" | "revokedAt">, now: Date): ApiTokenSummary["status"] {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && now.getTime() >= row.expiresAt.getTime()) return "expired";
  return "active";
}

function summarize(row: typeof apiTokens.$inferSelect, now: Date): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    lastFour: row.lastFour,
    scopes: row.scopes,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    status: statusAt(row, now),
  };
}

export async function createApiToken(db: Db, input: CreateApiTokenInput, now = new Date()): Promise<CreateApiTokenResult> {
  const parsed = createInput.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "");
    return { ok: false, ...(FIELD_ERRORS[field] ?? FIELD_ERRORS.name!) };
  }
  const { userId, name, expiresInDays } = parsed.data;
  // Canonical order without duplicates, so equal grants look equal on the dashboard.
  const scopes = API_TOKEN_SCOPES.filter((scope) => parsed.data.scopes.includes(scope));
  const token = generateApiToken();
  try {
    const [row] = await db
      .insert(apiTokens)
      .values({
        userId,
        name,
        tokenDigest: digest(token).toString("hex"),
        lastFour: token.slice(-4),
        scopes,
        createdAt: now,
        expiresAt: expiresInDays === null ? null : new Date(now.getTime() + expiresInDays * DAY_MS),
      })
      .returning();
    return { ok: true, token, record: summarize(row!, now) };
  } catch (error) {
    // The session's user was deleted between sign-in and this call.
    if (constraintViolated(error) === "foreign_key") return { ok: false, code: "unknown_user", message: "Your account no longer exists. Sign in again." };
    throw error;
  }
}

export type VerifyApiTokenResult =
  | { ok: true; userId: string; tokenId: string; scopes: ApiTokenScope[] }
  // `detail` and `params` let the reader's language say it (lib/i18n/errors.ts): "unknown" is also other modules' code.
  | { ok: false; code: "malformed" | "unknown" | "expired" | "revoked"; status: 401; message: string; detail: "api-token" }
  | { ok: false; code: "insufficient_scope"; status: 403; message: string; params: { scope: ApiTokenScope } };

export async function verifyApiToken(
  db: Db,
  presented: string | null | undefined,
  options: { requiredScope?: ApiTokenScope } = {},
  now = new Date(),
): Promise<VerifyApiTokenResult> {
  // Before any query: scanners' look-alikes, typos and garbage cost no database work.
  if (!isWellFormedApiToken(presented)) {
    return { ok: false, code: "malformed", status: 401, message: "This is not a Wikiport API token. Copy it again from your dashboard.", detail: "api-token" };
  }
  const presentedDigest = digest(presented);
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenDigest, presentedDigest.toString("hex"))).limit(1);
  // The index lookup is by digest, so its timing reveals nothing usable about the token; comparing the
  // digests again in constant time keeps that true should the lookup ever become a prefix or range match.
  if (!row || !timingSafeEqual(Buffer.from(row.tokenDigest, "hex"), presentedDigest)) {
    return { ok: false, code: "unknown", status: 401, message: "This API token does not exist. Create a new one on your dashboard.", detail: "api-token" };
  }
  const status = statusAt(row, now);
  if (status === "revoked") {
    return { ok: false, code: "revoked", status: 401, message: "This API token was revoked. Create a new one on your dashboard.", detail: "api-token" };
  }
  if (status === "expired") {
    return { ok: false, code: "expired", status: 401, message: "This API token has expired. Create a new one on your dashboard.", detail: "api-token" };
  }
  // A valid token presented for the wrong scope still counts as use: the dashboard should show it is live.
  await touchLastUsed(db, row, now);
  if (options.requiredScope && !row.scopes.includes(options.requiredScope)) {
    return {
      ok: false,
      code: "insufficient_scope",
      status: 403,
      message: `This API token does not have the "${options.requiredScope}" scope. Create a token that has it.`,
      params: { scope: options.requiredScope },
    };
  }
  return { ok: true, userId: row.userId, tokenId: row.id, scopes: row.scopes };
}

/**
 * Checked in memory first: even an UPDATE that matches no row takes SQLite's write lock (and is a write
 * on PostgreSQL), which is what the throttle exists to avoid. The condition is repeated in the WHERE so concurrent processes cannot move
 * `last_used_at` backwards or write it twice in one interval.
 */
async function touchLastUsed(db: Db, row: typeof apiTokens.$inferSelect, now: Date): Promise<void> {
  if (row.lastUsedAt && now.getTime() - row.lastUsedAt.getTime() < LAST_USED_INTERVAL_MS) return;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, row.id),
        or(isNull(apiTokens.lastUsedAt), lte(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_INTERVAL_MS))),
      ),
    );
}

/** The user's tokens, newest first, including expired and revoked ones (so the user sees what happened). */
export async function listApiTokens(db: Db, userId: string, now = new Date()): Promise<ApiTokenSummary[]> {
  const rows = await db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map((row) => summarize(row, now));
}

/**
 * Revokes one of the user's own tokens. Another user's token id answers exactly like a missing one
 * (`false`), so ids cannot be probed. Revoking twice keeps the first revocation time.
 */
export async function revokeApiToken(db: Db, userId: string, tokenId: string, now = new Date()): Promise<boolean> {
  const revoked = await db
    .update(apiTokens)
    // The column encodes the time as its engine stores it (an integer on SQLite, a timestamp on PostgreSQL).
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, ${sql.param(now, apiTokens.revokedAt)})` })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id });
  return revoked.length > 0;
}
