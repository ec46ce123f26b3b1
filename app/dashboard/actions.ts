"use server";
/**
 * The dashboard's actions: checking and ending the Wikimedia connection, signing out everywhere,
 * deleting the account, creating and revoking API tokens, and undoing an edit from the activity log. Each goes through the action boundary
 * (lib/server-actions) and acts only on the signed-in user's own data. Most answer by redirecting to
 * the dashboard with a notice code (lib/account/notices.ts), refusals too; creating a token answers its
 * form, because the plaintext is shown once, there, and is never stored, logged or put in a URL.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { checkConnection } from "@/lib/account/connection";
import { deleteAccount, signOutEverywhere } from "@/lib/account/manage";
import type { DashboardNotice } from "@/lib/account/notices";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens";
import { findAuditEvent, recordAudit, undoable } from "@/lib/audit";
import { signOut } from "@/lib/auth";
import { getWikimediaProfile } from "@/lib/auth/wikimedia-profiles";
import { getDb } from "@/lib/db";
import { recordUndo } from "@/lib/edits/audit";
import { undoEdit } from "@/lib/edits/undo";
import { getConfig } from "@/lib/env";
import { getVault } from "@/lib/grants";
import { describeFailure } from "@/lib/i18n/errors";
import { getTranslator } from "@/lib/i18n/request";
import { log } from "@/lib/log";
import { boundaryNotice, failure, formAction, numericId, stateAction, type ActionFailure, type ActionResult } from "@/lib/server-actions";
import { createTokenSchema, formFailureText, isBoundaryFailure } from "@/lib/ui/dashboard-forms";
import { parseSite } from "@/lib/wikimedia/sites";
import { getWikimedia } from "@/lib/wiring";

function backToDashboard(notice: DashboardNotice): never {
  redirect(`/dashboard?notice=${notice}`);
}

/** A refusal of a redirecting dashboard action: signed out goes to the landing page, the rest to a notice. */
function refused(otherwise: DashboardNotice) {
  return (refusal: ActionFailure): never => {
    if (refusal.code === "signed_out") redirect("/");
    backToDashboard(boundaryNotice(refusal) ?? otherwise);
  };
}

const noInput = z.object({});

export const checkConnectionAction = formAction({ name: "check_connection", schema: noInput, failed: refused("action-failed") }, async ({ user }) => {
  const config = getConfig();
  const wikimedia = getWikimedia();
  const result = await checkConnection(
    { db: getDb(), log, http: wikimedia.http, oauthUrl: config.wikimedia.oauthUrl, asUser: wikimedia.asUser },
    user.id,
  );
  await recordAudit(getDb(), log, { userId: user.id, action: "check_connection", result: result.status === "connected" ? "ok" : result.status });
  const notice: Record<typeof result.status, DashboardNotice> = {
    connected: "connection-ok",
    reconnect_needed: "connection-ended",
    wikimedia_unavailable: "wikimedia-unavailable",
    refused: "connection-refused",
  };
  backToDashboard(notice[result.status]);
});

export const disconnectAction = formAction({ name: "disconnect", schema: noInput, failed: refused("action-failed") }, async ({ user }) => {
  await getVault().disconnect(user.id);
  await recordAudit(getDb(), log, { userId: user.id, action: "disconnect", result: "ok" });
  log.info("account.disconnected", { userId: user.id });
  backToDashboard("disconnected");
});

export const signOutEverywhereAction = formAction({ name: "sign_out_everywhere", schema: noInput, failed: refused("action-failed") }, async ({ user }) => {
  const ended = await signOutEverywhere(getDb(), user.id);
  log.info("account.signed_out_everywhere", { userId: user.id, sessions: ended });
  redirect("/?notice=signed-out-everywhere");
});

const deleteSchema = z.object({ confirmation: z.string().trim().max(300) });

export const deleteAccountAction = formAction({ name: "delete_account", schema: deleteSchema, failed: refused("delete-not-confirmed") }, async ({ user, input }) => {
  const username = (await getWikimediaProfile(getDb(), user.id))?.username ?? user.name;
  if (input.confirmation !== username) backToDashboard("delete-not-confirmed");
  await deleteAccount(getDb(), user.id);
  log.info("account.deleted", { userId: user.id });
  // The session row went with the user; signing out also clears the now useless cookie.
  await signOut({ redirectTo: "/?notice=account-deleted" });
});

export type CreateTokenState = ActionResult<{ token: string; name: string }> | null;

const createTokenForm = stateAction(
  {
    name: "create_api_token",
    schema: createTokenSchema,
    invalidMessage: "Give the token a name, choose its scopes from read, edit and watch, and an expiry of 30, 90 or 365 days, or none.",
    failed: (refusal): CreateTokenState => refusal,
  },
  async ({ user, input }): Promise<CreateTokenState> => {
    const result = await createApiToken(getDb(), { userId: user.id, name: input.name, scopes: input.scopes, expiresInDays: input.expiry });
    if (!result.ok) return failure(result);
    await recordAudit(getDb(), log, { userId: user.id, action: "create_api_token", title: result.record.name, result: "ok" });
    return { ok: true, token: result.token, name: result.record.name };
  },
);

/** The form's answer, a refusal in the interface language. */
export async function createApiTokenAction(previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const state = await createTokenForm(previous, formData);
  if (!state || state.ok) return state;
  return { ...state, message: formFailureText(await getTranslator(), state, "wikiport-apitoken-invalid") };
}

const revokeSchema = z.object({ tokenId: z.string().min(1).max(64) });

export const revokeApiTokenAction = formAction({ name: "revoke_api_token", schema: revokeSchema, failed: refused("token-not-found") }, async ({ user, input }) => {
  // Another user's token id answers exactly like a missing one: nothing is revealed or changed.
  const revoked = await revokeApiToken(getDb(), user.id, input.tokenId);
  if (revoked) await recordAudit(getDb(), log, { userId: user.id, action: "revoke_api_token", result: "ok" });
  backToDashboard(revoked ? "token-revoked" : "token-not-found");
});

export type UndoState = ActionResult<{ revisionId: number | null; message: string }> | null;

const undoSchema = z.object({ eventId: numericId });

const undo = stateAction(
  {
    name: "undo",
    schema: undoSchema,
    countsAsEdit: true,
    failed: (refusal): UndoState => refusal,
  },
  async ({ user, input }): Promise<UndoState> => {
    // The browser names a line of its own activity log; the wiki, page and revision come from that line.
    const t = await getTranslator();
    const event = await findAuditEvent(getDb(), user.id, input.eventId);
    const site = event?.wiki ? parseSite(event.wiki) : null;
    if (!event || !undoable(event) || !site?.ok) {
      return { ok: false, code: "not_found", message: t.msg("wikiport-activity-undo-not-found") };
    }
    const wikimedia = getWikimedia();
    const outcome = await undoEdit({ action: wikimedia.action }, wikimedia.asUser(user.id), site.site, { title: event.title!, revisionId: event.revisionId! });
    await recordUndo(user.id, site.site.host, event.title!, outcome);
    revalidatePath("/dashboard");
    if (outcome.status === "error") return { ...failure(outcome), message: describeFailure(t, outcome) };
    log.info("edit.undone", { userId: user.id, site: site.site.host, revisionId: outcome.revisionId });
    return {
      ok: true,
      revisionId: outcome.revisionId,
      message: outcome.revisionId === null ? t.msg("wikiport-activity-undo-nothing") : t.msg("wikiport-activity-undo-done", String(outcome.revisionId)),
    };
  },
);

/** Undo's answer: the action words its own outcomes; the boundary's refusals are worded here. */
export async function undoAction(previous: UndoState, formData: FormData): Promise<UndoState> {
  const state = await undo(previous, formData);
  if (!state || state.ok || !isBoundaryFailure(state)) return state;
  return { ...state, message: formFailureText(await getTranslator(), state) };
}
