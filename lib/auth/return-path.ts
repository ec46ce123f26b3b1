/**
 * Where the sign-in page may send someone back to after signing in: a Wikiport wiki page, as a path of
 * printable ASCII without a backslash (wikiHref percent-encodes titles). Anything else is dropped, and
 * Auth.js's redirect callback checks the origin once more (safe-redirect.ts, docs/security-requirements.md item 6).
 */
import { z } from "zod";

export const returnPath = z
  .string()
  .max(2048)
  .regex(/^\/wiki\/[!-[\]-~]*$/);
