/**
 * "Check connection": proves that Wikiport can still act for the user, by asking Wikimedia who the
 * user's token belongs to, and refreshes the stored profile with the answer. A revoked grant surfaces
 * here as `reconnect_needed` (the vault has then wiped the tokens).
 */
import type { Db } from "@/db";
import { saveWikimediaProfile } from "@/lib/auth/wikimedia-profiles";
import { ReconnectNeededError, WikimediaUnavailableError, type Vault } from "@/lib/grants/vault";
import type { Logger } from "@/lib/log";
import { wikimediaProfileSchema, type WikimediaProfile } from "@/lib/wikimedia/profile";
import { withUserToken } from "@/lib/wikimedia/user-token";

export type ConnectionCheck =
  | { status: "connected"; profile: WikimediaProfile }
  | { status: "reconnect_needed" }
  | { status: "wikimedia_unavailable" }
  /** Wikimedia refused the request for another reason than the token (e.g. a block that disables login). */
  | { status: "refused"; httpStatus: number };

export interface ConnectionDeps {
  db: Db;
  vault: Vault;
  log: Logger;
  oauthUrl: string;
  userAgent: string;
}

async function fetchProfile(deps: ConnectionDeps, userId: string): Promise<Response | ConnectionCheck> {
  try {
    return await withUserToken(deps.vault, userId, (token) =>
      fetch(`${deps.oauthUrl}/resource/profile`, {
        headers: { authorization: `Bearer ${token}`, "user-agent": deps.userAgent, accept: "application/json" },
        signal: AbortSignal.timeout(10_000),
      }),
    );
  } catch (error) {
    if (error instanceof ReconnectNeededError) return { status: "reconnect_needed" };
    if (error instanceof WikimediaUnavailableError) return { status: "wikimedia_unavailable" };
    // fetch fails with a TypeError when the connection fails, and with a TimeoutError after 10 s.
    if (error instanceof TypeError || (error instanceof Error && error.name === "TimeoutError")) {
      deps.log.warn("connection.unreachable", { userId, reason: error.name });
      return { status: "wikimedia_unavailable" };
    }
    throw error;
  }
}

export async function checkConnection(deps: ConnectionDeps, userId: string): Promise<ConnectionCheck> {
  const response = await fetchProfile(deps, userId);
  if (!(response instanceof Response)) return response;
  if (!response.ok) {
    deps.log.warn("connection.check_failed", { userId, status: response.status });
    return response.status >= 500 || response.status === 429
      ? { status: "wikimedia_unavailable" }
      : { status: "refused", httpStatus: response.status };
  }
  let body: unknown;
  try {
    // The profile endpoint may not label its JSON (wikimedia-wire.md §1.3, quirk a): parse the text.
    body = JSON.parse(await response.text());
  } catch {
    return { status: "wikimedia_unavailable" };
  }
  const parsed = wikimediaProfileSchema.safeParse(body);
  if (!parsed.success) return { status: "wikimedia_unavailable" };
  saveWikimediaProfile(deps.db, userId, parsed.data, new Date());
  return { status: "connected", profile: parsed.data };
}
