/**
 * Which database engine a process runs on, from its environment: `DATABASE_URL=postgres://…` selects
 * PostgreSQL (any number of instances share it), otherwise SQLite at `DATABASE_PATH` (one machine).
 * Read here and nowhere else, so that the tables (db/schema.ts) and the connection (db/index.ts) can
 * never disagree. docs/decisions/018-many-instances.md.
 */
export type Engine = "sqlite" | "postgres";

export type DatabaseTarget = { engine: "sqlite"; path: string } | { engine: "postgres"; url: string };

export const DEFAULT_SQLITE_PATH = "data/wikiport.db";

/** An engine setting that cannot work, worded for the operator (never containing a password). */
export class DatabaseConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseConfigError";
  }
}

/** The URL as it may be shown: user and host, never the password. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(not a URL)";
  }
}

export function databaseTarget(env: Record<string, string | undefined>): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DatabaseConfigError("DATABASE_URL is not a URL: it must look like postgres://user:password@host:5432/wikiport.");
    }
    if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
      throw new DatabaseConfigError(
        `DATABASE_URL (${redactUrl(url)}) must start with postgres:// or postgresql://; leave it unset to use SQLite at DATABASE_PATH.`,
      );
    }
    return { engine: "postgres", url };
  }
  return { engine: "sqlite", path: env.DATABASE_PATH?.trim() || DEFAULT_SQLITE_PATH };
}

export function engineOf(env: Record<string, string | undefined>): Engine {
  return env.DATABASE_URL?.trim() ? "postgres" : "sqlite";
}
