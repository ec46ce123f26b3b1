/**
 * Which integrity rule a failed statement broke, on either engine, so that code above db/ can answer
 * "that user is gone" or "that name is taken" without knowing SQLite's or PostgreSQL's error codes.
 * Drizzle wraps the driver's error (its message carries the statement and its parameters: never show
 * or log it); the driver's code is on the cause.
 */
export type ConstraintKind = "unique" | "foreign_key";

const CODES: Record<string, ConstraintKind> = {
  // PostgreSQL SQLSTATEs (Appendix A): unique_violation, foreign_key_violation.
  "23505": "unique",
  "23503": "foreign_key",
  // better-sqlite3's extended result codes.
  SQLITE_CONSTRAINT_UNIQUE: "unique",
  SQLITE_CONSTRAINT_PRIMARYKEY: "unique",
  SQLITE_CONSTRAINT_FOREIGNKEY: "foreign_key",
};

export function constraintViolated(error: unknown): ConstraintKind | null {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && Object.hasOwn(CODES, code)) return CODES[code] ?? null;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
