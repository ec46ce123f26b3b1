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
import { normalizeLanguage } from "@/lib/i18n/languages";
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

/**
 * The profile with the user's Wikimedia preferences (lib/auth/wikimedia-provider.ts): null, or absent,
 * when they could not be read, and then the ones stored at an earlier sign-in are kept.
 */
const signInProfileSchema = wikimediaProfileSchema.extend({
  options: z
    .object({ language: z.string().nullable(), gender: z.enum(["male", "female", "unknown"]) })
    .nullable()
    .optional()
    .catch(null),
});

export interface RecordSignInDeps {
  db: Db;
  vault: Pick<Vault, "storeTokens">;
  now?: () => Date;
}

export async function recordSignIn(deps: RecordSignInDeps, input: { account: unknown; profile: unknown }): Promise<{ userId: string }> {
  const account = tokenAccountSchema.parse(input.account);
  const profile = signInProfileSchema.parse(input.profile);
  if (account.providerAccountId !== profile.sub) throw new Error("The token and the profile belong to different Wikimedia users");
  const { db } = deps;
  const now = deps.now?.() ?? new Date();

  // One transaction: a sign-in leaves a user with an account, a profile and tokens, or nothing new at all.
  // The vault writes through the transaction too: on PostgreSQL another connection could not see the new user.
  return db.transaction(async (tx) => {
    const email = profile.confirmed_email && profile.email ? profile.email.toLowerCase() : null;
    const [linked] = await tx
      .select({ userId: accounts.userId })
      .from(accounts)
      .where(and(eq(accounts.provider, account.provider), eq(accounts.providerAccountId, account.providerAccountId)))
      .limit(1);
    let userId: string;
    if (linked) {
      userId = linked.userId;
    } else {
      const [created] = await tx.insert(users).values({ name: profile.username }).returning({ id: users.id });
      if (!created) throw new Error("The database returned no row for an insert");
      userId = created.id;
      await tx.insert(accounts).values({ userId, type: "oauth", provider: account.provider, providerAccountId: account.providerAccountId });
    }
    // Several Wikimedia accounts may share one address, but users.email is unique: first come keeps it.
    const [emailTaken] = email
      ? await tx.select({ id: users.id }).from(users).where(and(eq(users.email, email), ne(users.id, userId))).limit(1)
      : [];
    const preferences = profile.options
      ? { wikimediaLanguage: normalizeLanguage(profile.options.language), wikimediaGender: profile.options.gender }
      : {};
    await tx.update(users).set({ name: profile.username, email: emailTaken ? null : email, ...preferences }).where(eq(users.id, userId));
    await saveWikimediaProfile(tx, userId, profile, now);
    await deps.vault.storeTokens(
      {
        userId,
        wikimediaUserId: profile.sub,
        accessToken: account.access_token,
        refreshToken: account.refresh_token ?? null,
        expiresInSeconds: account.expires_in,
        // The token response carries no scope; the profile's `grants` are the token's verified scopes.
        scopes: profile.grants,
      },
      tx,
    );
    return { userId };
  });
}
