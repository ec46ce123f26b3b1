/**
 * Who is signed in, for server components and server actions. Authorization lives here, next to the
 * data, not in proxy.ts (style.md practice 4; CVE-2025-29927 let a header skip middleware).
 */
import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./index";

export interface SignedInUser {
  id: string;
  name: string;
}

/** The signed-in user, or null. Cached per request: every caller in one render shares one lookup. */
export const getCurrentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return { id, name: session.user?.name ?? "" };
});

/** The signed-in user; anyone else is sent to the landing page. */
export const requireUser = cache(async (): Promise<SignedInUser> => {
  const user = await getCurrentUser();
  if (!user) redirect("/");
  return user;
});
