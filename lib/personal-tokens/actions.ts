"use server";
/**
 * The personal API token page's actions. Each is a public POST endpoint: it checks the session itself
 * (Next.js checks the Origin of server actions), validates its input with zod and acts only on the
 * signed-in user's own row. The pasted token travels back once, to the form that pasted it, for the
 * snippets; it is never logged, put in a URL or stored in the clear.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { requireUser } from "@/lib/auth/session";
import { getWikimediaProfile } from "@/lib/auth/wikimedia-profiles";
import { log } from "@/lib/log";
import { siteSchema, parseSite } from "@/lib/wikimedia/sites";
import { pastedTokenSchema } from "./claims";
import { personalTokenDeps } from "./index";
import { deletePersonalToken, savePersonalToken } from "./store";
import { testPersonalToken, type TestCallErrorCode } from "./test-call";
import { verifyPersonalToken, type VerifyErrorCode } from "./verify";

const PAGE = "/dashboard/personal-token";

export type SavePersonalTokenState =
  | { status: "idle" }
  | {
      status: "saved";
      /** The token as saved, for this one response's snippets only. */
      token: string;
      /** When it was saved (ISO): the page shows the snippets with it only while this is the stored token. */
      savedAt: string;
      username: string;
      warnings: { code: string; message: string }[];
    }
  | { status: "error"; code: VerifyErrorCode; message: string };

const saveSchema = z.object({ token: pastedTokenSchema });

export async function savePersonalTokenAction(_previous: SavePersonalTokenState, formData: FormData): Promise<SavePersonalTokenState> {
  const user = await requireUser();
  const parsed = saveSchema.safeParse({ token: formData.get("token") ?? "" });
  if (!parsed.success) return { status: "error", code: "malformed", message: parsed.error.issues[0]?.message ?? "Paste your personal API token." };
  const deps = personalTokenDeps();
  const profile = getWikimediaProfile(deps.db, user.id);
  const result = await verifyPersonalToken(deps, {
    userId: user.id,
    pasted: parsed.data.token,
    viewer: { wikimediaUserId: profile?.wikimediaUserId ?? null, username: profile?.username ?? user.name },
  });
  if (!result.ok) {
    // Only outcomes that reached Wikimedia are activity; a malformed paste is a typo.
    if (result.code !== "malformed") recordAudit(deps.db, log, { userId: user.id, action: "save_personal_token", result: result.code });
    return { status: "error", code: result.code, message: result.message };
  }
  const now = new Date();
  savePersonalToken(deps, user.id, result.verified, now);
  recordAudit(deps.db, log, { userId: user.id, action: "save_personal_token", result: "ok" }, now);
  log.info("personal_token.saved", { userId: user.id, warnings: result.warnings.map((warning) => warning.code) });
  revalidatePath(PAGE);
  return {
    status: "saved",
    token: result.verified.token,
    savedAt: now.toISOString(),
    username: result.verified.username,
    warnings: result.warnings.map(({ code, message }) => ({ code, message })),
  };
}

export type TestPersonalTokenState =
  | { status: "idle" }
  | { status: "ok"; wiki: string; username: string; at: string }
  | { status: "error"; code: TestCallErrorCode | "invalid_site"; message: string };

const testSchema = z.object({ wiki: siteSchema });

export async function testPersonalTokenAction(_previous: TestPersonalTokenState, formData: FormData): Promise<TestPersonalTokenState> {
  const user = await requireUser();
  const parsed = testSchema.safeParse({ wiki: formData.get("wiki") ?? "" });
  const site = parsed.success ? parseSite(parsed.data.wiki) : null;
  if (!site?.ok) return { status: "error", code: "invalid_site", message: "Choose one of Wikimedia's wikis to test the token on." };
  const result = await testPersonalToken(personalTokenDeps(), user.id, site.site);
  revalidatePath(PAGE);
  if (!result.ok) return { status: "error", code: result.code, message: result.message };
  return { status: "ok", wiki: result.wiki, username: result.username, at: result.at.toISOString() };
}

export async function deletePersonalTokenAction(): Promise<void> {
  const user = await requireUser();
  const deps = personalTokenDeps();
  const deleted = deletePersonalToken(deps.db, user.id);
  if (deleted) recordAudit(deps.db, log, { userId: user.id, action: "delete_personal_token", result: "ok" });
  redirect(`${PAGE}?notice=${deleted ? "deleted" : "nothing-to-delete"}`);
}
