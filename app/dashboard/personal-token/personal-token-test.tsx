"use client";
/** "Test it": one real call with the saved token on a chosen wiki, and what the wiki answered. */
import { useActionState, useId } from "react";
import { testPersonalTokenAction, type TestPersonalTokenState } from "./actions";
import { Message } from "@/lib/ui/dashboard";
import { Parts, type MessageParts } from "@/lib/i18n/parts";

/** The test's words, translated by the page. */
export interface PersonalTokenTestLabels {
  testOn: string;
  testing: string;
  test: string;
  worksTitle: string;
  /** "$1 answered $2 as $3.": the wiki, the API call, the account. */
  works: MessageParts;
  failedTitle: string;
}

export function PersonalTokenTest({ wikis, labels }: { wikis: string[]; labels: PersonalTokenTestLabels }) {
  const [state, formAction, pending] = useActionState<TestPersonalTokenState, FormData>(testPersonalTokenAction, null);
  const pickerId = useId();
  return (
    <div className="flex flex-col gap-2">
      <form action={formAction} className="flex flex-wrap items-center gap-2">
        <label htmlFor={pickerId}>{labels.testOn}</label>
        <select id={pickerId} name="wiki" defaultValue={wikis[0]} dir="ltr" className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1">
          {wikis.map((host) => (
            <option key={host} value={host}>
              {host}
            </option>
          ))}
        </select>
        <button type="submit" className="cdx-button" disabled={pending}>
          {pending ? labels.testing : labels.test}
        </button>
      </form>
      {state?.ok ? (
        <Message tone="success" title={labels.worksTitle}>
          <p>
            <Parts
              parts={labels.works}
              elements={[
                <bdi key="wiki">{state.wiki}</bdi>,
                <code key="call" dir="ltr">
                  meta=userinfo
                </code>,
                <strong key="user">
                  <bdi>{state.username}</bdi>
                </strong>,
              ]}
            />
          </p>
        </Message>
      ) : null}
      {state && !state.ok ? (
        <Message tone="error" title={labels.failedTitle}>
          <p data-code={state.code}>{state.message}</p>
        </Message>
      ) : null}
    </div>
  );
}
