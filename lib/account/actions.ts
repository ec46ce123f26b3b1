"use server";
/**
 * The dashboard's account actions. Each is a public POST endpoint: it checks the session itself
 * (Next.js checks the Origin of server actions), validates its input with zod, acts only on the
 * signed-in user's own data, and answers by redirecting to a page that shows a stable notice code.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { signOut } from "@/lib/auth";
import { requireUser } from "@/lib/auth/session";
import { getWikimediaProfile } from "@/lib/auth/wikimedia-profiles";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { getVault } from "@/lib/grants";
import { log } from "@/lib/log";
import { getWikimedia } from "@/lib/wiring";
import { checkConnection } from "./connection";
import { deleteAccount, signOutEverywhere } from "./manage";
import type { DashboardNotice } from "./notices";

function backToDashboard(notice: DashboardNotice): never {
  redirect(`/dashboard?notice=${notice}`);
}

export async function checkConnectionAction(): Promise<void> {
  const user = await requireUser();
  const wikimedia = getWikimedia();
  const result = await checkConnection(
    { db: getDb(), log, http: wikimedia.http, oauthUrl: getConfig().wikimedia.oauthUrl, asUser: wikimedia.asUser },
    user.id,
  );
  recordAudit(getDb(), log, { userId: user.id, action: "check_connection", result: result.status === "connected" ? "ok" : result.status });
  const notice: Record<typeof result.status, DashboardNotice> = {
    connected: "connection-ok",
    reconnect_needed: "connection-ended",
    wikimedia_unavailable: "wikimedia-unavailable",
    refused: "connection-refused",
  };
  backToDashboard(notice[result.status]);
}

export async function disconnectAction(): Promise<void> {
  const user = await requireUser();
  getVault().disconnect(user.id);
  recordAudit(getDb(), log, { userId: user.id, action: "disconnect", result: "ok" });
  log.info("account.disconnected", { userId: user.id });
  backToDashboard("disconnected");
}

export async function signOutEverywhereAction(): Promise<void> {
  const user = await requireUser();
  const ended = signOutEverywhere(getDb(), user.id);
  log.info("account.signed_out_everywhere", { userId: user.id, sessions: ended });
  redirect("/?notice=signed-out-everywhere");
}

const deleteSchema = z.object({ confirmation: z.string().trim().max(300) });

export async function deleteAccountAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const parsed = deleteSchema.safeParse({ confirmation: formData.get("confirmation") ?? "" });
  const username = getWikimediaProfile(getDb(), user.id)?.username ?? user.name;
  if (!parsed.success || parsed.data.confirmation !== username) backToDashboard("delete-not-confirmed");
  deleteAccount(getDb(), user.id);
  log.info("account.deleted", { userId: user.id });
  // The session row went with the user; signing out also clears the now useless cookie.
  await signOut({ redirectTo: "/?notice=account-deleted" });
}
