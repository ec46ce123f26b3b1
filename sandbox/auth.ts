/**
 * Who is making a request: an OAuth 2.0 bearer token (api.php and rest.php only), a browser or bot-password
 * session cookie, or nobody. Failure shapes are the caller's business: api.php answers HTTP 200 with
 * `mwoauth-invalid-authorization`, rest.php answers 403 (docs/wikimedia-protocol.md §4).
 */
import { ensureLocalAccount } from "./accounts";
import type { Ctx } from "./http";
import { rightsForGrants, rightsOfGroups, effectiveGroups } from "./rights";
import type { BlockRecord, UserRecord } from "./state";
import type { SandboxStore } from "./store";
import { verifyAccessToken } from "./tokens";

export const SESSION_COOKIE = "sandboxwikiSession";

export type Viewer =
  | { kind: "anonymous"; rights: Set<string>; sessionKey: null }
  | {
      kind: "user";
      user: UserRecord;
      groups: string[];
      /** What this request may do: the user's rights, narrowed by grants for OAuth and bot passwords. */
      rights: Set<string>;
      /** Grants of the token or bot password; null for a full browser session. */
      grants: string[] | null;
      via: "oauth" | "session";
      clientKey: string | null;
      /** Stable per authorization: CSRF tokens are derived from it (hashToSessionId of the approval). */
      sessionKey: string;
    };

export type AuthResult =
  | { ok: true; viewer: Viewer }
  | { ok: false; errorKey: string; message: string };

export const INVALID_TOKEN_MESSAGE = "The authorization headers in your request are not valid: Invalid access token";

const ANONYMOUS_RIGHTS = ["read", "createaccount", "writeapi"];

export function anonymousViewer(): Viewer {
  return { kind: "anonymous", rights: new Set(ANONYMOUS_RIGHTS), sessionKey: null };
}

export function activeBlock(store: SandboxStore, userId: number): BlockRecord | null {
  const now = store.now();
  return store.state.blocks.find((block) => block.userId === userId && (block.expiry === null || block.expiry > now)) ?? null;
}

export function userViewer(
  store: SandboxStore,
  user: UserRecord,
  options: { grants: string[] | null; via: "oauth" | "session"; clientKey: string | null; sessionKey: string },
): Viewer {
  const groups = effectiveGroups(user.groups);
  const userRights = rightsOfGroups(user.groups);
  const rights = options.grants === null ? userRights : rightsForGrants(userRights, options.grants);
  return { kind: "user", user, groups, rights, ...options };
}

/** Resolves the caller of an api.php or rest.php request. */
export async function authenticate(ctx: Ctx): Promise<AuthResult> {
  const store = ctx.store;
  const header = ctx.req.headers.authorization;
  // ResourceServer::isOAuth2Request is a case-sensitive prefix test: "bearer x" is simply anonymous.
  if (header?.startsWith("Bearer")) {
    const record = await verifyAccessToken(store, header.slice("Bearer".length).trim());
    if (!record) return { ok: false, errorKey: "mwoauth-invalid-authorization", message: INVALID_TOKEN_MESSAGE };
    const client = store.state.clients.find((c) => c.key === record.clientKey);
    if (!client || client.stage === "disabled") {
      return {
        ok: false,
        errorKey: "mwoauth-invalid-authorization-not-approved",
        message: "The authorization headers in your request are not valid: The consumer is not approved",
      };
    }
    if (client.wiki !== "*" && ctx.wiki && client.wiki !== ctx.wiki.host) {
      return {
        ok: false,
        errorKey: "mwoauth-invalid-authorization-wrong-wiki",
        message: `The authorization headers in your request are not valid: The consumer cannot be used on ${ctx.wiki.host}`,
      };
    }
    // client_credentials of an ordinary client: an anonymous API session (SessionProvider, approval id 0).
    if (record.userId === 0) return { ok: true, viewer: anonymousViewer() };
    const user = store.state.users.find((u) => u.id === record.userId);
    if (!user) {
      return {
        ok: false,
        errorKey: "mwoauth-invalid-authorization-invalid-user",
        message: "The authorization headers in your request are not valid: The user is not valid",
      };
    }
    // Since May 2026 an OAuth request creates a missing local account (docs/wikimedia-protocol.md §11.2).
    if (ctx.wiki) ensureLocalAccount(store, user, ctx.wiki.host);
    const sessionKey = `oauth:${record.approvalId || `${record.clientKey}:${record.userId}`}`;
    return {
      ok: true,
      viewer: userViewer(store, user, { grants: record.scopes, via: "oauth", clientKey: client.key, sessionKey }),
    };
  }

  const sessionId = ctx.cookies[SESSION_COOKIE];
  if (sessionId) {
    const session = store.state.browserSessions.find((s) => s.id === sessionId);
    const user = session && store.state.users.find((u) => u.id === session.userId);
    if (session && user) {
      return {
        ok: true,
        viewer: userViewer(store, user, {
          grants: session.grants ?? null,
          via: "session",
          clientKey: null,
          sessionKey: `session:${session.id}`,
        }),
      };
    }
  }
  return { ok: true, viewer: anonymousViewer() };
}
