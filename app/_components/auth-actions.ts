"use server";
/**
 * The sign-in button's and the header's sign-out action, used on every page. Through the action
 * boundary like every action; neither takes input, and both run without a session: signing in needs
 * none, and signing out without one is harmless.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth";
import { returnPath } from "@/lib/auth/return-path";
import { boundaryNotice, formAction, optional } from "@/lib/server-actions";

const noInput = z.object({});

/**
 * Starts "Sign in with Wikimedia" (also "Reconnect": a new sign-in stores fresh tokens), then goes to the
 * dashboard, or back to the wiki page the sign-in page was opened from (the visitor's article page links
 * there with it, lib/articles/visitor-document.ts). Only Wikiport's own `/wiki/` pages, and Auth.js's
 * redirect callback checks the origin again (lib/auth/safe-redirect.ts).
 */
export const signInWithWikimedia = formAction(
  {
    name: "sign_in",
    schema: z.object({ returnTo: optional(returnPath) }),
    access: "anyone",
    failed: (failure) => redirect(`/dashboard?notice=${boundaryNotice(failure) ?? "action-failed"}`),
  },
  async ({ input }) => {
    await signIn("wikimedia", { redirectTo: input.returnTo ?? "/dashboard" });
  },
);

/** Deletes the database session, so the cookie stops working everywhere at once. */
export const signOutOfWikiport = formAction(
  { name: "sign_out", schema: noInput, access: "anyone", failed: (failure) => redirect(`/dashboard?notice=${boundaryNotice(failure) ?? "action-failed"}`) },
  async () => {
    await signOut({ redirectTo: "/" });
  },
);
