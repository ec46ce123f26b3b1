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
import { Message } from "@/lib/ui/dashboard";
import { WidgetCloseButton, WidgetSignInButton, WidgetWatchConfirm } from "../widget-watch";
import { getWidget } from "@/lib/widget/registry";
import { parseSite } from "@/lib/wikimedia/sites";
import { watchPopupPath } from "../state";

export const metadata: Metadata = { title: "Watch an article" };

function Frame({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-5 px-6 py-10">
      <p className="text-sm font-bold text-cdx-subtle">Wikiport</p>
      {children}
    </main>
  );
}

export default async function WatchPopupPage({
  params,
  searchParams,
}: {
  params: Promise<{ embedId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { embedId } = await params;
  const widget = await getWidget(getDb(), embedId);
  const site = widget ? parseSite(widget.wiki) : null;

  if (!widget || !site?.ok) {
    return (
      <Frame>
        <h1 className="text-2xl font-bold text-cdx-emphasized">This widget is not available</h1>
        <Message tone="error">
          <p>This widget does not exist (any more): its owner may have deleted it. Nothing was changed.</p>
        </Message>
        <div>
          <WidgetCloseButton />
        </div>
      </Frame>
    );
  }

  if (!widget.watchButton) {
    return (
      <Frame>
        <h1 className="text-2xl font-bold text-cdx-emphasized">This widget has no Watch button</h1>
        <Message tone="warning">
          <p>Its owner did not turn on watching for this widget, so Wikiport will not change a watchlist from it. Nothing was changed.</p>
        </Message>
        <div>
          <WidgetCloseButton />
        </div>
      </Frame>
    );
  }

  const path = watchPopupPath(widget.id);
  if ((await searchParams).cancelled !== undefined) {
    return (
      <Frame>
        <h1 className="text-2xl font-bold text-cdx-emphasized">Nothing was changed</h1>
        <p>You cancelled: {widget.title} was not added to your watchlist. You can close this window.</p>
        <div>
          <WidgetCloseButton />
        </div>
      </Frame>
    );
  }

  const user = await getCurrentUser();
  if (!user) {
    return (
      <Frame>
        <h1 className="text-2xl font-bold text-cdx-emphasized">
          Watch {widget.title} on {site.site.host}
        </h1>
        <p>
          To add this article to your watchlist, sign in to Wikiport with your Wikimedia account. You will come back to
          this window to confirm; nothing changes until you do.
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <WidgetSignInButton embedId={widget.id} />
          <WidgetCloseButton label="Cancel" />
        </div>
      </Frame>
    );
  }

  return (
    <Frame>
      <p className="text-sm text-cdx-subtle">Signed in as {user.name}</p>
      <WidgetWatchConfirm
        embedId={widget.id}
        title={widget.title}
        wiki={site.site.host}
        appOrigin={new URL(getConfig().app.url).origin}
        cancelHref={`${path}?cancelled=1`}
      />
    </Frame>
  );
}
