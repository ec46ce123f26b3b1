import { cdxIconArticle, cdxIconEdit, cdxIconLock, cdxIconLogoWikimedia, cdxIconStar } from "@wikimedia/codex-icons";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/env";
import type { MessageKey } from "@/lib/i18n/catalog";
import { Message } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/request";
import { Icon } from "@/lib/ui/icon";
import { MAIN_ID, SiteHeader } from "@/app/_components/site-header";
import { SignInButton } from "@/app/_components/sign-in-button";

const FEATURES = [
  { icon: cdxIconArticle, title: "wikiport-home-feature-read-title", text: "wikiport-home-feature-read-text" },
  { icon: cdxIconEdit, title: "wikiport-home-feature-edit-title", text: "wikiport-home-feature-edit-text" },
  { icon: cdxIconLock, title: "wikiport-home-feature-keys-title", text: "wikiport-home-feature-keys-text" },
  { icon: cdxIconStar, title: "wikiport-home-feature-cards-title", text: "wikiport-home-feature-cards-text" },
] as const satisfies readonly { title: MessageKey; text: MessageKey; icon: unknown }[];

/**
 * What the home page says after a redirect (`?notice=`): only these codes are shown, so a crafted URL
 * cannot put text of its own on the page. `unknown-language`: the language picker refused a language
 * (lib/i18n/choice.ts).
 */
const NOTICES = {
  "signed-out-everywhere": { tone: "success", text: "wikiport-home-notice-signed-out-everywhere" },
  "account-deleted": { tone: "success", text: "wikiport-home-notice-account-deleted" },
  "unknown-language": { tone: "error", text: "wikiport-language-unknown" },
} as const satisfies Record<string, { tone: "success" | "error"; text: MessageKey }>;

// Rendered per request: what it shows depends on the running configuration and the session.
export const dynamic = "force-dynamic";

const NOTICE_CLASSES = {
  error: "rounded-cdx border border-cdx-border-error bg-cdx-bg-error-subtle p-3",
  success: "rounded-cdx border border-cdx-success bg-cdx-bg-success-subtle p-3",
} as const;

export default async function LandingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { wikimedia } = getConfig();
  const [user, t] = await Promise.all([getCurrentUser(), getTranslator()]);
  const code = (await searchParams).notice;
  const notice = typeof code === "string" && Object.hasOwn(NOTICES, code) ? NOTICES[code as keyof typeof NOTICES] : null;
  return (
    <>
      <SiteHeader user={user} signIn={false} />
      <main id={MAIN_ID} className="mx-auto flex max-w-3xl flex-col gap-10 px-6 py-16">
        {notice ? (
          <p
            role={notice.tone === "error" ? "alert" : "status"}
            className={NOTICE_CLASSES[notice.tone]}
          >
            {t.msg(notice.text)}
          </p>
        ) : null}
        <div className="flex flex-col gap-4">
          <p className="flex items-center gap-2 text-cdx-subtle">
            <Icon icon={cdxIconLogoWikimedia} size={24} />
            <span>{t.msg("wikiport-site-name")}</span>
          </p>
          <h1 className="text-4xl font-bold leading-tight text-cdx-emphasized">{t.msg("wikiport-home-heading")}</h1>
          <p className="text-lg text-cdx-subtle">{t.msg("wikiport-home-intro")}</p>
          <div className="flex flex-wrap items-center gap-4">
            {user ? (
              <Link href="/dashboard" className="cdx-button-primary">
                <Message t={t} k="wikiport-home-open-dashboard" elements={[<bdi key="name">{user.name}</bdi>]} />
              </Link>
            ) : (
              <SignInButton />
            )}
            {wikimedia.mode === "sandbox" && !user ? <p className="text-sm text-cdx-subtle">{t.msg("wikiport-home-sandbox-note")}</p> : null}
          </div>
        </div>
        <section aria-labelledby="read-heading" className="flex flex-col gap-3">
          <h2 id="read-heading" className="text-xl font-bold text-cdx-emphasized">
            {t.msg("wikiport-home-read-heading")}
          </h2>
          {/* /search?go= opens the title on the wiki (app/search/page.tsx), so this works without JavaScript. */}
          <form action="/search" method="get" className="flex flex-wrap items-end gap-2">
            <label className="flex flex-col gap-1">
              <span className="text-sm text-cdx-subtle">{t.msg("wikiport-home-read-wiki")}</span>
              {/* Wiki addresses and titles are content: typed and read left to right or in their own direction. */}
              <input name="site" defaultValue="en.wikipedia.org" required dir="ltr" className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1" />
            </label>
            <label className="flex grow flex-col gap-1">
              <span className="text-sm text-cdx-subtle">{t.msg("wikiport-home-read-title")}</span>
              <input
                name="go"
                required
                maxLength={255}
                dir="auto"
                placeholder={t.msg("wikiport-home-read-title-placeholder")}
                className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1"
              />
            </label>
            <button type="submit" className="cdx-button">
              {t.msg("wikiport-home-read-submit")}
            </button>
          </form>
        </section>
        <section aria-labelledby="features-heading" className="flex flex-col gap-4">
          <h2 id="features-heading" className="text-xl font-bold text-cdx-emphasized">
            {t.msg("wikiport-home-features-heading")}
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2">
            {FEATURES.map((feature) => (
              <li key={feature.title} className="flex gap-3 rounded-cdx border border-cdx-border-subtle bg-cdx-bg-interactive-subtle p-4">
                <Icon icon={feature.icon} dir={t.dir} lang={t.language} className="mt-1 shrink-0 text-cdx-progressive" />
                <div>
                  <h3 className="font-bold text-cdx-emphasized">{t.msg(feature.title)}</h3>
                  <p className="text-cdx-subtle">{t.msg(feature.text)}</p>
                </div>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </>
  );
}
