/**
 * Every database column that holds sealed values (lib/crypto/sealed.ts), with how each value's associated
 * data is built. The writers (the grant vault, the personal token store), key rotation
 * (`npm run keys:rotate`), the end-to-end leak scan and the tests all read this one list, so a column
 * that is sealed but not listed here is found by a test instead of being left under an old key that an
 * operator was told they could delete (docs/decisions/014-sealed-columns-registry.md).
 */
import { and, eq, getTableColumns, getTableName, isNull, lte, or, type SQL } from "drizzle-orm";
// The tables' types are PostgreSQL's on every engine (db/schema.ts).
import type { PgColumn as Column, PgTable as Table } from "drizzle-orm/pg-core";
import { appTokens, grants, personalTokens } from "@/db/schema";
import type { SealContext } from "@/lib/crypto/sealed";

/** The associated data of a grant's token: this column of this grant of this user. */
export function grantSealContext(grant: { id: string; userId: string }, column: "access_token" | "refresh_token"): SealContext {
  return { purpose: `grants.${column}`, owner: `user:${grant.userId}/grant:${grant.id}` };
}

/** The associated data of a sealed personal token: this column, this user. */
export function personalTokenSealContext(userId: string): SealContext {
  return { purpose: "personal_tokens.token", owner: `user:${userId}` };
}

/** The associated data of Wikiport's own app token: this column, this OAuth server. */
export function appTokenSealContext(oauthServer: string): SealContext {
  return { purpose: "app_tokens.token", owner: `oauth_server:${oauthServer}` };
}

type Row = Record<string, unknown>;

export interface SealedColumn {
  /** `table.column` as SQL names them; also the purpose in every value's associated data. */
  name: string;
  table: Table;
  column: Column;
  /** The row's primary key: a re-seal writes back to exactly the row it read. */
  key: Column;
  context(row: Row): SealContext;
  /**
   * What must still hold for a re-seal to be written, besides the value being unchanged. A grant whose
   * refresh lease is held is being rewritten by its refresher, so rotation leaves it for the next run.
   */
  writable?(row: Row, now: Date): SQL | undefined;
}

function define<T extends Table>(entry: {
  table: T;
  column: Column;
  key: Column;
  context(row: T["$inferSelect"]): SealContext;
  writable?(row: T["$inferSelect"], now: Date): SQL | undefined;
}): SealedColumn {
  return { ...entry, name: `${getTableName(entry.table)}.${entry.column.name}` } as SealedColumn;
}

/** A grant row may be re-sealed only as read, and not while a refresh holds its lease (docs/decisions/004-refresh-lease.md). */
function grantUnleasedAtVersion(row: typeof grants.$inferSelect, now: Date): SQL | undefined {
  return and(eq(grants.version, row.version), or(isNull(grants.leaseUntil), lte(grants.leaseUntil, now)));
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  define({
    table: grants,
    column: grants.accessToken,
    key: grants.id,
    context: (row) => grantSealContext(row, "access_token"),
    writable: grantUnleasedAtVersion,
  }),
  define({
    table: grants,
    column: grants.refreshToken,
    key: grants.id,
    context: (row) => grantSealContext(row, "refresh_token"),
    writable: grantUnleasedAtVersion,
  }),
  define({
    table: personalTokens,
    column: personalTokens.token,
    key: personalTokens.userId,
    context: (row) => personalTokenSealContext(row.userId),
  }),
  // Re-sealed rather than cleared: rotate.ts does the one thing for every column, and instances keep
  // reading a token that is still valid. Never while an instance holds the lease to write a new one.
  define({
    table: appTokens,
    column: appTokens.token,
    key: appTokens.oauthServer,
    context: (row) => appTokenSealContext(row.oauthServer),
    writable: (row, now) => and(eq(appTokens.version, row.version), lte(appTokens.leaseUntilMs, now.getTime())),
  }),
];

/** The TypeScript property drizzle knows a column by (what `.set()` and rows use). */
export function propertyOf(entry: Pick<SealedColumn, "table" | "column">): string {
  const found = Object.entries(getTableColumns(entry.table)).find(([, column]) => column === entry.column);
  if (!found) throw new Error(`${entry.column.name} is not a column of ${getTableName(entry.table)}`);
  return found[0];
}
