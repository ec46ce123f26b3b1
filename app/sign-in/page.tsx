import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { MAIN_ID, SiteHeader } from "@/app/_components/site-header";
import { SignInButton } from "@/app/_components/sign-in-button";
import { getCurrentUser } from "@/lib/auth/session";
import { eCodeSchema, helpUrl, OAUTH_E_CODES } from "@/lib/auth/oauth-errors";
import { returnPath } from "@/lib/auth/return-path";
import type { MessageKey } from "@/lib/i18n/catalog";
import { Message } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/request";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t.msg("wikiport-signin-title") };
}

/**
 * Auth.js's sign-in and error page (pages.signIn and pages.error), and where the route guard sends
 * Wikimedia's own refusals. The `error` codes are Auth.js's client-safe types plus the guard's two.
 */
const PROBLEMS: Record<string, { title: MessageKey; text: MessageKey }> = {
  Cancelled: { title: "wikiport-signin-cancelled-title", text: "wikiport-signin-cancelled-text" },
  WikimediaRefused: { title: "wikiport-signin-refused-title", text: "wikiport-signin-refused-text" },
  OAuthCallbackError: { title: "wikiport-signin-unfinished-title", text: "wikiport-signin-unfinished-text" },
  OAuthAccountNotLinked: { title: "wikiport-signin-other-account-title", text: "wikiport-signin-other-account-text" },
  AccessDenied: { title: "wikiport-signin-not-saved-title", text: "wikiport-signin-not-saved-text" },
  MissingCSRF: { title: "wikiport-signin-form-expired-title", text: "wikiport-signin-form-expired-text" },
};

// Also what Auth.js's catch-all `Configuration` shows: it is the type a failed state or PKCE check (an
// expired, replayed or foreign callback) arrives as, the common case by far.
const EXPIRED = { title: "wikiport-signin-expired-title", text: "wikiport-signin-expired-text" } as const satisfies { title: MessageKey; text: MessageKey };

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
  const [user, t] = await Promise.all([getCurrentUser(), getTranslator()]);
  // Own keys only: `?error=constructor` must not find Object.prototype's and show an empty heading.
  const problem = error ? (Object.hasOwn(PROBLEMS, error) ? PROBLEMS[error]! : EXPIRED) : null;
  return (
    <>
      <SiteHeader user={user} signIn={false} />
      <main id={MAIN_ID} className="mx-auto flex max-w-xl flex-col gap-6 px-6 py-16">
        <h1 className="text-3xl font-bold text-cdx-emphasized">{t.msg(problem ? problem.title : "wikiport-signin-title")}</h1>
        {problem ? (
          <div role="alert" className="flex flex-col gap-2 rounded-cdx border border-cdx-border-error bg-cdx-bg-error-subtle p-4">
            <p>{t.msg(problem.text)}</p>
            {code ? (
              <p>
                {t.msg(OAUTH_E_CODES[code])}{" "}
                <a href={helpUrl(code)} rel="noopener noreferrer">
                  <Message t={t} k="wikiport-signin-help-link" elements={[<bdi key="code">{code}</bdi>]} />
                </a>
              </p>
            ) : null}
            <p className="text-sm text-cdx-subtle">
              <Message
                t={t}
                k="wikiport-signin-error-code"
                elements={[
                  <code key="code" dir="ltr">
                    {code ? `${error} (${code})` : error}
                  </code>,
                ]}
              />
            </p>
          </div>
        ) : (
          <p className="text-cdx-subtle">{t.msg("wikiport-signin-intro")}</p>
        )}
        <div className="flex flex-wrap items-center gap-4">
          <SignInButton label={problem ? t.msg("wikiport-signin-try-again") : undefined} returnTo={callbackUrl} />
          <Link href="/">{t.msg("wikiport-signin-back-home")}</Link>
        </div>
      </main>
    </>
  );
}
