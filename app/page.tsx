import { cdxIconArticle, cdxIconEdit, cdxIconLock, cdxIconLogoWikimedia, cdxIconStar } from "@wikimedia/codex-icons";
import Link from "next/link";
import { landingNotice } from "@/lib/account/notices";
import { getCurrentUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/env";
import { Icon } from "@/lib/ui/icon";
import { SignInButton } from "@/app/_components/sign-in-button";

const FEATURES = [
  {
    icon: cdxIconArticle,
    title: "Read any Wikimedia wiki",
    text: "Articles from Wikipedia and its sister projects in every language, right to left where the wiki is.",
  },
  {
    icon: cdxIconEdit,
    title: "Edit and watch with your own account",
    text: "Changes are made as you, with edit conflicts shown side by side and Wikimedia's errors explained.",
  },
  {
    icon: cdxIconLock,
    title: "Your keys, kept safe",
    text: "Wikiport never sees your password. Its OAuth tokens are encrypted at rest, and you can disconnect at any time.",
  },
  {
    icon: cdxIconStar,
    title: "Article cards for your site",
    text: "Embed a Wikipedia article card on any web page with one iframe.",
  },
];

// Rendered per request: what it shows depends on the running configuration and the session.
export const dynamic = "force-dynamic";

export default async function LandingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { wikimedia } = getConfig();
  const user = await getCurrentUser();
  const notice = landingNotice((await searchParams).notice);
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-10 px-6 py-16">
      {notice ? (
        <p role="status" className="rounded-cdx border border-cdx-success bg-cdx-bg-success-subtle p-3">
          {notice}
        </p>
      ) : null}
      <header className="flex flex-col gap-4">
        <p className="flex items-center gap-2 text-cdx-subtle">
          <Icon icon={cdxIconLogoWikimedia} size={24} />
          <span>Wikiport</span>
        </p>
        <h1 className="text-4xl font-bold leading-tight text-cdx-emphasized">
          Act on Wikipedia and its sister wikis, from one place you trust.
        </h1>
        <p className="text-lg text-cdx-subtle">
          Sign in with your Wikimedia account to read, edit and watch pages through Wikiport, set up tokens
          for your own scripts, and build article cards for other websites.
        </p>
        <div className="flex flex-wrap items-center gap-4">
          {user ? (
            <Link href="/dashboard" className="cdx-button-primary">
              Open your dashboard, {user.name}
            </Link>
          ) : (
            <SignInButton />
          )}
          {wikimedia.mode === "sandbox" && !user ? (
            <p className="text-sm text-cdx-subtle">
              Connected to the local sandbox wiki: sign in with one of its demo accounts.
            </p>
          ) : null}
        </div>
      </header>
      <section aria-labelledby="read-heading" className="flex flex-col gap-3">
        <h2 id="read-heading" className="text-xl font-bold text-cdx-emphasized">
          Read an article
        </h2>
        {/* /search?go= opens the title on the wiki (app/search/page.tsx), so this works without JavaScript. */}
        <form action="/search" method="get" className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-1">
            <span className="text-sm text-cdx-subtle">Wiki</span>
            <input name="site" defaultValue="en.wikipedia.org" required className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1" />
          </label>
          <label className="flex grow flex-col gap-1">
            <span className="text-sm text-cdx-subtle">Title</span>
            <input name="go" required maxLength={255} placeholder="Solar System" className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1" />
          </label>
          <button type="submit" className="cdx-button">
            Read
          </button>
        </form>
      </section>
      <section aria-labelledby="features-heading" className="flex flex-col gap-4">
        <h2 id="features-heading" className="text-xl font-bold text-cdx-emphasized">
          What Wikiport does
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {FEATURES.map((feature) => (
            <li
              key={feature.title}
              className="flex gap-3 rounded-cdx border border-cdx-border-subtle bg-cdx-bg-interactive-subtle p-4"
            >
              <Icon icon={feature.icon} className="mt-1 shrink-0 text-cdx-progressive" />
              <div>
                <h3 className="font-bold text-cdx-emphasized">{feature.title}</h3>
                <p className="text-cdx-subtle">{feature.text}</p>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
