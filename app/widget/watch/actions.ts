"use server";
/**
 * The watch popup's actions (docs/security-requirements.md items 27 and 28). They run only from the top-level popup page,
 * which is never framed (`frame-ancestors 'none'`, set by proxy.ts), and are Server Actions, so Next
 * refuses a POST whose Origin is not Wikiport's own; both go through the action boundary
 * (lib/server-actions). Nothing here trusts the frame: the article comes from the widget's row, not from
 * the form, and the watch is made with the signed-in user's own token. The confirmation shows the
 * answer as it comes, so a failure's sentence is put in the interface language here.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { recordWatch } from "@/lib/edits/audit";
import { describeFailure } from "@/lib/i18n/errors";
import { getTranslator } from "@/lib/i18n/request";
import { setWatched } from "@/lib/edits/watch";
import { log } from "@/lib/log";
import { failure, formAction, stateAction } from "@/lib/server-actions";
import { getWidget, isWellFormedEmbedId } from "@/lib/widget/registry";
import { getWikimedia } from "@/lib/wiring";
import { parseSite } from "@/lib/wikimedia/sites";
import { watchPopupPath, type WatchPopupState } from "./state";

const UNAVAILABLE = failure({ code: "widget_unavailable", message: "This widget does not exist any more, or has no Watch button. Nothing was changed." });

const embedSchema = z.object({ embedId: z.string().max(64) });

/**
 * "Sign in with Wikimedia", returning to this popup. The return path is built from a well-formed embed
 * id only, and Auth.js's redirect callback (safeRedirect) keeps any target on Wikiport's own origin.
 */
export const signInToWatchAction = formAction(
  { name: "sign_in_to_watch", schema: embedSchema, access: "anyone", failed: () => redirect("/dashboard") },
  async ({ input }) => {
    await signIn("wikimedia", { redirectTo: isWellFormedEmbedId(input.embedId) ? watchPopupPath(input.embedId) : "/dashboard" });
  },
);

const confirmWatch = stateAction(
  { name: "widget_watch", schema: embedSchema, failed: (refusal): WatchPopupState => refusal },
  async ({ user, input }): Promise<WatchPopupState> => {
    const widget = isWellFormedEmbedId(input.embedId) ? await getWidget(getDb(), input.embedId) : null;
    const site = widget ? parseSite(widget.wiki) : null;
    if (!widget || !widget.watchButton || !site?.ok) return UNAVAILABLE;
    const wikimedia = getWikimedia();
    const outcome = await setWatched({ action: wikimedia.action }, wikimedia.asUser(user.id), site.site, widget.title, true);
    await recordWatch(user.id, site.site.host, widget.title, true, outcome);
    if (!outcome.ok) return failure(outcome);
    log.info("widget.watched", { userId: user.id, embedId: widget.id });
    revalidatePath("/watchlist");
    return { ok: true, title: outcome.title, wiki: site.site.host };
  },
);

export async function confirmWatchAction(previous: WatchPopupState, formData: FormData): Promise<WatchPopupState> {
  const next = await confirmWatch(previous, formData);
  if (next === null || next.ok) return next;
  const t = await getTranslator();
  return { ...next, message: next.code === "widget_unavailable" ? t.msg("wikiport-watch-popup-unavailable-action") : describeFailure(t, next) };
}
