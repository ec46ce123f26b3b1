"use client";
/** Step 2: paste the token; Wikiport verifies it with Wikimedia before saving anything. */
import { Message } from "@/lib/ui/dashboard";
import { usePersonalTokenFlow } from "./personal-token-flow";

export function PersonalTokenForm({ replacing }: { replacing: boolean }) {
  const { state, formAction, pending, revealedToken } = usePersonalTokenFlow();
  return (
    <div className="flex flex-col gap-3">
      {/* Only while the saved token is this one: not after a delete or a replacement. */}
      {state?.ok && revealedToken ? (
        <Message tone="success" title="Token verified and saved">
          <p>
            Wikimedia accepted it: it acts as <strong>{state.username}</strong>.
            {state.warnings.length > 0 ? " Read the warnings next to the saved token below." : ""} The snippets below contain it
            now, for you to copy; Wikiport will not show it again.
          </p>
        </Message>
      ) : null}
      {state && !state.ok ? (
        <Message tone="error" title="The token was not saved">
          <p data-code={state.code}>{state.message}</p>
        </Message>
      ) : null}
      <form action={formAction} className="flex flex-col gap-2">
        <label htmlFor="personal-token">Personal API token (the “Access token” Meta showed you)</label>
        <textarea
          id="personal-token"
          name="token"
          required
          rows={3}
          autoComplete="off"
          spellCheck={false}
          className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1 font-mono text-sm"
        />
        <p className="text-sm text-cdx-subtle">
          Wikiport checks it with Wikimedia first, then keeps it encrypted.
          {replacing ? " Saving a new token replaces the one saved now." : ""}
        </p>
        <div>
          <button type="submit" className="cdx-button-primary" disabled={pending}>
            {pending ? "Verifying…" : "Verify and save"}
          </button>
        </div>
      </form>
    </div>
  );
}
