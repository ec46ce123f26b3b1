"use server";
/**
 * Creating and revoking tokens for Wikiport's JSON API, from the dashboard. Public POST endpoints: each
 * checks the session itself and validates its input; a token's plaintext is returned once, to the
 * creating form only, and is never stored, logged or put in a URL.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens";
import { recordAudit } from "@/lib/audit";
import { getCurrentUser, requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";

export type CreateTokenState =
  | { status: "idle" }
  | { status: "created"; token: string; name: string }
  | { status: "error"; code: string; message: string };

const expirySchema = z.enum(["30", "90", "365", "never"]).transform((value) => (value === "never" ? null : (Number(value) as 30 | 90 | 365)));

export async function createApiTokenAction(_previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const user = await getCurrentUser();
  if (!user) return { status: "error", code: "signed_out", message: "Your Wikiport session has ended. Sign in again to continue." };
  const expiry = expirySchema.safeParse(formData.get("expiry"));
  if (!expiry.success) return { status: "error", code: "invalid_expiry", message: "Choose an expiry of 30, 90 or 365 days, or no expiry." };
  const result = createApiToken(getDb(), {
    userId: user.id,
    name: String(formData.get("name") ?? ""),
    scopes: formData.getAll("scopes").map(String) as ("read" | "edit" | "watch")[],
    expiresInDays: expiry.data,
  });
  if (!result.ok) return { status: "error", code: result.code, message: result.message };
  recordAudit(getDb(), log, { userId: user.id, action: "create_api_token", title: result.record.name, result: "ok" });
  return { status: "created", token: result.token, name: result.record.name };
}

const revokeSchema = z.object({ tokenId: z.string().min(1).max(64) });

export async function revokeApiTokenAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const parsed = revokeSchema.safeParse({ tokenId: formData.get("tokenId") });
  // Another user's token id answers exactly like a missing one: nothing is revealed or changed.
  const revoked = parsed.success && revokeApiToken(getDb(), user.id, parsed.data.tokenId);
  if (revoked) recordAudit(getDb(), log, { userId: user.id, action: "revoke_api_token", result: "ok" });
  redirect(`/dashboard?notice=${revoked ? "token-revoked" : "token-not-found"}`);
}
