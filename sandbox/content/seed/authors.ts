/**
 * Authors of the seeded revisions. Ids and names mirror DEMO_USERS in ../../seed.ts (imported there from
 * seed-pages, so importing it back would be a cycle); seed-pages.test.ts keeps the two in step.
 */
import type { SeedAuthor } from "./types";

export const AUTHORS = {
  editor: { id: 1001, name: "Ada Editor" },
  newcomer: { id: 1002, name: "Nico Newcomer" },
  blocked: { id: 1003, name: "Blake Blocked" },
  admin: { id: 1004, name: "Ana Admin" },
  /** A logged-out editor (documentation address range, RFC 5737). */
  ip: { id: 0, name: "203.0.113.45" },
  ip2: { id: 0, name: "198.51.100.23" },
} satisfies Record<string, SeedAuthor>;
