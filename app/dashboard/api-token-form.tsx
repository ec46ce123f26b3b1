"use client";
/** Creates a token for Wikiport's JSON API and shows it once, with a warning that it won't be shown again. */
import { useActionState } from "react";
import { createApiTokenAction, type CreateTokenState } from "./actions";

export function ApiTokenForm() {
  const [state, formAction, pending] = useActionState<CreateTokenState, FormData>(createApiTokenAction, null);
  return (
    <div className="flex flex-col gap-3">
      {state?.ok ? (
        <div role="status" className="flex flex-col gap-2 rounded-cdx border border-cdx-success bg-cdx-bg-success-subtle p-3">
          <p className="font-bold">Copy your new token “{state.name}” now: Wikiport will not show it again.</p>
          <label htmlFor="new-api-token" className="text-sm">
            New token
          </label>
          <input id="new-api-token" readOnly value={state.token} className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1 font-mono" />
        </div>
      ) : null}
      {state && !state.ok ? (
        <p role="alert" className="rounded-cdx border border-cdx-error bg-cdx-bg-error-subtle p-3">
          {state.message}
        </p>
      ) : null}
      <form action={formAction} className="flex flex-col gap-3">
        <label className="flex flex-col gap-1">
          <span>Token name</span>
          <input name="name" required maxLength={100} className="max-w-sm rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1" />
        </label>
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-1">Scopes</legend>
          {[
            ["read", "Read articles and search"],
            ["edit", "Edit pages as you"],
            ["watch", "Change your watchlist"],
          ].map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input type="checkbox" name="scopes" value={value} defaultChecked={value === "read"} />
              {label}
            </label>
          ))}
        </fieldset>
        <label className="flex flex-col gap-1">
          <span>Expires</span>
          <select name="expiry" defaultValue="90" className="max-w-sm rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1">
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in 365 days</option>
            <option value="never">never</option>
          </select>
        </label>
        <div>
          <button type="submit" className="cdx-button-primary" disabled={pending}>
            Create token
          </button>
        </div>
      </form>
    </div>
  );
}
