/**
 * Who is signed in, for server components and server actions. Authorization lives here, next to the
 * data, not in proxy.ts (style.md practice 4; CVE-2025-29927 let a header skip middleware).
 */
import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./index";
import { accountLanguageSchema, type AccountLanguage } from "./session-language";

export interface SignedInUser {
  id: string;
  name: string;
}

/** The session, looked up once per request (one query: the session row joined with its user). */
const currentSession = cache(() => auth());

/** The signed-in user, or null. Cached per request: every caller in one render shares one lookup. */
export const getCurrentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await currentSession();
  const id = session?.user?.id;
  if (!id) return null;
  return { id, name: session.user?.name ?? "" };
});

/**
 * The signed-in user's languages (their choice in Wikiport, their Wikimedia interface language and
 * gender), or null for a visitor: from the same lookup as getCurrentUser, no query of its own.
 */
export const getAccountLanguage = cache(async (): Promise<AccountLanguage | null> => {
  const session = await currentSession();
  if (!session?.user?.id) return null;
  return accountLanguageSchema.parse(session.user);
});

/** The signed-in user; anyone else is sent to the landing page. */
export const requireUser = cache(async (): Promise<SignedInUser> => {
  const user = await getCurrentUser();
  if (!user) redirect("/");
  return user;
});
