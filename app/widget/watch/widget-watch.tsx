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

/** Closes the popup (a window opened by the widget may close itself). */
export function WidgetCloseButton({ label = "Close" }: { label?: string }) {
  return (
    <button type="button" className="cdx-button" onClick={() => window.close()}>
      {label}
    </button>
  );
}

/** "Sign in with Wikimedia" that comes back to this popup. */
export function WidgetSignInButton({ embedId, label = "Sign in with Wikimedia" }: { embedId: string; label?: string }) {
  return (
    <form action={signInToWatchAction}>
      <input type="hidden" name="embedId" value={embedId} />
      <button type="submit" className="cdx-button-primary">
        <Icon icon={cdxIconLogIn} />
        {label}
      </button>
    </form>
  );
}

export function WidgetWatchConfirm({
  embedId,
  title,
  wiki,
  appOrigin,
  cancelHref,
}: {
  embedId: string;
  title: string;
  wiki: string;
  /** Wikiport's own origin, from configuration: the frame that opened this window is on it. */
  appOrigin: string;
  cancelHref: string;
}) {
  const [state, formAction, pending] = useActionState<WatchPopupState, FormData>(confirmWatchAction, null);

  useEffect(() => {
    if (!state?.ok) return;
    window.opener?.postMessage({ type: "wikiport:watch-result", embedId, watched: true }, appOrigin);
  }, [state?.ok, embedId, appOrigin]);

  if (state?.ok) {
    return (
      <>
        <h1 className="text-2xl font-bold text-cdx-emphasized">You are watching {state.title}</h1>
        <p role="status" className="rounded-cdx border border-cdx-success bg-cdx-bg-success-subtle p-3">
          {state.title} on {state.wiki} is on your watchlist. You can close this window.
        </p>
        <div>
          <WidgetCloseButton />
        </div>
      </>
    );
  }

  return (
    <>
      <h1 className="text-2xl font-bold text-cdx-emphasized">
        Watch {title} on {wiki}?
      </h1>
      <p>Wikiport will add this article to your watchlist on {wiki}, as you, with your Wikimedia account.</p>
      {state && !state.ok ? (
        <div role="alert" className="flex flex-col gap-2 rounded-cdx border border-cdx-error bg-cdx-bg-error-subtle p-3">
          <p>{state.message}</p>
          {state.code === "reconnect_needed" || state.code === "signed_out" ? (
            <WidgetSignInButton embedId={embedId} label={state.code === "signed_out" ? "Sign in with Wikimedia" : "Reconnect to Wikimedia"} />
          ) : null}
        </div>
      ) : null}
      <form action={formAction} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="embedId" value={embedId} />
        <button type="submit" className="cdx-button-primary" disabled={pending}>
          <Icon icon={cdxIconStar} />
          Confirm
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
          Cancel
        </a>
      </form>
    </>
  );
}
