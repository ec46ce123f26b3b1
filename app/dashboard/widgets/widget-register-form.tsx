"use client";
/**
 * Registers the builder's current card as a widget: a name, the origins that may frame it (one per line)
 * and whether it shows a Watch button. A plain form posting to a server action, so it also works without
 * JavaScript; every bad origin line is listed at once, with what the owner typed kept.
 */
import { useActionState } from "react";
import { registerWidgetAction } from "./actions";
import type { RegisterWidgetState } from "./builder";
import type { CardOptions } from "@/lib/widget/options";

const field = "rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1";

/** The form's words, translated by the page. */
export interface WidgetRegisterFormLabels {
  notRegistered: string;
  name: string;
  origins: string;
  originsHelp: string;
  watchButton: string;
  register: string;
}

export function WidgetRegisterForm({ site, title, options, labels }: { site: string; title: string; options: CardOptions; labels: WidgetRegisterFormLabels }) {
  const [state, formAction, pending] = useActionState<RegisterWidgetState, FormData>(registerWidgetAction, null);
  const kept = state;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      {kept ? (
        <div role="alert" className="rounded-cdx border border-cdx-error bg-cdx-bg-error-subtle p-3">
          <p className="font-bold">{labels.notRegistered}</p>
          <ul className="list-disc ps-5">
            {kept.messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <input type="hidden" name="site" value={site} />
      <input type="hidden" name="title" value={title} />
      <input type="hidden" name="theme" value={options.theme} />
      <input type="hidden" name="layout" value={options.layout} />
      <input type="hidden" name="lang" value={options.lang} />
      <label className="flex flex-col gap-1">
        <span>{labels.name}</span>
        <input name="name" required maxLength={100} defaultValue={kept?.name ?? title} dir="auto" className={`max-w-sm ${field}`} />
      </label>
      <label className="flex flex-col gap-1">
        <span>{labels.origins}</span>
        <textarea
          name="origins"
          required
          rows={3}
          defaultValue={kept?.origins ?? ""}
          placeholder="https://example.org"
          aria-describedby="widget-origins-help"
          dir="ltr"
          className={`font-mono ${field}`}
        />
        <span id="widget-origins-help" className="text-sm text-cdx-subtle">
          {labels.originsHelp}
        </span>
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="watchButton" defaultChecked={kept?.watchButton ?? false} />
        {labels.watchButton}
      </label>
      <div>
        <button type="submit" className="cdx-button-primary" disabled={pending}>
          {labels.register}
        </button>
      </div>
    </form>
  );
}
