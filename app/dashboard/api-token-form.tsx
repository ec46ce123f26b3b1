"use client";
/** Creates a token for Wikiport's JSON API and shows it once, with a warning that it won't be shown again. */
import { useActionState } from "react";
import { Parts, type MessageParts } from "@/lib/i18n/parts";
import { createApiTokenAction, type CreateTokenState } from "./actions";

/** The form's words, translated by the dashboard page. */
export interface ApiTokenFormLabels {
  /** "Copy your new token “$1” now…", cut at the token's name. */
  shownOnce: MessageParts;
  newToken: string;
  name: string;
  scopes: string;
  scopeRead: string;
  scopeEdit: string;
  scopeWatch: string;
  expires: string;
  in30Days: string;
  in90Days: string;
  in365Days: string;
  never: string;
  create: string;
}

export function ApiTokenForm({ labels }: { labels: ApiTokenFormLabels }) {
  const [state, formAction, pending] = useActionState<CreateTokenState, FormData>(createApiTokenAction, null);
  return (
    <div className="flex flex-col gap-3">
      {state?.ok ? (
        <div role="status" className="flex flex-col gap-2 rounded-cdx border border-cdx-success bg-cdx-bg-success-subtle p-3">
          <p className="font-bold">
            <Parts parts={labels.shownOnce} elements={[<bdi key="name">{state.name}</bdi>]} />
          </p>
          <label htmlFor="new-api-token" className="text-sm">
            {labels.newToken}
          </label>
          <input
            id="new-api-token"
            readOnly
            value={state.token}
            dir="ltr"
            className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1 font-mono"
          />
        </div>
      ) : null}
      {state && !state.ok ? (
        <p role="alert" className="rounded-cdx border border-cdx-error bg-cdx-bg-error-subtle p-3">
          {state.message}
        </p>
      ) : null}
      <form action={formAction} className="flex flex-col gap-3">
        <label className="flex flex-col gap-1">
          <span>{labels.name}</span>
          <input name="name" required maxLength={100} dir="auto" className="max-w-sm rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1" />
        </label>
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-1">{labels.scopes}</legend>
          {(
            [
              ["read", labels.scopeRead],
              ["edit", labels.scopeEdit],
              ["watch", labels.scopeWatch],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input type="checkbox" name="scopes" value={value} defaultChecked={value === "read"} />
              {label}
            </label>
          ))}
        </fieldset>
        <label className="flex flex-col gap-1">
          <span>{labels.expires}</span>
          <select name="expiry" defaultValue="90" className="max-w-sm rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1">
            <option value="30">{labels.in30Days}</option>
            <option value="90">{labels.in90Days}</option>
            <option value="365">{labels.in365Days}</option>
            <option value="never">{labels.never}</option>
          </select>
        </label>
        <div>
          <button type="submit" className="cdx-button-primary" disabled={pending}>
            {labels.create}
          </button>
        </div>
      </form>
    </div>
  );
}
