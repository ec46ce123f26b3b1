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

export function WidgetRegisterForm({ site, title, options }: { site: string; title: string; options: CardOptions }) {
  const [state, formAction, pending] = useActionState<RegisterWidgetState, FormData>(registerWidgetAction, null);
  const kept = state;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      {kept ? (
        <div role="alert" className="rounded-cdx border border-cdx-error bg-cdx-bg-error-subtle p-3">
          <p className="font-bold">The widget was not registered:</p>
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
        <span>Widget name</span>
        <input name="name" required maxLength={100} defaultValue={kept?.name ?? title} className={`max-w-sm ${field}`} />
      </label>
      <label className="flex flex-col gap-1">
        <span>Allowed origins, one per line</span>
        <textarea
          name="origins"
          required
          rows={3}
          defaultValue={kept?.origins ?? ""}
          placeholder="https://example.org"
          aria-describedby="widget-origins-help"
          className={`font-mono ${field}`}
        />
        <span id="widget-origins-help" className="text-sm text-cdx-subtle">
          Only pages on these origins may show the widget: scheme, host and port only, such as https://blog.example.org.
          Use https; http is accepted for http://localhost and http://127.0.0.1 while developing. At most 10.
        </span>
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="watchButton" defaultChecked={kept?.watchButton ?? false} />
        Show a Watch button (readers confirm in a Wikiport window; nothing happens inside the frame)
      </label>
      <div>
        <button type="submit" className="cdx-button-primary" disabled={pending}>
          Register widget
        </button>
      </div>
    </form>
  );
}
