"use client";
/** Step 2: paste the token; Wikiport verifies it with Wikimedia before saving anything. */
import { Message } from "@/lib/ui/dashboard";
import { Parts, type MessageParts } from "@/lib/i18n/parts";
import { usePersonalTokenFlow } from "./personal-token-flow";

/** The form's words, translated by the page. */
export interface PersonalTokenFormLabels {
  savedTitle: string;
  /** "Wikimedia accepted it: it acts as $1.", cut at the account's name. */
  savedActsAs: MessageParts;
  savedWarnings: string;
  savedSnippets: string;
  notSavedTitle: string;
  field: string;
  help: string;
  replaces: string;
  verifying: string;
  save: string;
}

export function PersonalTokenForm({ replacing, labels }: { replacing: boolean; labels: PersonalTokenFormLabels }) {
  const { state, formAction, pending, revealedToken } = usePersonalTokenFlow();
  return (
    <div className="flex flex-col gap-3">
      {/* Only while the saved token is this one: not after a delete or a replacement. */}
      {state?.ok && revealedToken ? (
        <Message tone="success" title={labels.savedTitle}>
          <p>
            <Parts
              parts={labels.savedActsAs}
              elements={[
                <strong key="user">
                  <bdi>{state.username}</bdi>
                </strong>,
              ]}
            />
            {state.warnings.length > 0 ? ` ${labels.savedWarnings}` : ""} {labels.savedSnippets}
          </p>
        </Message>
      ) : null}
      {state && !state.ok ? (
        <Message tone="error" title={labels.notSavedTitle}>
          <p data-code={state.code}>{state.message}</p>
        </Message>
      ) : null}
      <form action={formAction} className="flex flex-col gap-2">
        <label htmlFor="personal-token">{labels.field}</label>
        <textarea
          id="personal-token"
          name="token"
          required
          rows={3}
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
          className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1 font-mono text-sm"
        />
        <p className="text-sm text-cdx-subtle">
          {labels.help}
          {replacing ? ` ${labels.replaces}` : ""}
        </p>
        <div>
          <button type="submit" className="cdx-button-primary" disabled={pending}>
            {pending ? labels.verifying : labels.save}
          </button>
        </div>
      </form>
    </div>
  );
}
