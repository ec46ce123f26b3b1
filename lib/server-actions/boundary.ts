/**
 * The one boundary every server action goes through, as lib/api/handler.ts is for `/api/v1`. A server
 * action is a public POST endpoint whatever page its form sits on, so each call: loads the session
 * (signed in unless the action says otherwise), counts against the user's action limit, reads its
 * FormData with the zod schema declared above the action (nothing is cast before it is parsed), for
 * edits also counts against the edit limit, and only then runs the action's body. Every refusal has one
 * code and one sentence (result.ts), whatever action refused.
 *
 * Two call shapes, one admission: `stateAction` for forms with useActionState (a failure becomes the
 * form's next state, so a form can keep what was typed), and `formAction` for forms that end by
 * redirecting (a failure is handed to the action's own `failed`, which redirects to a notice).
 */
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { SignedInUser } from "@/lib/auth/session";
import type { Logger } from "@/lib/log";
import type { RateLimiter } from "@/lib/rate-limit";
import { tooManyEdits } from "@/lib/security/rate-limits";
import { formInput } from "./fields";
import { INTERNAL, SIGNED_OUT, invalidInput, tooManyActions, type ActionFailure } from "./result";

export type Access = "signed-in" | "anyone";
type UserFor<A extends Access> = A extends "anyone" ? SignedInUser | null : SignedInUser;

export interface ActionDefinition<S extends z.ZodType, A extends Access> {
  /** For logs only. */
  name: string;
  schema: S;
  /** "anyone": also runs without a session (starting a sign-in). Default: signed in. */
  access?: A;
  /** Saving, merging, adding a section: also counted against EDIT_RATE_LIMIT, before anything reaches the wiki. */
  countsAsEdit?: boolean;
  /** The sentence for input the schema refuses, when the form can say more than the default (e.g. the schema's own message). */
  invalidMessage?: string | ((error: z.ZodError) => string);
}

export interface ActionContext<S extends z.ZodType, A extends Access> {
  user: UserFor<A>;
  input: z.output<S>;
  formData: FormData;
}

export interface FailureContext<S extends z.ZodType> {
  formData: FormData;
  /** The parsed input, when the refusal came after parsing (the edit limit). */
  input: z.output<S> | undefined;
}

export interface BoundaryDeps {
  currentUser: () => Promise<SignedInUser | null>;
  /** Every action, per user. */
  actions: RateLimiter;
  /** Edit submissions, per user, on top of `actions`. */
  edits: RateLimiter;
  log: Logger;
}

type Admission<S extends z.ZodType, A extends Access> =
  | { ok: true; user: UserFor<A>; input: z.output<S> }
  | { ok: false; failure: ActionFailure; input?: z.output<S> };

export function createActionBoundary(deps: BoundaryDeps) {
  async function admit<S extends z.ZodType, A extends Access>(definition: ActionDefinition<S, A>, formData: FormData): Promise<Admission<S, A>> {
    const user = await deps.currentUser();
    if (!user && (definition.access ?? "signed-in") === "signed-in") return { ok: false, failure: SIGNED_OUT };
    // Counted before the input is read: a flood of malformed calls spends the same budget as valid ones.
    // Without a session there is no user to count; those actions reach nothing upstream.
    if (user) {
      const decision = await deps.actions.take(user.id);
      if (!decision.ok) {
        deps.log.warn("action.rate_limited", { action: definition.name, userId: user.id, retryAfterSeconds: decision.retryAfterSeconds });
        return { ok: false, failure: tooManyActions(decision.retryAfterSeconds) };
      }
    }
    const parsed = definition.schema.safeParse(formInput(formData));
    if (!parsed.success) {
      const message = typeof definition.invalidMessage === "function" ? definition.invalidMessage(parsed.error) : definition.invalidMessage;
      return { ok: false, failure: invalidInput(message) };
    }
    if (definition.countsAsEdit && user) {
      const decision = await deps.edits.take(user.id);
      if (!decision.ok) {
        deps.log.warn("edit.rate_limited", { action: definition.name, userId: user.id, retryAfterSeconds: decision.retryAfterSeconds });
        return { ok: false, failure: tooManyEdits(decision.retryAfterSeconds), input: parsed.data };
      }
    }
    return { ok: true, user: user as UserFor<A>, input: parsed.data };
  }

  function unexpected(name: string, error: unknown): ActionFailure {
    // Next's redirect() and notFound() are thrown: they must reach Next untouched.
    unstable_rethrow(error);
    // Only the error's class reaches the log: messages can quote upstream text or form data.
    deps.log.error("action.unhandled", { action: name, error: error instanceof Error ? error.name : "unknown" });
    return INTERNAL;
  }

  /** A form action used with useActionState: `failed` turns a refusal into the form's next state. */
  function stateAction<S extends z.ZodType, State, A extends Access = "signed-in">(
    definition: ActionDefinition<S, A> & { failed: (failure: ActionFailure, context: FailureContext<S> & { previous: State }) => State },
    run: (context: ActionContext<S, A> & { previous: State }) => Promise<State>,
  ): (previous: State, formData: FormData) => Promise<State> {
    return async (previous, formData) => {
      const admitted = await admit(definition, formData);
      if (!admitted.ok) return definition.failed(admitted.failure, { previous, formData, input: admitted.input });
      try {
        return await run({ user: admitted.user, input: admitted.input, formData, previous });
      } catch (error) {
        return definition.failed(unexpected(definition.name, error), { previous, formData, input: admitted.input });
      }
    };
  }

  /** A form action that ends by redirecting: `failed` shows a refusal (it redirects to a notice). */
  function formAction<S extends z.ZodType, A extends Access = "signed-in">(
    definition: ActionDefinition<S, A> & { failed: (failure: ActionFailure, context: FailureContext<S>) => never | Promise<never> },
    run: (context: ActionContext<S, A>) => Promise<void>,
  ): (formData: FormData) => Promise<void> {
    return async (formData) => {
      const admitted = await admit(definition, formData);
      if (!admitted.ok) return definition.failed(admitted.failure, { formData, input: admitted.input });
      try {
        await run({ user: admitted.user, input: admitted.input, formData });
      } catch (error) {
        return definition.failed(unexpected(definition.name, error), { formData, input: admitted.input });
      }
    };
  }

  return { stateAction, formAction };
}
