"use server";
/**
 * The watch popup's actions (security.md items 27 and 28). They run only from the top-level popup page,
 * which is never framed (`frame-ancestors 'none'`, set by proxy.ts), and are Server Actions, so Next
 * refuses a POST whose Origin is not Wikiport's own. Nothing here trusts the frame: the article comes
 * from the widget's row, not from the form, and the watch is made with the signed-in user's own token.
 */
import { revalidatePath } from "next/cache";
import { signIn } from "@/lib/auth";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { recordWatch } from "@/lib/edits/audit";
import { setWatched } from "@/lib/edits/watch";
import { log } from "@/lib/log";
import { getWidget, isWellFormedEmbedId } from "@/lib/widget/registry";
import { getWikimedia } from "@/lib/wiring";
import { parseSite } from "@/lib/wikimedia/sites";
import { watchPopupPath, type WatchPopupState } from "./state";

const UNAVAILABLE = { status: "error", code: "widget_unavailable", message: "This widget does not exist any more, or has no Watch button. Nothing was changed." } as const;

/**
 * "Sign in with Wikimedia", returning to this popup. The return path is built from a well-formed embed
 * id only, and Auth.js's redirect callback (safeRedirect) keeps any target on Wikiport's own origin.
 */
export async function signInToWatchAction(formData: FormData): Promise<void> {
  const embedId = formData.get("embedId");
  await signIn("wikimedia", { redirectTo: isWellFormedEmbedId(embedId) ? watchPopupPath(embedId) : "/dashboard" });
}

export async function confirmWatchAction(_previous: WatchPopupState, formData: FormData): Promise<WatchPopupState> {
  const user = await getCurrentUser();
  if (!user) return { status: "error", code: "signed_out", message: "Your Wikiport session has ended. Sign in again to continue." };
  const embedId = formData.get("embedId");
  const widget = isWellFormedEmbedId(embedId) ? getWidget(getDb(), embedId) : null;
  const site = widget ? parseSite(widget.wiki) : null;
  if (!widget || !widget.watchButton || !site?.ok) return UNAVAILABLE;
  const wikimedia = getWikimedia();
  const outcome = await setWatched({ action: wikimedia.action }, wikimedia.asUser(user.id), site.site, widget.title, true);
  recordWatch(user.id, site.site.host, widget.title, true, outcome);
  if (!outcome.ok) return { status: "error", code: outcome.code, message: outcome.message };
  log.info("widget.watched", { userId: user.id, embedId: widget.id });
  revalidatePath("/watchlist");
  return { status: "watched", title: outcome.title, wiki: site.site.host };
}
