"use client";
/**
 * The state shared by the personal-token page's client pieces: the paste form's result, and the token
 * the snippets may show. The real token is shown only while the page's stored token is the one this
 * form just saved: after a reload, a replacement or a delete, the snippets fall back to a placeholder.
 */
import { createContext, useActionState, useContext } from "react";
import { savePersonalTokenAction, type SavePersonalTokenState } from "./actions";

interface Flow {
  state: SavePersonalTokenState;
  formAction: (formData: FormData) => void;
  pending: boolean;
  /** The just-pasted token, or null when it may no longer be shown. */
  revealedToken: string | null;
}

const FlowContext = createContext<Flow | null>(null);

export function PersonalTokenFlow({ storedSavedAt, children }: { storedSavedAt: string | null; children: React.ReactNode }) {
  const [state, formAction, pending] = useActionState<SavePersonalTokenState, FormData>(savePersonalTokenAction, null);
  const revealedToken = state?.ok && state.savedAt === storedSavedAt ? state.token : null;
  return <FlowContext value={{ state, formAction, pending, revealedToken }}>{children}</FlowContext>;
}

export function usePersonalTokenFlow(): Flow {
  const flow = useContext(FlowContext);
  if (!flow) throw new Error("usePersonalTokenFlow: render inside <PersonalTokenFlow>");
  return flow;
}
