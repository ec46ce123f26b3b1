/**
 * Everything a successful Wikimedia sign-in writes, in one transaction: the user and their linked
 * account (first time only, without tokens), the profile, and the tokens, sealed, into the vault.
 *
 * Runs from Auth.js's `signIn` callback, before Auth.js looks the account up and creates the session,
 * so it runs on every sign-in: Auth.js itself writes tokens only when it first links an account and
 * never updates them on a later sign-in (next-auth #3599; docs/security-requirements.md item 24). A failure here aborts
 * the sign-in (Auth.js turns it into AccessDenied), whereas `events.signIn` would swallow it.
 */
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { accounts, users } from "@/db/schema";
import type { Vault } from "@/lib/grants/vault";
import { wikimediaProfileSchema } from "@/lib/wikimedia/profile";
import { saveWikimediaProfile } from "./wikimedia-profiles";

/** The token response as Auth.js hands it over (docs/wikimedia-protocol.md §1.2: no `scope`, no `id_token`). */
const tokenAccountSchema = z.object({
  provider: z.literal("wikimedia"),
  providerAccountId: z.string().min(1),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
});

export interface RecordSignInDeps {
  db: Db;
  vault: Pick<Vault, "storeTokens">;
  now?: () => Date;
}

export function recordSignIn(deps: RecordSignInDeps, input: { account: unknown; profile: unknown }): { userId: string } {
  const account = tokenAccountSchema.parse(input.account);
  const profile = wikimediaProfileSchema.parse(input.profile);
  if (account.providerAccountId !== profile.sub) throw new Error("The token and the profile belong to different Wikimedia users");
  const { db } = deps;
  const now = deps.now?.() ?? new Date();

  // better-sqlite3 has one connection, so every statement below, the vault's included, is inside this
  // transaction. IMMEDIATE takes the write lock up front: two sign-ins never deadlock upgrading a read lock.
  return db.transaction(
    () => {
      const email = profile.confirmed_email && profile.email ? profile.email.toLowerCase() : null;
      const linked = db
        .select({ userId: accounts.userId })
        .from(accounts)
        .where(and(eq(accounts.provider, account.provider), eq(accounts.providerAccountId, account.providerAccountId)))
        .get();
      let userId: string;
      if (linked) {
        userId = linked.userId;
      } else {
        userId = db.insert(users).values({ name: profile.username }).returning({ id: users.id }).get().id;
        db.insert(accounts)
          .values({ userId, type: "oauth", provider: account.provider, providerAccountId: account.providerAccountId })
          .run();
      }
      // Several Wikimedia accounts may share one address, but users.email is unique: first come keeps it.
      const emailTaken = email ? db.select({ id: users.id }).from(users).where(and(eq(users.email, email), ne(users.id, userId))).get() : undefined;
      db.update(users)
        .set({ name: profile.username, email: emailTaken ? null : email })
        .where(eq(users.id, userId))
        .run();
      saveWikimediaProfile(db, userId, profile, now);
      deps.vault.storeTokens({
        userId,
        wikimediaUserId: profile.sub,
        accessToken: account.access_token,
        refreshToken: account.refresh_token ?? null,
        expiresInSeconds: account.expires_in,
        // The token response carries no scope; the profile's `grants` are the token's verified scopes.
        scopes: profile.grants,
      });
      return { userId };
    },
    { behavior: "immediate" },
  );
}
