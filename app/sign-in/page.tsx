import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { SignInButton } from "@/app/_components/sign-in-button";
import { eCodeSchema, helpUrl, OAUTH_E_CODES } from "@/lib/auth/oauth-errors";
import { returnPath } from "@/lib/auth/return-path";

export const metadata: Metadata = { title: "Sign in" };

/**
 * Auth.js's sign-in and error page (pages.signIn and pages.error), and where the route guard sends
 * Wikimedia's own refusals. The `error` codes are Auth.js's client-safe types plus the guard's two.
 */
const PROBLEMS: Record<string, { title: string; text: string }> = {
  Cancelled: {
    title: "You cancelled the sign-in",
    text: "You chose Cancel on Wikimedia's page, so Wikiport was not given access to your account and nothing was stored.",
  },
  WikimediaRefused: {
    title: "Wikimedia refused the sign-in",
    text: "Wikimedia sent you back with an error instead of your approval. Try again; if it keeps happening, the people running this Wikiport need to check its OAuth consumer.",
  },
  OAuthCallbackError: {
    title: "Wikimedia did not finish the sign-in",
    text: "Wikimedia could not be reached or did not answer as expected, so you were not signed in. Try again in a moment.",
  },
  OAuthAccountNotLinked: {
    title: "You are signed in with another Wikimedia account",
    text: "Sign out of Wikiport first, then sign in with the account you want to use.",
  },
  AccessDenied: {
    title: "Wikiport could not finish signing you in",
    text: "Your approval arrived, but Wikiport could not save it. Nothing changed; try again.",
  },
  MissingCSRF: {
    title: "The sign-in form expired",
    text: "Start the sign-in again from this page.",
  },
};

// Also what Auth.js's catch-all `Configuration` shows: it is the type a failed state or PKCE check (an
// expired, replayed or foreign callback) arrives as, the common case by far.
const EXPIRED = {
  title: "The sign-in could not be completed",
  text: "Wikimedia's answer did not match a sign-in started in this browser. It may have taken longer than 15 minutes, been opened twice, or come from another browser. Start again.",
};

const querySchema = z.object({
  error: z
    .string()
    .regex(/^[A-Za-z]{1,40}$/)
    .optional()
    .catch(undefined),
  // The OAuth extension's E-code of Wikimedia's refusal, when it sent one (lib/auth/route-guard.ts).
  code: eCodeSchema.optional().catch(undefined),
  // The wiki page to come back to (a visitor's article page links here with it).
  callbackUrl: returnPath.optional().catch(undefined),
});

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { error, code, callbackUrl } = querySchema.parse(await searchParams);
  // Own keys only: `?error=constructor` must not find Object.prototype's and show an empty heading.
  const problem = error ? (Object.hasOwn(PROBLEMS, error) ? PROBLEMS[error]! : EXPIRED) : null;
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-6 px-6 py-16">
      <h1 className="text-3xl font-bold text-cdx-emphasized">{problem ? problem.title : "Sign in"}</h1>
      {problem ? (
        <div role="alert" className="flex flex-col gap-2 rounded-cdx border border-cdx-border-error bg-cdx-bg-error-subtle p-4">
          <p>{problem.text}</p>
          {code ? (
            <p>
              {OAUTH_E_CODES[code]}{" "}
              <a href={helpUrl(code)} rel="noopener noreferrer">
                What Wikimedia says about {code}
              </a>
            </p>
          ) : null}
          <p className="text-sm text-cdx-subtle">
            Error code: <code>{code ? `${error} (${code})` : error}</code>
          </p>
        </div>
      ) : (
        <p className="text-cdx-subtle">Sign in with your Wikimedia account to use Wikiport.</p>
      )}
      <div className="flex flex-wrap items-center gap-4">
        <SignInButton label={problem ? "Try again" : "Sign in with Wikimedia"} returnTo={callbackUrl} />
        <Link href="/">Back to the home page</Link>
      </div>
    </main>
  );
}
