"use client";
/** The Watch / Unwatch button: a form posting to the watch action, so it also works without JavaScript. */
import { cdxIconStar, cdxIconUnStar } from "@wikimedia/codex-icons";
import { useActionState } from "react";
import { watchAction } from "./actions";
import type { WatchState } from "./form-state";
import { Icon } from "@/lib/ui/icon";

export function WatchToggle({ site, title, watched }: { site: string; title: string; watched: boolean }) {
  const [state, formAction, pending] = useActionState(watchAction, { ok: true, watched } satisfies WatchState);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="site" value={site} />
      <input type="hidden" name="title" value={title} />
      <input type="hidden" name="watch" value={state.watched ? "0" : "1"} />
      <button type="submit" className="cdx-button" disabled={pending} aria-label={`${state.watched ? "Unwatch" : "Watch"} ${title}`}>
        <Icon icon={state.watched ? cdxIconUnStar : cdxIconStar} />
        {state.watched ? "Unwatch" : "Watch"}
      </button>
      {!state.ok && (
        <span role="alert" className="text-cdx-error">
          {state.message}
        </span>
      )}
    </form>
  );
}
