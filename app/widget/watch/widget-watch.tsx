"use client";
/**
 * The watch popup's confirmation (app/widget/watch/[embedId]): Confirm posts to a server action that
 * watches the article for the signed-in user; on success the widget's frame, which opened this window,
 * is told with `postMessage` to Wikiport's own origin only (docs/security-requirements.md item 29): never `"*"`, and
 * nothing but the embed id and the result.
 */
import { cdxIconLogIn, cdxIconStar } from "@wikimedia/codex-icons";
import { useActionState, useEffect } from "react";
import { confirmWatchAction, signInToWatchAction } from "./actions";
import type { WatchPopupState } from "./state";
import { Icon } from "@/lib/ui/icon";
import { FilledParts, type LabelParts } from "@/lib/ui/wiki/label-parts";

/** The confirmation's words, built on the server in the interface language (the page beside this file). */
export interface WatchConfirmLabels {
  /** $1: the article's title; $2: its wiki. */
  question: LabelParts;
  /** $1: the wiki. */
  explanation: LabelParts;
  confirm: string;
  cancel: string;
  close: string;
  /** $1: the article's title. */
  doneHeading: LabelParts;
  /** $1: the article's title; $2: its wiki. */
  done: LabelParts;
  signIn: string;
  reconnect: string;
  /** The interface's direction, for icons that point along the text. */
  dir: "ltr" | "rtl";
}

/** Closes the popup (a window opened by the widget may close itself). */
export function WidgetCloseButton({ label }: { label: string }) {
  return (
    <button type="button" className="cdx-button" onClick={() => window.close()}>
      {label}
    </button>
  );
}

/** "Sign in with Wikimedia" that comes back to this popup. */
export function WidgetSignInButton({ embedId, label, dir }: { embedId: string; label: string; dir: "ltr" | "rtl" }) {
  return (
    <form action={signInToWatchAction}>
      <input type="hidden" name="embedId" value={embedId} />
      <button type="submit" className="cdx-button-primary">
        <Icon icon={cdxIconLogIn} dir={dir} />
        {label}
      </button>
    </form>
  );
}

export function WidgetWatchConfirm({
  embedId,
  title,
  wiki,
  content,
  appOrigin,
  cancelHref,
  labels,
}: {
  embedId: string;
  title: string;
  wiki: string;
  /** The article's language and direction, for its title inside the interface's sentences. */
  content: { lang: string; dir: "ltr" | "rtl" };
  labels: WatchConfirmLabels;
  /** Wikiport's own origin, from configuration: the frame that opened this window is on it. */
  appOrigin: string;
  cancelHref: string;
}) {
  const [state, formAction, pending] = useActionState<WatchPopupState, FormData>(confirmWatchAction, null);

  useEffect(() => {
    if (!state?.ok) return;
    window.opener?.postMessage({ type: "wikiport:watch-result", embedId, watched: true }, appOrigin);
  }, [state?.ok, embedId, appOrigin]);

  const named = (text: string) => (
    <bdi lang={content.lang} dir={content.dir}>
      {text}
    </bdi>
  );
  if (state?.ok) {
    return (
      <>
        <h1 className="text-2xl font-bold text-cdx-emphasized">
          <FilledParts parts={labels.doneHeading} values={[named(state.title)]} />
        </h1>
        <p role="status" className="rounded-cdx border border-cdx-success bg-cdx-bg-success-subtle p-3">
          <FilledParts parts={labels.done} values={[named(state.title), state.wiki]} />
        </p>
        <div>
          <WidgetCloseButton label={labels.close} />
        </div>
      </>
    );
  }

  return (
    <>
      <h1 className="text-2xl font-bold text-cdx-emphasized">
        <FilledParts parts={labels.question} values={[named(title), wiki]} />
      </h1>
      <p>
        <FilledParts parts={labels.explanation} values={[wiki]} />
      </p>
      {state && !state.ok ? (
        <div role="alert" className="flex flex-col gap-2 rounded-cdx border border-cdx-error bg-cdx-bg-error-subtle p-3">
          <p>{state.message}</p>
          {state.code === "reconnect_needed" || state.code === "signed_out" ? (
            <WidgetSignInButton embedId={embedId} label={state.code === "signed_out" ? labels.signIn : labels.reconnect} dir={labels.dir} />
          ) : null}
        </div>
      ) : null}
      <form action={formAction} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="embedId" value={embedId} />
        <button type="submit" className="cdx-button-primary" disabled={pending}>
          <Icon icon={cdxIconStar} />
          {labels.confirm}
        </button>
        <a
          href={cancelHref}
          className="cdx-button"
          onClick={(event) => {
            // A popup opened by the widget can close itself; otherwise the link says nothing changed.
            if (window.opener) {
              event.preventDefault();
              window.close();
            }
          }}
        >
          {labels.cancel}
        </a>
      </form>
    </>
  );
}
