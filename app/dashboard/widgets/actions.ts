"use server";
/**
 * Registering widgets, changing their allowed origins and deleting them, from the dashboard. Through the
 * action boundary (lib/server-actions), acting only on the signed-in user's own widgets; what a widget
 * may be is the registry's to judge (lib/widget/registry.ts), with a message per field.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { describeFailure } from "@/lib/i18n/errors";
import { getTranslator } from "@/lib/i18n/request";
import { log } from "@/lib/log";
import { boundaryNotice, checkbox, formAction, stateAction, type ActionFailure } from "@/lib/server-actions";
import { storedCardOptions } from "@/lib/widget/options";
import { createWidget, deleteWidget, updateWidgetOrigins, widgetOptionsSchema } from "@/lib/widget/registry";
import { builderHref, type RegisterWidgetState, type UpdateOriginsState } from "./builder";

function text(formData: FormData, name: string, max: number): string {
  const value = formData.get(name);
  return typeof value === "string" ? value.slice(0, max) : "";
}

/** A refusal in the form's shape: its one sentence as the list the form shows, with what was typed kept. */
function listed(refusal: ActionFailure): ActionFailure & { messages: string[] } {
  return { ...refusal, messages: [refusal.message] };
}

const registerSchema = z.object({
  // Lengths here only bound the work; the registry says what is wrong with a name, title or origin.
  name: z.string().max(1000),
  // One origin per line, at most 10: a longer text is refused by the registry with a message.
  origins: z.string().max(10_000),
  site: z.string().max(253),
  title: z.string().max(1000),
  ...widgetOptionsSchema.shape,
  watchButton: checkbox,
});

/** A refusal in the interface language: each of its lines as lib/i18n/errors.ts describes it. */
async function worded<T extends ActionFailure & { messages: string[] }>(state: T): Promise<T> {
  const t = await getTranslator();
  return { ...state, message: describeFailure(t, state), messages: state.messages.map((message) => describeFailure(t, { code: state.code, message })) };
}

const registerForm = stateAction(
  {
    name: "register_widget",
    schema: registerSchema,
    failed: (refusal, { formData }): RegisterWidgetState => ({
      ...listed(refusal),
      name: text(formData, "name", 1000),
      origins: text(formData, "origins", 10_000),
      watchButton: formData.get("watchButton") === "on",
    }),
  },
  async ({ user, input }): Promise<RegisterWidgetState> => {
    const result = await createWidget(getDb(), {
      userId: user.id,
      name: input.name,
      wiki: input.site,
      title: input.title,
      allowedOrigins: input.origins,
      options: { theme: input.theme, layout: input.layout, lang: input.lang },
      watchButton: input.watchButton,
    });
    if (!result.ok) return { ...result, name: input.name, origins: input.origins, watchButton: input.watchButton };
    log.info("widget.registered", { userId: user.id, embedId: result.widget.id, origins: result.widget.allowedOrigins.length });
    const { widget } = result;
    redirect(builderHref({ site: widget.wiki, title: widget.title, options: storedCardOptions(widget.options) }, { notice: "widget-registered" }));
  },
);

export async function registerWidgetAction(previous: RegisterWidgetState, formData: FormData): Promise<RegisterWidgetState> {
  const state = await registerForm(previous, formData);
  return state ? worded(state) : state;
}

const originsForm = stateAction(
  {
    name: "update_widget_origins",
    schema: z.object({ embedId: z.string().max(64), origins: z.string().max(10_000) }),
    failed: (refusal, { formData }): UpdateOriginsState => ({ ...listed(refusal), origins: text(formData, "origins", 10_000) }),
  },
  async ({ user, input }): Promise<UpdateOriginsState> => {
    // Another user's embed id answers exactly like a missing one (not_found): nothing is revealed or changed.
    const result = await updateWidgetOrigins(getDb(), user.id, input.embedId, input.origins);
    if (!result.ok) return { ...result, origins: input.origins };
    log.info("widget.origins_updated", { userId: user.id, embedId: result.widget.id, origins: result.widget.allowedOrigins.length });
    redirect("/dashboard/widgets?notice=widget-origins-saved");
  },
);

export async function updateWidgetOriginsAction(previous: UpdateOriginsState, formData: FormData): Promise<UpdateOriginsState> {
  const state = await originsForm(previous, formData);
  return state ? worded(state) : state;
}

export const deleteWidgetAction = formAction(
  {
    name: "delete_widget",
    schema: z.object({ embedId: z.string().min(1).max(64) }),
    failed: (refusal) => (refusal.code === "signed_out" ? redirect("/") : redirect(`/dashboard/widgets?notice=${boundaryNotice(refusal) ?? "widget-not-found"}`)),
  },
  async ({ user, input }) => {
    // Another user's embed id answers exactly like a missing one: nothing is revealed or changed.
    const deleted = (await deleteWidget(getDb(), user.id, input.embedId)).ok;
    if (deleted) log.info("widget.deleted", { userId: user.id });
    redirect(`/dashboard/widgets?notice=${deleted ? "widget-deleted" : "widget-not-found"}`);
  },
);
