"use server";
/**
 * Registering and deleting widgets, from the dashboard. Public POST endpoints (Next checks their Origin):
 * each checks the session itself, validates its input (lib/widget/registry.ts) and acts only on the
 * signed-in user's own widgets.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser, requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { createWidget, deleteWidget, updateWidgetOrigins, type CreateWidgetInput } from "@/lib/widget/registry";
import { storedCardOptions } from "@/lib/widget/options";
import { builderHref, type RegisterWidgetState, type UpdateOriginsState } from "./builder";

function text(formData: FormData, name: string, max: number): string {
  const value = formData.get(name);
  return typeof value === "string" ? value.slice(0, max) : "";
}

export async function registerWidgetAction(_previous: RegisterWidgetState, formData: FormData): Promise<RegisterWidgetState> {
  const name = text(formData, "name", 1000);
  // One origin per line, at most 10: a longer text is refused by the registry with a message.
  const origins = text(formData, "origins", 10_000);
  const watchButton = formData.get("watchButton") === "on";
  const kept = { name, origins, watchButton };
  const user = await getCurrentUser();
  if (!user) return { status: "error", code: "signed_out", messages: ["Your Wikiport session has ended. Sign in again to continue."], ...kept };
  const options = { theme: text(formData, "theme", 20), layout: text(formData, "layout", 20), lang: text(formData, "lang", 20) };
  const result = createWidget(getDb(), {
    userId: user.id,
    name,
    wiki: text(formData, "site", 253),
    title: text(formData, "title", 1000),
    allowedOrigins: origins,
    // Strings from the form; the registry's schema accepts only the listed values.
    options: options as CreateWidgetInput["options"],
    watchButton,
  });
  if (!result.ok) return { status: "error", code: result.code, messages: result.messages, ...kept };
  log.info("widget.registered", { userId: user.id, embedId: result.widget.id, origins: result.widget.allowedOrigins.length });
  const { widget } = result;
  redirect(builderHref({ site: widget.wiki, title: widget.title, options: storedCardOptions(widget.options) }, { notice: "widget-registered" }));
}

export async function updateWidgetOriginsAction(_previous: UpdateOriginsState, formData: FormData): Promise<UpdateOriginsState> {
  const origins = text(formData, "origins", 10_000);
  const user = await getCurrentUser();
  if (!user) return { status: "error", messages: ["Your Wikiport session has ended. Sign in again to continue."], origins };
  // Another user's embed id answers exactly like a missing one (not_found): nothing is revealed or changed.
  const result = updateWidgetOrigins(getDb(), user.id, text(formData, "embedId", 64), origins);
  if (!result.ok) return { status: "error", messages: result.messages, origins };
  log.info("widget.origins_updated", { userId: user.id, embedId: result.widget.id, origins: result.widget.allowedOrigins.length });
  redirect("/dashboard/widgets?notice=widget-origins-saved");
}

const deleteSchema = z.object({ embedId: z.string().min(1).max(64) });

export async function deleteWidgetAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const parsed = deleteSchema.safeParse({ embedId: formData.get("embedId") });
  // Another user's embed id answers exactly like a missing one: nothing is revealed or changed.
  const deleted = parsed.success && deleteWidget(getDb(), user.id, parsed.data.embedId).ok;
  if (deleted) log.info("widget.deleted", { userId: user.id });
  redirect(`/dashboard/widgets?notice=${deleted ? "widget-deleted" : "widget-not-found"}`);
}
