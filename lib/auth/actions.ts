"use server";
/**
 * The sign-in and sign-out forms' server actions. Each is a public POST endpoint (Next checks its
 * Origin); neither takes input, and signing out without a session is harmless.
 */
import { signIn, signOut } from "./index";

/** Starts "Sign in with Wikimedia" (also "Reconnect": a new sign-in stores fresh tokens). */
export async function signInWithWikimedia(): Promise<void> {
  await signIn("wikimedia", { redirectTo: "/dashboard" });
}

/** Deletes the database session, so the cookie stops working everywhere at once. */
export async function signOutOfWikiport(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
