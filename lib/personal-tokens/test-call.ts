/**
 * "Test it": one real call with the stored token, `action=query&meta=userinfo` on the chosen wiki
 * (docs/wikimedia-protocol.md §5), which says whom the wiki sees. A success updates "last used".
 */
import { z } from "zod";
import { describeWikimediaError, WikimediaError } from "@/lib/wikimedia/errors";
import type { Site } from "@/lib/wikimedia/sites";
import type { Failure } from "@/lib/i18n/errors";
import { personalTokenCredential } from "./credential";
import type { PersonalTokenDeps } from "./deps";
import { markPersonalTokenUsed, openPersonalToken } from "./store";

const userinfoSchema = z.object({
  query: z.object({
    userinfo: z.object({ id: z.number().int(), name: z.string(), anon: z.boolean().optional() }),
  }),
});

export type TestCallErrorCode = "no_token" | "unsealable" | "rejected" | "anonymous" | "wikimedia_unavailable" | "refused";

export type TestCallResult =
  | { ok: true; wiki: string; username: string; localUserId: number; at: Date }
  // `detail` and `params` let the reader's language say it (lib/i18n/errors.ts): "rejected" is also verify.ts's code.
  | { ok: false; code: TestCallErrorCode; wiki: string; message: string; detail?: string; reason?: Failure };

const MESSAGES: Record<Exclude<TestCallErrorCode, "refused" | "wikimedia_unavailable">, string> = {
  no_token: "There is no personal API token to test. Paste one first.",
  unsealable: "Wikiport cannot open the stored token (it was sealed with a key that is no longer configured, or altered). Delete it and paste it again.",
  rejected: "Wikimedia no longer accepts this token: it was revoked on Meta, or its client's secret was reset. Delete it here and create a new one.",
  anonymous: "The wiki answered as if no token had been sent, so the token was not used. Try again; if it keeps happening, create a new token.",
};

export async function testPersonalToken(deps: PersonalTokenDeps, userId: string, site: Site): Promise<TestCallResult> {
  const opened = await openPersonalToken(deps, userId);
  if (!opened.ok) return { ok: false, code: opened.code, wiki: site.host, message: MESSAGES[opened.code], detail: "personal-token" };
  let answer: z.infer<typeof userinfoSchema>;
  try {
    answer = await deps.action.get(personalTokenCredential(opened.token, userId), site, { action: "query", meta: "userinfo" }, userinfoSchema);
  } catch (error) {
    if (!(error instanceof WikimediaError) || error.code === "forbidden_host") throw error;
    // api.php answers a bad token with `mwoauth-invalid-authorization` (§4), mapped to reconnect_needed.
    if (error.code === "reconnect_needed") return { ok: false, code: "rejected", wiki: site.host, message: MESSAGES.rejected, detail: "personal-token-test" };
    deps.log.warn("personal_token.test_failed", { userId, wiki: site.host, reason: error.code });
    const described = describeWikimediaError(error);
    // The request layer's own sentence, said from its facts; "refused" only tells the form it is not worth retrying.
    return {
      ok: false,
      code: error.transient ? "wikimedia_unavailable" : "refused",
      wiki: site.host,
      message: described.message,
      reason: described,
    };
  }
  const { userinfo } = answer.query;
  if (userinfo.anon || userinfo.id === 0) return { ok: false, code: "anonymous", wiki: site.host, message: MESSAGES.anonymous, detail: "personal-token" };
  const at = deps.now?.() ?? new Date();
  await markPersonalTokenUsed(deps.db, userId, at);
  return { ok: true, wiki: site.host, username: userinfo.name, localUserId: userinfo.id, at };
}
