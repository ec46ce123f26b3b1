/**
 * `?action=edit`: the edit page. Loads the page's current wikitext (or one section with `section=N`,
 * or an empty form for a page that does not exist yet), or the "add a section" form with `section=new`.
 */
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { describeFailure } from "@/lib/i18n/errors";
import { Message } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/request";
import type { EditFormState } from "./form-state";
import { loadDraft } from "@/lib/edits/save";
import { getConfig } from "@/lib/env";
import { getWikimedia } from "@/lib/wiring";
import { pageUrl } from "@/lib/wikimedia/sites";
import { MAIN_ID, SiteHeader } from "@/app/_components/site-header";
import { wikiHref, type WikiAddress } from "@/lib/ui/wiki/address";
import { EditAddSection } from "./edit-add-section";
import { EditForm } from "./edit-form";
import { EditNotice, type EditNoticeLinks } from "./edit-notice";
import { addSectionLabels, editFormLabels, editNoticeLabels } from "./labels";
import { WatchButton } from "./watch-button";

/** The talk page of a page (`Talk:X`, `User talk:X`); a talk page is its own. */
function talkTitle(title: string): string {
  const colon = title.indexOf(":");
  if (colon < 0) return `Talk:${title}`;
  const prefix = title.slice(0, colon);
  if (/(^|_| )talk$/i.test(prefix)) return title;
  return `${prefix} talk:${title.slice(colon + 1)}`;
}

export async function ArticleEdit({ address }: { address: WikiAddress }) {
  const display = address.title.replaceAll("_", " ");
  const { site } = address;
  const [user, t] = await Promise.all([getCurrentUser(), getTranslator()]);
  // Titles from the wiki keep their own language and direction inside the interface's sentences.
  const titleIn = (text: string) => (
    <bdi key="title" lang={site.lang} dir={site.dir}>
      {text}
    </bdi>
  );
  if (!user) {
    return (
      <>
        <SiteHeader user={null} />
        <main id={MAIN_ID} className="mx-auto max-w-3xl px-6 py-10">
          <h1 className="text-3xl font-bold">
            <Message t={t} k="wikiport-edit-heading" elements={[titleIn(display)]} />
          </h1>
          <p className="mt-4">
            <Message
              t={t}
              k="wikiport-edit-signed-out"
              elements={[
                <Link key="sign-in" href="/">
                  {t.msg("wikiport-edit-signed-out-link")}
                </Link>,
              ]}
            />
          </p>
        </main>
      </>
    );
  }
  const links: EditNoticeLinks = {
    wikiUrl: pageUrl(site, getConfig().wikimedia.wikiUrlTemplate, address.title),
    talkHref: wikiHref(site, talkTitle(display), "edit", { section: "new" }),
    pageHref: wikiHref(site, address.title),
  };
  const sectionParam = address.query.section;
  const content = { lang: site.lang, dir: site.dir };
  const header = <SiteHeader user={user} />;

  if (sectionParam === "new") {
    return (
      <>
        {header}
        <main id={MAIN_ID} className="mx-auto max-w-3xl space-y-4 px-6 py-10">
          <h1 className="text-3xl font-bold">
            <Message t={t} k="wikiport-edit-add-section-heading" elements={[titleIn(display)]} />
          </h1>
          <EditAddSection site={site.host} title={display} links={links} labels={addSectionLabels(t)} content={content} />
        </main>
      </>
    );
  }

  const section = sectionParam !== undefined && /^\d{1,4}$/.test(sectionParam) ? Number(sectionParam) : null;
  const wikimedia = getWikimedia();
  const loaded = await loadDraft({ rest: wikimedia.rest, action: wikimedia.action }, wikimedia.asUser(user.id), site, address.title, section);
  if (loaded.status === "error") {
    return (
      <>
        {header}
        <main id={MAIN_ID} className="mx-auto max-w-3xl space-y-4 px-6 py-10">
          <h1 className="text-3xl font-bold">
            <Message t={t} k="wikiport-edit-heading" elements={[titleIn(display)]} />
          </h1>
          <EditNotice result={{ ok: false, code: loaded.code, message: describeFailure(t, loaded) }} links={links} labels={editNoticeLabels(t)} />
        </main>
      </>
    );
  }
  const draft = loaded.draft;
  const initial: EditFormState = {
    version: 0,
    site: site.host,
    title: draft.title,
    section: draft.section,
    baseRevisionId: draft.baseRevisionId,
    text: draft.text,
    summary: draft.sectionTitle ? `/* ${draft.sectionTitle} */ ` : "",
    minor: false,
    result: null,
    conflict: null,
  };
  const heading = !draft.exists ? (
    <Message t={t} k="wikiport-edit-heading-create" elements={[titleIn(draft.title)]} />
  ) : draft.sectionTitle ? (
    <Message
      t={t}
      k="wikiport-edit-heading-section"
      elements={[
        titleIn(draft.title),
        <bdi key="section" lang={site.lang} dir={site.dir}>
          {draft.sectionTitle}
        </bdi>,
      ]}
    />
  ) : (
    <Message t={t} k="wikiport-edit-heading" elements={[titleIn(draft.title)]} />
  );
  return (
    <>
      {header}
      <main id={MAIN_ID} className="mx-auto max-w-3xl space-y-4 px-6 py-10">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-3xl font-bold">{heading}</h1>
          {draft.exists && <WatchButton site={site} title={draft.title} />}
        </div>
        <p className="text-cdx-subtle">
          {t.msg("wikiport-edit-on-wiki", site.host)} <a href={wikiHref(site, draft.title, "edit", { section: "new" })}>{t.msg("wikiport-edit-add-section-link")}</a>
        </p>
        <EditForm
          initial={initial}
          links={links}
          discardHref={wikiHref(site, draft.title, "edit", section !== null ? { section: String(section) } : {})}
          labels={editFormLabels(t)}
          content={content}
        />
      </main>
    </>
  );
}
