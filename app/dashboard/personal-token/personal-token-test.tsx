"use client";
/** "Test it": one real call with the saved token on a chosen wiki, and what the wiki answered. */
import { useActionState, useId } from "react";
import { testPersonalTokenAction, type TestPersonalTokenState } from "./actions";
import { Message } from "@/lib/ui/dashboard";

export function PersonalTokenTest({ wikis }: { wikis: string[] }) {
  const [state, formAction, pending] = useActionState<TestPersonalTokenState, FormData>(testPersonalTokenAction, null);
  const pickerId = useId();
  return (
    <div className="flex flex-col gap-2">
      <form action={formAction} className="flex flex-wrap items-center gap-2">
        <label htmlFor={pickerId}>Test on</label>
        <select id={pickerId} name="wiki" defaultValue={wikis[0]} className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1">
          {wikis.map((host) => (
            <option key={host} value={host}>
              {host}
            </option>
          ))}
        </select>
        <button type="submit" className="cdx-button" disabled={pending}>
          {pending ? "Testing…" : "Test it"}
        </button>
      </form>
      {state?.ok ? (
        <Message tone="success" title="The token works">
          <p>
            {state.wiki} answered <code>meta=userinfo</code> as <strong>{state.username}</strong>.
          </p>
        </Message>
      ) : null}
      {state && !state.ok ? (
        <Message tone="error" title="The test call failed">
          <p data-code={state.code}>{state.message}</p>
        </Message>
      ) : null}
    </div>
  );
}
