/**
 * "Check connection": proves that Wikiport can still act for the user, by asking Wikimedia who the
 * user's token belongs to, and refreshes the stored profile with the answer. A revoked grant surfaces
 * here as `reconnect_needed` (the vault has then wiped the tokens). The call goes through the request
 * layer like every other: its User-Agent, timeouts, allow-list and refresh-once-on-rejection.
 */
import type { Db } from "@/db";
import { saveWikimediaProfile } from "@/lib/auth/wikimedia-profiles";
import type { Logger } from "@/lib/log";
import { WikimediaError } from "@/lib/wikimedia/errors";
import type { Credential, WikiResponse, WikimediaHttp } from "@/lib/wikimedia/http";
import { wikimediaProfileSchema, type WikimediaProfile } from "@/lib/wikimedia/profile";

export type ConnectionCheck =
  | { status: "connected"; profile: WikimediaProfile }
  | { status: "reconnect_needed" }
  | { status: "wikimedia_unavailable" }
  /** Wikimedia refused the request for another reason than the token (e.g. a block that disables login). */
  | { status: "refused"; httpStatus: number };

export interface ConnectionDeps {
  db: Db;
  log: Logger;
  http: WikimediaHttp;
  /** Base of the OAuth 2.0 REST endpoints, where `/resource/profile` lives. */
  oauthUrl: string;
  /** The user as a request-layer credential: their token from the vault. */
  asUser(userId: string): Credential;
}

async function fetchProfile(deps: ConnectionDeps, userId: string): Promise<WikiResponse | ConnectionCheck> {
  try {
    // The profile endpoint may not label its JSON (docs/wikimedia-protocol.md §1.3, quirk a): `json-body`.
    return await deps.http.send(deps.asUser(userId), { url: `${deps.oauthUrl}/resource/profile`, expect: "json-body" });
  } catch (error) {
    // A refused URL is a configuration bug, not Wikimedia's state: let it surface.
    if (!(error instanceof WikimediaError) || error.code === "forbidden_host") throw error;
    if (error.code === "reconnect_needed") return { status: "reconnect_needed" };
    deps.log.warn("connection.unreachable", { userId, reason: error.code, status: error.status });
    return { status: "wikimedia_unavailable" };
  }
}

export async function checkConnection(deps: ConnectionDeps, userId: string): Promise<ConnectionCheck> {
  const answer = await fetchProfile(deps, userId);
  if (!("body" in answer)) return answer;
  if (answer.status < 200 || answer.status >= 300) {
    // 5xx and 429 were thrown by the request layer; what is left is Wikimedia refusing this user.
    deps.log.warn("connection.check_failed", { userId, status: answer.status });
    return { status: "refused", httpStatus: answer.status };
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return { status: "wikimedia_unavailable" };
  }
  const parsed = wikimediaProfileSchema.safeParse(body);
  if (!parsed.success) return { status: "wikimedia_unavailable" };
  await saveWikimediaProfile(deps.db, userId, parsed.data, new Date());
  return { status: "connected", profile: parsed.data };
}
