/**
 * `/widget/watch/<embedId>`: the top-level window a registered widget's Watch button opens (docs/security-requirements.md
 * item 28). Acting happens only here, never in the frame: this is an ordinary Wikiport page, which
 * proxy.ts serves with `frame-ancestors 'none'` and `X-Frame-Options: DENY`, so it cannot be framed and
 * clicked through. It signs the reader in if needed (returning here), asks for confirmation, watches the
 * article with the reader's own token, and tells the frame that opened it (widget-watch.tsx beside it).
 */
import type { Metadata } from "next";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { Message as Sentence } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/request";
import type { Translator } from "@/lib/i18n/translate";
import { Message } from "@/lib/ui/dashboard";
import { WidgetCloseButton, WidgetSignInButton, WidgetWatchConfirm, type WatchConfirmLabels } from "../widget-watch";
import { getWidget } from "@/lib/widget/registry";
import { parseSite } from "@/lib/wikimedia/sites";
import { watchPopupPath } from "../state";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t.msg("wikiport-watch-popup-title") };
}

function Frame({ t, children }: { t: Translator; children: React.ReactNode }) {
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-5 px-6 py-10">
      <p className="text-sm font-bold text-cdx-subtle">{t.msg("wikiport-site-name")}</p>
      {children}
    </main>
  );
}

/** The confirmation's words: it runs in the browser, so they come as props. */
function confirmLabels(t: Translator): WatchConfirmLabels {
  return {
    question: t.parts("wikiport-watch-popup-question", 2),
    explanation: t.parts("wikiport-watch-popup-explanation", 1),
    confirm: t.msg("wikiport-watch-popup-confirm"),
    cancel: t.msg("wikiport-watch-popup-cancel"),
    close: t.msg("wikiport-watch-popup-close"),
    doneHeading: t.parts("wikiport-watch-popup-done-heading", 1),
    done: t.parts("wikiport-watch-popup-done", 2),
    signIn: t.msg("wikiport-watch-popup-sign-in"),
    reconnect: t.msg("wikiport-watch-popup-reconnect"),
    dir: t.dir,
  };
}

export default async function WatchPopupPage({
  params,
  searchParams,
}: {
  params: Promise<{ embedId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { embedId } = await params;
  const t = await getTranslator();
  const widget = await getWidget(getDb(), embedId);
  const site = widget ? parseSite(widget.wiki) : null;
  const close = t.msg("wikiport-watch-popup-close");

  if (!widget || !site?.ok) {
    return (
      <Frame t={t}>
        <h1 className="text-2xl font-bold text-cdx-emphasized">{t.msg("wikiport-watch-popup-unavailable-heading")}</h1>
        <Message tone="error">
          <p>{t.msg("wikiport-watch-popup-unavailable")}</p>
        </Message>
        <div>
          <WidgetCloseButton label={close} />
        </div>
      </Frame>
    );
  }

  if (!widget.watchButton) {
    return (
      <Frame t={t}>
        <h1 className="text-2xl font-bold text-cdx-emphasized">{t.msg("wikiport-watch-popup-no-button-heading")}</h1>
        <Message tone="warning">
          <p>{t.msg("wikiport-watch-popup-no-button")}</p>
        </Message>
        <div>
          <WidgetCloseButton label={close} />
        </div>
      </Frame>
    );
  }

  // The article's title in its wiki's language and direction, isolated in the interface's sentence.
  const title = (
    <bdi key="title" lang={site.site.lang} dir={site.site.dir}>
      {widget.title}
    </bdi>
  );
  const path = watchPopupPath(widget.id);
  if ((await searchParams).cancelled !== undefined) {
    return (
      <Frame t={t}>
        <h1 className="text-2xl font-bold text-cdx-emphasized">{t.msg("wikiport-watch-popup-cancelled-heading")}</h1>
        <p>
          <Sentence t={t} k="wikiport-watch-popup-cancelled" elements={[title]} />
        </p>
        <div>
          <WidgetCloseButton label={close} />
        </div>
      </Frame>
    );
  }

  const user = await getCurrentUser();
  if (!user) {
    return (
      <Frame t={t}>
        <h1 className="text-2xl font-bold text-cdx-emphasized">
          <Sentence t={t} k="wikiport-watch-popup-sign-in-heading" elements={[title, site.site.host]} />
        </h1>
        <p>{t.msg("wikiport-watch-popup-sign-in-explanation")}</p>
        <div className="flex flex-wrap items-center gap-3">
          <WidgetSignInButton embedId={widget.id} label={t.msg("wikiport-watch-popup-sign-in")} dir={t.dir} />
          <WidgetCloseButton label={t.msg("wikiport-watch-popup-cancel")} />
        </div>
      </Frame>
    );
  }

  return (
    <Frame t={t}>
      <p className="text-sm text-cdx-subtle">
        <Sentence t={t} k="wikiport-watch-popup-signed-in-as" elements={[<bdi key="name">{user.name}</bdi>]} />
      </p>
      <WidgetWatchConfirm
        embedId={widget.id}
        title={widget.title}
        wiki={site.site.host}
        content={{ lang: site.site.lang, dir: site.site.dir }}
        appOrigin={new URL(getConfig().app.url).origin}
        cancelHref={`${path}?cancelled=1`}
        labels={confirmLabels(t)}
      />
    </Frame>
  );
}
