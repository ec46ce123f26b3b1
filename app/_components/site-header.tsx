import { cdxIconLogOut, cdxIconLogoWikimedia } from "@wikimedia/codex-icons";
import Link from "next/link";
import { signOutOfWikiport } from "./auth-actions";
import type { SignedInUser } from "@/lib/auth/session";
import { Message } from "@/lib/i18n/message";
import { getTranslator, getUserGender } from "@/lib/i18n/request";
import { Icon } from "@/lib/ui/icon";
import { LanguagePicker } from "./language-picker";
import { SignInButton } from "./sign-in-button";

/** Every page with this header gives its `<main>` this id, the skip link's target. */
export const MAIN_ID = "content";

/**
 * The bar at the top of every app page: for a signed-in user their links and sign-out, for visitors a way
 * to sign in (unless the page offers its own: `signIn={false}`), and for everyone the interface language.
 * It starts with a skip link (WCAG 2.4.1), hidden until it has the focus, so keyboard users need not tab
 * through the header on every page.
 */
export async function SiteHeader({ user, signIn = true }: { user: SignedInUser | null; signIn?: boolean }) {
  const t = await getTranslator();
  const gender = await getUserGender();
  return (
    <>
      <a href={`#${MAIN_ID}`} className="wikiport-skip-link">
        {t.msg("wikiport-header-skip-link")}
      </a>
      <header className="border-b border-cdx-border-subtle">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-4 px-6 py-3">
          <Link href="/" className="flex items-center gap-2 font-bold text-cdx-emphasized no-underline">
            <Icon icon={cdxIconLogoWikimedia} size={24} />
            <span>{t.msg("wikiport-site-name")}</span>
          </Link>
          <div className="flex flex-wrap items-center gap-3">
            {user ? (
              <>
                <nav aria-label={t.msg("wikiport-header-nav-label")} className="flex items-center gap-3 text-sm">
                  <Link href="/dashboard">{t.msg("wikiport-header-dashboard")}</Link>
                  <Link href="/watchlist">{t.msg("wikiport-header-watchlist")}</Link>
                </nav>
                <span className="text-cdx-subtle">
                  <Message
                    t={t}
                    k="wikiport-header-signed-in-as"
                    elements={[
                      <strong key="name" className="text-cdx-emphasized">
                        <bdi>{user.name}</bdi>
                      </strong>,
                    ]}
                    params={[gender]}
                  />
                </span>
                <form action={signOutOfWikiport}>
                  <button type="submit" className="cdx-button">
                    <Icon icon={cdxIconLogOut} dir={t.dir} lang={t.language} />
                    {t.msg("wikiport-header-sign-out")}
                  </button>
                </form>
              </>
            ) : signIn ? (
              <SignInButton />
            ) : null}
            <LanguagePicker t={t} />
          </div>
        </div>
      </header>
    </>
  );
}
