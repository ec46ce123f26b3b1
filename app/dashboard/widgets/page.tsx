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
import { Message, Row, Section, When } from "@/lib/ui/dashboard";
import { COMMON_WIKIS, WikiErrorBox } from "@/app/wiki/[site]/[...title]/article-view";
import { CopyButton } from "@/lib/ui/copy-button";
import { WidgetOriginsForm } from "./widget-origins-form";
import { WidgetPreview } from "@/lib/ui/widget-preview";
import { WidgetRegisterForm } from "./widget-register-form";
import { CARD_LANGUAGES, LAYOUTS, storedCardOptions, THEMES } from "@/lib/widget/options";
import { listWidgets } from "@/lib/widget/registry";
import { embedSnippet } from "@/lib/widget/snippet";
import { embedUrl, registeredEmbedUrl } from "@/lib/widget/urls";
import { deleteWidgetAction } from "./actions";
import { builderHref, readChoice, widgetNotice } from "./builder";

export const metadata: Metadata = { title: "Widgets" };

const field = "rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1";

const LABELS = {
  theme: { light: "Light", dark: "Dark", auto: "Follow the reader's setting" },
  layout: { compact: "Compact", full: "Full" },
  // The card speaks every interface language now (lib/widget/options.ts); `auto` is its reader's.
  lang: { auto: "Follow the reader's language", ...AUTONYMS },
} as const;

/** A snippet in a read-only text box (selectable without JavaScript) with a copy button. */
function Snippet({ id, label, snippet }: { id: string; label: string; snippet: string }) {
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={id} className="text-sm text-cdx-subtle">
        {label}
      </label>
      <textarea id={id} readOnly value={snippet} rows={6} className={`w-full font-mono text-sm ${field}`} />
      <CopyButton text={snippet} targetId={id} label="Copy snippet" />
    </div>
  );
}

export default async function WidgetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const params = await searchParams;
  const notice = widgetNotice(params.notice);
  const choice = readChoice(params);
  const site = choice.site.ok ? choice.site.site : null;
  const appOrigin = new URL(getConfig().app.url).origin;
  const search = site && choice.query ? await searchPages(site, choice.query, user, 10) : null;
  const cardSrc = site && choice.title ? embedUrl(appOrigin, site.host, choice.title, choice.options) : null;
  const widgets = await listWidgets(getDb(), user.id);

  return (
    <DashboardShell user={user} current="/dashboard/widgets" title="Widgets">
      {notice ? <Message tone={notice.tone}>{notice.text}</Message> : null}

      <p className="text-cdx-subtle">
        Show a Wikipedia article as a card on any website with one <code>&lt;iframe&gt;</code>. Build a card here,
        copy its snippet into your page, or register it to choose which sites may show it.
      </p>

      <Section id="builder" title="Build a card">
        <form action="/dashboard/widgets" method="get" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-end gap-2">
            <label className="flex flex-col gap-1">
              <span className="text-sm text-cdx-subtle">Wiki</span>
              <input name="site" defaultValue={choice.siteInput} list="widget-wikis" required maxLength={253} className={field} />
              <datalist id="widget-wikis">
                {COMMON_WIKIS.map((wiki) => (
                  <option key={wiki} value={wiki} />
                ))}
              </datalist>
            </label>
            <label className="flex grow flex-col gap-1">
              <span className="text-sm text-cdx-subtle">Search for an article</span>
              <input type="search" name="q" defaultValue={choice.query} maxLength={300} className={field} />
            </label>
            <button type="submit" className="cdx-button">
              Search
            </button>
          </div>
          <label className="flex flex-col gap-1">
            <span className="text-sm text-cdx-subtle">Article title</span>
            <input name="title" defaultValue={choice.title} maxLength={255} className={`max-w-md ${field}`} />
          </label>
          <div className="flex flex-wrap gap-4">
            {(
              [
                ["theme", "Theme", THEMES],
                ["layout", "Layout", LAYOUTS],
                ["lang", "Card language", CARD_LANGUAGES],
              ] as const
            ).map(([name, label, values]) => (
              <label key={name} className="flex flex-col gap-1">
                <span className="text-sm text-cdx-subtle">{label}</span>
                <select name={name} defaultValue={choice.options[name]} className={field}>
                  {values.map((value) => (
                    <option key={value} value={value}>
                      {(LABELS[name] as Record<string, string>)[value] ?? value}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <div>
            <button type="submit" className="cdx-button-primary">
              Show preview
            </button>
          </div>
        </form>

        {!choice.site.ok ? (
          <Message tone="error">
            <p>{choice.site.error.message} Enter a Wikimedia wiki&apos;s address, such as en.wikipedia.org.</p>
          </Message>
        ) : null}

        {site && search ? (
          search.ok ? (
            search.value.length === 0 ? (
              <p className="text-cdx-subtle">
                No pages on {site.host} match “{choice.query}”.
              </p>
            ) : (
              <div className="flex flex-col gap-1">
                <h3 className="font-bold">Matches on {site.host}</h3>
                <ol aria-label="Matching articles" className="flex flex-col gap-1" lang={site.lang} dir={site.dir}>
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
          <Section id="preview" title={`Preview: ${choice.title}`}>
            <WidgetPreview src={cardSrc} title={`${choice.title} — Wikiport card`} />
            <Snippet id="public-snippet" label="Snippet for any page" snippet={embedSnippet({ src: cardSrc, title: `${choice.title} — Wikiport card` })} />
            <p className="text-sm text-cdx-subtle">
              This public card may be shown on any site: it carries no account data and cannot act for anyone.
            </p>
          </Section>

          <Section id="register" title="Register this card as a widget">
            <p className="text-sm text-cdx-subtle">
              A registered widget has its own address and may be shown only on the sites you list. It can also offer
              readers a Watch button.
            </p>
            <WidgetRegisterForm site={site.host} title={choice.title} options={choice.options} />
          </Section>
        </>
      ) : null}

      <Section id="your-widgets" title="Your widgets">
        {widgets.length === 0 ? (
          <p className="text-cdx-subtle">You have not registered a widget yet.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-cdx-border-muted">
            {widgets.map((widget) => {
              const options = storedCardOptions(widget.options);
              const src = registeredEmbedUrl(appOrigin, widget.id);
              return (
                <li key={widget.id} aria-label={widget.name} className="flex flex-col gap-2 py-3">
                  <h3 className="font-bold text-cdx-emphasized">{widget.name}</h3>
                  <dl>
                    <Row term="Article">
                      {widget.title} on {widget.wiki}
                    </Row>
                    <Row term="Embed id">
                      <code>{widget.id}</code>
                    </Row>
                    <Row term="Allowed origins">
                      <ul>
                        {widget.allowedOrigins.map((origin) => (
                          <li key={origin} className="font-mono">
                            {origin}
                          </li>
                        ))}
                      </ul>
                    </Row>
                    <Row term="Options">
                      {LABELS.theme[options.theme]}, {LABELS.layout[options.layout].toLowerCase()}, {LABELS.lang[options.lang]}
                    </Row>
                    <Row term="Watch button">{widget.watchButton ? "Yes" : "No"}</Row>
                    <Row term="Registered">
                      <When date={widget.createdAt} />
                    </Row>
                  </dl>
                  <details>
                    <summary className="cursor-pointer">Change the allowed origins</summary>
                    <WidgetOriginsForm embedId={widget.id} name={widget.name} origins={widget.allowedOrigins} />
                  </details>
                  <Snippet id={`snippet-${widget.id}`} label={`Snippet for ${widget.name}`} snippet={embedSnippet({ src, title: `${widget.title} — Wikiport card` })} />
                  <form action={deleteWidgetAction}>
                    <input type="hidden" name="embedId" value={widget.id} />
                    <button type="submit" className="cdx-button border-cdx-border-error text-cdx-destructive" aria-label={`Delete ${widget.name}`}>
                      Delete
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
