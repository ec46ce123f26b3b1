/**
 * The article view: a wiki page read through Wikiport, with the toolbar (read, edit, history, the page on
 * the wiki), a wiki switcher, a search box and the licence attribution the wiki's content requires.
 */
import { cdxIconArticle, cdxIconEdit, cdxIconHistory, cdxIconLinkExternal, cdxIconSearch } from "@wikimedia/codex-icons";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { Icon as CodexIcon } from "@wikimedia/codex-icons";
import type { ReactNode } from "react";
import type { Article } from "@/lib/articles/read";
import { readArticle, readArticleAsUser, wikiPageUrl } from "@/lib/articles/server";
import { getCurrentUser, type SignedInUser } from "@/lib/auth/session";
import { describeFailure } from "@/lib/i18n/errors";
import { Message } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/request";
import type { Translator } from "@/lib/i18n/translate";
import { Icon } from "@/lib/ui/icon";
import { SignInButton } from "@/app/_components/sign-in-button";
import { MAIN_ID, SiteHeader } from "@/app/_components/site-header";
import type { DescribedError } from "@/lib/wikimedia/errors";
import type { Site } from "@/lib/wikimedia/sites";
import { WatchButton } from "./watch-button";
import { wikiHref, type WikiAction, type WikiAddress } from "@/lib/ui/wiki/address";
import { displayTitle, formatTimestamp, switcherWikis, toolbarLabels, toolsLabels } from "@/lib/ui/wiki/article-parts";

export { COMMON_WIKIS, displayTitle, formatTimestamp } from "@/lib/ui/wiki/article-parts";

/**
 * Read · Edit · History · View on <host>, with the current action marked. `watched`, when the page's read
 * already asked the wiki (null: it could not say), spares the watch button its own request.
 */
export async function WikiToolbar({ site, title, current, watched }: { site: Site; title: string; current: WikiAction; watched?: boolean | null }) {
  const t = await getTranslator();
  const labels = toolbarLabels(t, site.host);
  const item = (action: WikiAction, icon: CodexIcon, label: string) => (
    <li>
      <Link
        href={wikiHref(site, title, action)}
        aria-current={current === action ? "page" : undefined}
        className={`flex items-center gap-1 ${current === action ? "font-bold text-cdx-emphasized no-underline" : ""}`}
      >
        <Icon icon={icon} size={16} dir={t.dir} lang={t.language} />
        {label}
      </Link>
    </li>
  );
  return (
    <nav aria-label={labels.nav} className="border-b border-cdx-border-subtle pb-2">
      <ul className="flex flex-wrap items-center gap-4 text-sm">
        {item("view", cdxIconArticle, labels.view)}
        {item("edit", cdxIconEdit, labels.edit)}
        {item("history", cdxIconHistory, labels.history)}
        <li>
          <a href={wikiPageUrl(site, title)} rel="noopener noreferrer" className="flex items-center gap-1">
            <Icon icon={cdxIconLinkExternal} size={16} dir={t.dir} lang={t.language} />
            {labels.onWiki}
          </a>
        </li>
        <li className="ms-auto">
          <WatchButton site={site} title={title} {...(watched !== undefined ? { watched } : {})} />
        </li>
      </ul>
    </nav>
  );
}

/**
 * Both are plain GET forms to /search, so they work without JavaScript: `go` opens a title on the chosen
 * wiki (the switcher), `q` searches the current one.
 */
export async function WikiTools({ site, title }: { site: Site; title: string }) {
  const t = await getTranslator();
  const labels = toolsLabels(t, site.host);
  const wikis = switcherWikis(site.host);
  return (
    <div className="flex flex-wrap items-end justify-between gap-4 text-sm">
      <form action="/search" method="get" role="search" className="flex items-end gap-2">
        <input type="hidden" name="site" value={site.host} />
        <label className="flex flex-col gap-1">
          <span className="text-cdx-subtle">{labels.search}</span>
          <input
            type="search"
            name="q"
            required
            maxLength={300}
            className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1"
          />
        </label>
        <button type="submit" className="cdx-button">
          <Icon icon={cdxIconSearch} size={16} dir={t.dir} lang={t.language} />
          {labels.searchButton}
        </button>
      </form>
      <form action="/search" method="get" className="flex items-end gap-2">
        <input type="hidden" name="go" value={displayTitle(title)} />
        <label className="flex flex-col gap-1">
          <span className="text-cdx-subtle">{labels.switcher}</span>
          <select name="site" defaultValue={site.host} className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1">
            {wikis.map((host) => (
              <option key={host} value={host}>
                {host}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="cdx-button">
          {labels.go}
        </button>
      </form>
    </div>
  );
}

/** A Wikimedia failure as a sentence in the interface language, in an alert box: never a stack trace. */
export async function WikiErrorBox({ error, children }: { error: DescribedError; children?: ReactNode }) {
  const t = await getTranslator();
  return (
    <div role="alert" className="rounded-cdx border border-cdx-error bg-cdx-bg-error-subtle p-4">
      <p>{describeFailure(t, error)}</p>
      {children}
    </div>
  );
}

export function WikiPageFrame({
  user,
  site,
  title,
  action,
  watched,
  children,
}: {
  user: SignedInUser | null;
  site: Site;
  title: string;
  action: WikiAction;
  watched?: boolean | null;
  children: ReactNode;
}) {
  return (
    <>
      <SiteHeader user={user} />
      <main id={MAIN_ID} className="mx-auto flex max-w-4xl flex-col gap-4 px-6 py-8">
        <WikiTools site={site} title={title} />
        <WikiToolbar site={site} title={title} current={action} {...(watched !== undefined ? { watched } : {})} />
        {children}
      </main>
    </>
  );
}

function MissingPage({ t, site, title, signedIn }: { t: Translator; site: Site; title: string; signedIn: boolean }) {
  return (
    <div role="alert" className="rounded-cdx border border-cdx-warning bg-cdx-bg-warning-subtle p-4">
      <p>{t.msg("wikiport-article-missing", site.host)}</p>
      {signedIn ? (
        <p className="mt-2">
          <Message
            t={t}
            k="wikiport-article-missing-create"
            elements={[
              <Link key="create" href={wikiHref(site, title, "edit")}>
                <Message t={t} k="wikiport-article-missing-create-link" elements={[<bdi key="title">{displayTitle(title)}</bdi>]} />
              </Link>,
            ]}
          />
        </p>
      ) : (
        <p className="mt-2 text-cdx-subtle">{t.msg("wikiport-article-missing-visitor-hint")}</p>
      )}
    </div>
  );
}

/** The licence attribution the wiki's content requires; lib/articles/visitor-document.ts says the same. */
function Attribution({ t, site, article }: { t: Translator; site: Site; article: Article }) {
  return (
    <footer className="border-t border-cdx-border-subtle pt-3 text-sm text-cdx-subtle">
      <p>
        <Message
          t={t}
          k="wikiport-attribution-text"
          elements={[
            <a key="page" href={article.wikiUrl} rel="noopener noreferrer">
              <bdi>{article.title}</bdi>
            </a>,
            <bdi key="credit">{article.credit ?? site.host}</bdi>,
            <a key="licence" href={article.licence.url} rel="license noopener noreferrer">
              <bdi>{article.licence.title}</bdi>
            </a>,
            <time key="time" dateTime={article.lastModified}>
              {formatTimestamp(t, article.lastModified)}
            </time>,
          ]}
        />
      </p>
    </footer>
  );
}

export async function ArticleView({ address }: { address: WikiAddress }) {
  const { site, title } = address;
  const [user, t] = await Promise.all([getCurrentUser(), getTranslator()]);
  // Signed in: one request to the wiki answers both whether the page changed and whether they watch it.
  const { result, watched } = user ? await readArticleAsUser(site, title, user) : { result: await readArticle(site, title, null), watched: null };
  // A title the wiki cannot have is a bad address, like an unknown wiki.
  if (!result.ok && result.error.code === "invalid_title") notFound();

  if (!result.ok) {
    return (
      <WikiPageFrame user={user} site={site} title={title} action="view" watched={watched}>
        <h1 className="text-3xl font-bold text-cdx-emphasized" lang={site.lang} dir={site.dir}>
          {displayTitle(title)}
        </h1>
        {result.error.code === "not_found" ? (
          <MissingPage t={t} site={site} title={title} signedIn={user !== null} />
        ) : (
          <WikiErrorBox error={result.error}>
            {result.error.code === "reconnect_needed" ? (
              <div className="mt-3">
                <SignInButton label={t.msg("wikiport-article-reconnect")} />
              </div>
            ) : null}
          </WikiErrorBox>
        )}
      </WikiPageFrame>
    );
  }

  const article = result.value;
  return (
    <WikiPageFrame user={user} site={site} title={article.key} action="view" watched={watched}>
      <div>
        <h1 className="text-3xl font-bold text-cdx-emphasized" lang={article.lang} dir={article.dir}>
          {article.displayTitle}
        </h1>
        {article.redirectedFrom ? (
          <p className="text-sm text-cdx-subtle">
            <Message t={t} k="wikiport-article-redirected-from" elements={[<bdi key="from">{article.redirectedFrom}</bdi>]} />
          </p>
        ) : null}
      </div>
      <div
        lang={article.lang}
        dir={article.dir}
        className="wikiport-article"
        // Only ever the output of sanitizeArticleHtml (lib/articles/sanitize.ts, docs/security-requirements.md item 37).
        dangerouslySetInnerHTML={{ __html: article.html }}
      />
      <Attribution t={t} site={site} article={article} />
    </WikiPageFrame>
  );
}
