"use client";
/** The Watch / Unwatch button: a form posting to the watch action, so it also works without JavaScript. */
import { cdxIconStar, cdxIconUnStar } from "@wikimedia/codex-icons";
import { useActionState } from "react";
import { watchAction } from "./actions";
import type { WatchState } from "./form-state";
import { Icon } from "@/lib/ui/icon";
import { fillText, type LabelParts } from "@/lib/ui/wiki/label-parts";

export interface WatchToggleLabels {
  watch: string;
  unwatch: string;
  /** The button's accessible name with the page's title ($1). */
  watchTitle: LabelParts;
  unwatchTitle: LabelParts;
}

export function WatchToggle({ site, title, watched, labels }: { site: string; title: string; watched: boolean; labels: WatchToggleLabels }) {
  const [state, formAction, pending] = useActionState(watchAction, { ok: true, watched } satisfies WatchState);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="site" value={site} />
      <input type="hidden" name="title" value={title} />
      <input type="hidden" name="watch" value={state.watched ? "0" : "1"} />
      <button type="submit" className="cdx-button" disabled={pending} aria-label={fillText(state.watched ? labels.unwatchTitle : labels.watchTitle, [title])}>
        <Icon icon={state.watched ? cdxIconUnStar : cdxIconStar} />
        {state.watched ? labels.unwatch : labels.watch}
      </button>
      {!state.ok && (
        <span role="alert" className="text-cdx-error">
          {state.message}
        </span>
      )}
    </form>
  );
}
