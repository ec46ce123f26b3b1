import { cdxIconLogOut, cdxIconLogoWikimedia } from "@wikimedia/codex-icons";
import Link from "next/link";
import { signOutOfWikiport } from "./auth-actions";
import type { SignedInUser } from "@/lib/auth/session";
import { Icon } from "@/lib/ui/icon";
import { SignInButton } from "./sign-in-button";

/** Every page with this header gives its `<main>` this id, the skip link's target. */
export const MAIN_ID = "content";

/**
 * The bar at the top of every app page: for a signed-in user their links and sign-out, for visitors a way
 * to sign in. It starts with a skip link (WCAG 2.4.1), hidden until it has the focus, so keyboard users
 * need not tab through the header on every page.
 */
export function SiteHeader({ user }: { user: SignedInUser | null }) {
  return (
    <>
      <a href={`#${MAIN_ID}`} className="wikiport-skip-link">
        Skip to content
      </a>
      <header className="border-b border-cdx-border-subtle">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-6 py-3">
          <Link href="/" className="flex items-center gap-2 font-bold text-cdx-emphasized no-underline">
            <Icon icon={cdxIconLogoWikimedia} size={24} />
            <span>Wikiport</span>
          </Link>
          {user ? (
            <div className="flex items-center gap-3">
              <nav aria-label="Your Wikiport" className="flex items-center gap-3 text-sm">
                <Link href="/dashboard">Dashboard</Link>
                <Link href="/watchlist">Watchlist</Link>
              </nav>
              <span className="text-cdx-subtle">
                Signed in as <strong className="text-cdx-emphasized">{user.name}</strong>
              </span>
              <form action={signOutOfWikiport}>
                <button type="submit" className="cdx-button">
                  <Icon icon={cdxIconLogOut} />
                  Sign out
                </button>
              </form>
            </div>
          ) : (
            <SignInButton />
          )}
        </div>
      </header>
    </>
  );
}
