"use server";
/**
 * The personal API token page's actions, through the action boundary (lib/server-actions), acting only
 * on the signed-in user's own row. The pasted token travels back once, to the form that pasted it, for
 * the snippets; it is never logged, put in a URL or stored in the clear.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { getWikimediaProfile } from "@/lib/auth/wikimedia-profiles";
import { getTranslator } from "@/lib/i18n/request";
import { log } from "@/lib/log";
import { personalTokenDeps } from "@/lib/personal-tokens";
import { pastedTokenSchema } from "@/lib/personal-tokens/claims";
import { deletePersonalToken, savePersonalToken } from "@/lib/personal-tokens/store";
import { testPersonalToken } from "@/lib/personal-tokens/test-call";
import { verifyPersonalToken } from "@/lib/personal-tokens/verify";
import { boundaryNotice, failure, formAction, stateAction, wikiSite, type ActionResult } from "@/lib/server-actions";
import { formFailureText, pasteMistakeKey } from "@/lib/ui/dashboard-forms";

const PAGE = "/dashboard/personal-token";

export type SavePersonalTokenState = ActionResult<{
  /** The token as saved, for this one response's snippets only. */
  token: string;
  /** When it was saved (ISO): the page shows the snippets with it only while this is the stored token. */
  savedAt: string;
  username: string;
  warnings: { code: string; message: string }[];
}> | null;

const saveForm = stateAction(
  {
    name: "save_personal_token",
    schema: z.object({ token: pastedTokenSchema }),
    // The token schema's own sentence says what is wrong with the paste (a client id, a secret…).
    invalidMessage: (error) => error.issues[0]?.message ?? "Paste your personal API token.",
    failed: (refusal): SavePersonalTokenState => refusal,
  },
  async ({ user, input }): Promise<SavePersonalTokenState> => {
    const deps = personalTokenDeps();
    const profile = await getWikimediaProfile(deps.db, user.id);
    const result = await verifyPersonalToken(deps, {
      userId: user.id,
      pasted: input.token,
      viewer: { wikimediaUserId: profile?.wikimediaUserId ?? null, username: profile?.username ?? user.name },
    });
    if (!result.ok) {
      // Only outcomes that reached Wikimedia are activity; a malformed paste is a typo.
      if (result.code !== "malformed") await recordAudit(deps.db, log, { userId: user.id, action: "save_personal_token", result: result.code });
      return failure(result);
    }
    const now = new Date();
    await savePersonalToken(deps, user.id, result.verified, now);
    await recordAudit(deps.db, log, { userId: user.id, action: "save_personal_token", result: "ok" }, now);
    log.info("personal_token.saved", { userId: user.id, warnings: result.warnings.map((warning) => warning.code) });
    revalidatePath(PAGE);
    return {
      ok: true,
      token: result.verified.token,
      savedAt: now.toISOString(),
      username: result.verified.username,
      warnings: result.warnings.map(({ code, message }) => ({ code, message })),
    };
  },
);

export type TestPersonalTokenState = ActionResult<{ wiki: string; username: string; at: string }> | null;

const testForm = stateAction(
  {
    name: "test_personal_token",
    schema: z.object({ wiki: wikiSite }),
    invalidMessage: "Choose one of Wikimedia's wikis to test the token on.",
    failed: (refusal): TestPersonalTokenState => refusal,
  },
  async ({ user, input }): Promise<TestPersonalTokenState> => {
    const result = await testPersonalToken(personalTokenDeps(), user.id, input.wiki);
    revalidatePath(PAGE);
    if (!result.ok) return failure(result);
    return { ok: true, wiki: result.wiki, username: result.username, at: result.at.toISOString() };
  },
);

/** The paste form's answer, a refusal in the interface language. */
export async function savePersonalTokenAction(previous: SavePersonalTokenState, formData: FormData): Promise<SavePersonalTokenState> {
  const state = await saveForm(previous, formData);
  if (!state || state.ok) return state;
  return { ...state, message: formFailureText(await getTranslator(), state, pasteMistakeKey) };
}

/** "Test it"'s answer, a refusal in the interface language. */
export async function testPersonalTokenAction(previous: TestPersonalTokenState, formData: FormData): Promise<TestPersonalTokenState> {
  const state = await testForm(previous, formData);
  if (!state || state.ok) return state;
  return { ...state, message: formFailureText(await getTranslator(), state, "wikiport-token-test-invalid") };
}

export const deletePersonalTokenAction = formAction(
  {
    name: "delete_personal_token",
    schema: z.object({}),
    failed: (refusal) => (refusal.code === "signed_out" ? redirect("/") : redirect(`${PAGE}?notice=${boundaryNotice(refusal) ?? "action-failed"}`)),
  },
  async ({ user }) => {
    const deps = personalTokenDeps();
    const deleted = await deletePersonalToken(deps.db, user.id);
    if (deleted) await recordAudit(deps.db, log, { userId: user.id, action: "delete_personal_token", result: "ok" });
    redirect(`${PAGE}?notice=${deleted ? "deleted" : "nothing-to-delete"}`);
  },
);
