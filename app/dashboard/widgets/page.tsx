/**
 * `/dashboard/widgets`: the widget builder and the user's registered widgets.
 *
 * The builder is a GET form: the wiki, a search, the chosen article and the card's options are in the
 * query string, and each render shows the matches, a live preview of the PUBLIC card (`/embed/<site>/
 * <title>`, which anyone may frame) and its snippet. Registering the choice gives it an embed id and an
 * allow-list of origins (lib/widget/registry.ts); only registered widgets can have a Watch button.
 */
import { AUTONYMS } from "@/lib/i18n/languages";
import type { Metadata } from "next";
import Link from "next/link";
import { searchPages } from "@/lib/articles/server";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { DashboardShell } from "@/app/_components/dashboard-shell";
import type { MessageKey } from "@/lib/i18n/catalog";
import { describeFailure } from "@/lib/i18n/errors";
import { Message as I18nMessage } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/request";
import type { Translator } from "@/lib/i18n/translate";
import { Message, Row, Section, When } from "@/lib/ui/dashboard";
import { COMMON_WIKIS, WikiErrorBox } from "@/app/wiki/[site]/[...title]/article-view";
import { CopyButton, type CopyLabels } from "@/lib/ui/copy-button";
import { ListOf } from "@/lib/ui/list-of";
import { WidgetOriginsForm } from "./widget-origins-form";
import { WidgetPreview } from "@/lib/ui/widget-preview";
import { WidgetRegisterForm } from "./widget-register-form";
import { CARD_LANGUAGES, LAYOUTS, storedCardOptions, THEMES, type CardLanguage } from "@/lib/widget/options";
import { listWidgets } from "@/lib/widget/registry";
import { embedSnippet } from "@/lib/widget/snippet";
import { embedUrl, registeredEmbedUrl } from "@/lib/widget/urls";
import { deleteWidgetAction } from "./actions";
import { builderHref, readChoice, widgetNotice } from "./builder";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t.msg("wikiport-widgets-page-title") };
}

const field = "rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1";

const OPTION_KEYS = {
  theme: { light: "wikiport-widgets-theme-light", dark: "wikiport-widgets-theme-dark", auto: "wikiport-widgets-theme-auto" },
  layout: { compact: "wikiport-widgets-layout-compact", full: "wikiport-widgets-layout-full" },
} as const satisfies Record<string, Record<string, MessageKey>>;

/**
 * A card language by its own name (as a language picker shows it, the same in every interface), or, for
 * `auto`, in the interface's words.
 */
function cardLanguageName(t: Translator, value: CardLanguage): string {
  return value === "auto" ? t.msg("wikiport-widgets-lang-auto") : AUTONYMS[value];
}

/** A snippet in a read-only text box (selectable without JavaScript) with a copy button. */
function Snippet({ id, label, snippet, copy }: { id: string; label: string; snippet: string; copy: CopyLabels }) {
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={id} className="text-sm text-cdx-subtle">
        {label}
      </label>
      <textarea id={id} readOnly value={snippet} rows={6} dir="ltr" className={`w-full font-mono text-sm ${field}`} />
      <CopyButton text={snippet} targetId={id} labels={copy} />
    </div>
  );
}

export default async function WidgetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const t = await getTranslator();
  const params = await searchParams;
  const notice = widgetNotice(params.notice);
  const choice = readChoice(params);
  const site = choice.site.ok ? choice.site.site : null;
  const appOrigin = new URL(getConfig().app.url).origin;
  const search = site && choice.query ? await searchPages(site, choice.query, user, 10) : null;
  const cardSrc = site && choice.title ? embedUrl(appOrigin, site.host, choice.title, choice.options) : null;
  const widgets = await listWidgets(getDb(), user.id);
  const copy: CopyLabels = { copy: t.msg("wikiport-widgets-copy-snippet"), copied: t.msg("wikiport-copy-copied"), failed: t.msg("wikiport-copy-failed") };
  const cardTitle = (title: string) => t.msg("wikiport-widgets-card-title", title);
  const optionLabel = (name: "theme" | "layout" | "lang", value: string) =>
    name === "lang" ? cardLanguageName(t, value as CardLanguage) : t.msg((OPTION_KEYS[name] as Record<string, MessageKey>)[value]!);

  return (
    <DashboardShell user={user} current="/dashboard/widgets" title={t.msg("wikiport-widgets-heading")}>
      {notice ? <Message tone={notice.tone}>{t.msg(notice.key)}</Message> : null}

      <p className="text-cdx-subtle">
        <I18nMessage t={t} k="wikiport-widgets-intro" elements={[<code key="iframe">&lt;iframe&gt;</code>]} />
      </p>

      <Section id="builder" title={t.msg("wikiport-widgets-builder-heading")}>
        <form action="/dashboard/widgets" method="get" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-end gap-2">
            <label className="flex flex-col gap-1">
              <span className="text-sm text-cdx-subtle">{t.msg("wikiport-widgets-wiki")}</span>
              <input name="site" defaultValue={choice.siteInput} list="widget-wikis" required maxLength={253} dir="ltr" className={field} />
              <datalist id="widget-wikis">
                {COMMON_WIKIS.map((wiki) => (
                  <option key={wiki} value={wiki} />
                ))}
              </datalist>
            </label>
            <label className="flex grow flex-col gap-1">
              <span className="text-sm text-cdx-subtle">{t.msg("wikiport-widgets-search-label")}</span>
              <input type="search" name="q" defaultValue={choice.query} maxLength={300} dir="auto" className={field} />
            </label>
            <button type="submit" className="cdx-button">
              {t.msg("wikiport-widgets-search")}
            </button>
          </div>
          <label className="flex flex-col gap-1">
            <span className="text-sm text-cdx-subtle">{t.msg("wikiport-widgets-title-label")}</span>
            <input name="title" defaultValue={choice.title} maxLength={255} dir="auto" className={`max-w-md ${field}`} />
          </label>
          <div className="flex flex-wrap gap-4">
            {(
              [
                ["theme", t.msg("wikiport-widgets-theme"), THEMES],
                ["layout", t.msg("wikiport-widgets-layout"), LAYOUTS],
                ["lang", t.msg("wikiport-widgets-card-language"), CARD_LANGUAGES],
              ] as const
            ).map(([name, label, values]) => (
              <label key={name} className="flex flex-col gap-1">
                <span className="text-sm text-cdx-subtle">{label}</span>
                <select name={name} defaultValue={choice.options[name]} className={field}>
                  {values.map((value) => (
                    <option key={value} value={value} lang={name === "lang" && value !== "auto" ? value : undefined}>
                      {optionLabel(name, value)}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <div>
            <button type="submit" className="cdx-button-primary">
              {t.msg("wikiport-widgets-show-preview")}
            </button>
          </div>
        </form>

        {!choice.site.ok ? (
          <Message tone="error">
            <p>
              {describeFailure(t, choice.site.error)} {t.msg("wikiport-widgets-invalid-site-hint")}
            </p>
          </Message>
        ) : null}

        {site && search ? (
          search.ok ? (
            search.value.length === 0 ? (
              <p className="text-cdx-subtle">
                <I18nMessage
                  t={t}
                  k="wikiport-widgets-no-matches"
                  elements={[<bdi key="host">{site.host}</bdi>, <bdi key="query">{choice.query}</bdi>]}
                />
              </p>
            ) : (
              <div className="flex flex-col gap-1">
                <h3 className="font-bold">
                  <I18nMessage t={t} k="wikiport-widgets-matches" elements={[<bdi key="host">{site.host}</bdi>]} />
                </h3>
                <ol aria-label={t.msg("wikiport-widgets-matches-label")} className="flex flex-col gap-1" lang={site.lang} dir={site.dir}>
                  {search.value.map((result) => (
                    <li key={result.key}>
                      <Link
                        href={builderHref({ site: site.host, query: choice.query, title: result.title, options: choice.options })}
                        aria-current={result.title === choice.title ? "true" : undefined}
                      >
                        {result.title}
                      </Link>
                      {result.description ? <span className="text-sm text-cdx-subtle"> — {result.description}</span> : null}
                    </li>
                  ))}
                </ol>
              </div>
            )
          ) : (
            <WikiErrorBox error={search.error} />
          )
        ) : null}
      </Section>

      {site && cardSrc ? (
        <>
          <Section id="preview" title={t.msg("wikiport-widgets-preview-heading", choice.title)}>
            <WidgetPreview src={cardSrc} title={cardTitle(choice.title)} />
            <Snippet
              id="public-snippet"
              label={t.msg("wikiport-widgets-public-snippet")}
              snippet={embedSnippet({ src: cardSrc, title: cardTitle(choice.title) })}
              copy={copy}
            />
            <p className="text-sm text-cdx-subtle">{t.msg("wikiport-widgets-public-help")}</p>
          </Section>

          <Section id="register" title={t.msg("wikiport-widgets-register-heading")}>
            <p className="text-sm text-cdx-subtle">{t.msg("wikiport-widgets-register-help")}</p>
            <WidgetRegisterForm
              site={site.host}
              title={choice.title}
              options={choice.options}
              labels={{
                notRegistered: t.msg("wikiport-widgets-not-registered"),
                name: t.msg("wikiport-widgets-name"),
                origins: t.msg("wikiport-widgets-origins"),
                originsHelp: t.msg("wikiport-widgets-origins-help"),
                watchButton: t.msg("wikiport-widgets-watch-button-option"),
                register: t.msg("wikiport-widgets-register"),
              }}
            />
          </Section>
        </>
      ) : null}

      <Section id="your-widgets" title={t.msg("wikiport-widgets-list-heading")}>
        {widgets.length === 0 ? (
          <p className="text-cdx-subtle">{t.msg("wikiport-widgets-list-empty")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-cdx-border-muted">
            {widgets.map((widget) => {
              const options = storedCardOptions(widget.options);
              const src = registeredEmbedUrl(appOrigin, widget.id);
              return (
                <li key={widget.id} aria-label={widget.name} className="flex flex-col gap-2 py-3">
                  <h3 className="font-bold text-cdx-emphasized">
                    <bdi>{widget.name}</bdi>
                  </h3>
                  <dl>
                    <Row term={t.msg("wikiport-widgets-row-article")}>
                      <I18nMessage
                        t={t}
                        k="wikiport-widgets-article-on-wiki"
                        elements={[<bdi key="title">{widget.title}</bdi>, <bdi key="wiki">{widget.wiki}</bdi>]}
                      />
                    </Row>
                    <Row term={t.msg("wikiport-widgets-row-embed-id")}>
                      <code dir="ltr">{widget.id}</code>
                    </Row>
                    <Row term={t.msg("wikiport-widgets-row-origins")}>
                      <ul>
                        {widget.allowedOrigins.map((origin) => (
                          <li key={origin} className="font-mono">
                            <bdi>{origin}</bdi>
                          </li>
                        ))}
                      </ul>
                    </Row>
                    <Row term={t.msg("wikiport-widgets-row-options")}>
                      <ListOf
                        t={t}
                        items={[
                          optionLabel("theme", options.theme),
                          optionLabel("layout", options.layout),
                          options.lang === "auto" ? (
                            cardLanguageName(t, options.lang)
                          ) : (
                            <span key="lang" lang={options.lang}>
                              {cardLanguageName(t, options.lang)}
                            </span>
                          ),
                        ]}
                      />
                    </Row>
                    <Row term={t.msg("wikiport-widgets-row-watch-button")}>
                      {widget.watchButton ? t.msg("wikiport-dashboard-yes") : t.msg("wikiport-dashboard-no")}
                    </Row>
                    <Row term={t.msg("wikiport-widgets-row-registered")}>
                      <When t={t} date={widget.createdAt} />
                    </Row>
                  </dl>
                  <details>
                    <summary className="cursor-pointer">{t.msg("wikiport-widgets-change-origins")}</summary>
                    <WidgetOriginsForm
                      embedId={widget.id}
                      origins={widget.allowedOrigins}
                      labels={{
                        notChanged: t.msg("wikiport-widgets-origins-not-changed"),
                        field: t.msg("wikiport-widgets-origins-of", widget.name),
                        save: t.msg("wikiport-widgets-save-origins"),
                      }}
                    />
                  </details>
                  <Snippet
                    id={`snippet-${widget.id}`}
                    label={t.msg("wikiport-widgets-snippet-for", widget.name)}
                    snippet={embedSnippet({ src, title: cardTitle(widget.title) })}
                    copy={copy}
                  />
                  <form action={deleteWidgetAction}>
                    <input type="hidden" name="embedId" value={widget.id} />
                    <button
                      type="submit"
                      className="cdx-button border-cdx-border-error text-cdx-destructive"
                      aria-label={t.msg("wikiport-widgets-delete-label", widget.name)}
                    >
                      {t.msg("wikiport-widgets-delete")}
                    </button>
                  </form>
                </li>
              );
            })}
          </ul>
        )}
      </Section>
    </DashboardShell>
  );
}
