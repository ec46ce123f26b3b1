/**
 * action=login with bot passwords and action=logout (CORE ApiLogin, ApiLogout). A bot-password session is
 * limited to the grants chosen on Special:BotPasswords, exactly as an OAuth token is.
 */
import { randomBytes } from "node:crypto";
import { SESSION_COOKIE } from "../auth";
import type { BrowserSessionRecord, UserRecord } from "../state";
import { ApiError } from "./api-error";
import type { Api } from "./context";
import { warn } from "./context";
import { lacksSameOriginSecurity } from "./query-meta";
import { makeToken, tokenMatches } from "./tokens";

/**
 * MediaWiki 1.39 gives the same reason for a wrong password, an unknown user and an unknown, deleted or
 * reset bot password (seen by contract/client-modules.test.ts; docs/wikimedia-protocol.md §5.9).
 */
const FAILED_REASON = "Incorrect username or password entered. Please try again.";

function normalizeUserName(name: string): string {
  const spaced = name.replaceAll("_", " ").trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function startSession(api: Api, user: UserRecord, bot: { grants: string[]; appId: string } | undefined): void {
  const session: BrowserSessionRecord = {
    id: randomBytes(16).toString("hex"),
    userId: user.id,
    created: api.store.now(),
    ...(bot ? { grants: [...bot.grants], botAppId: bot.appId } : {}),
  };
  api.store.state.browserSessions.push(session);
  api.store.changed();
  api.headers["set-cookie"] = [`${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Lax`];
}

export function actionLogin(api: Api): Record<string, unknown> {
  const name = api.params.get("lgname");
  const password = api.params.get("lgpassword");
  const token = api.params.get("lgtoken");
  api.params.markUsed("lgdomain");
  if (lacksSameOriginSecurity(api)) {
    return { login: { result: "Aborted", reason: "Cannot log in when the same-origin policy is not applied." } };
  }
  if (api.viewer.kind === "user" && api.viewer.via === "oauth") {
    return { login: { result: "Aborted", reason: "Cannot log in when using MediaWiki\\Extension\\OAuth\\SessionProvider sessions." } };
  }
  if (api.viewer.kind === "user" && api.viewer.via === "session" && api.viewer.grants !== null) {
    return { login: { result: "Aborted", reason: "Cannot log in when using MediaWiki\\Session\\BotPasswordSessionProvider sessions." } };
  }
  if (token === undefined) {
    warn(api, "login", "deprecation", 'Fetching a token via "action=login" is deprecated. Use "action=query&meta=tokens&type=login" instead.');
    return { login: { result: "NeedToken", token: makeToken(api, "login") } };
  }
  if (!tokenMatches(api, "login", token)) return { login: { result: "WrongToken" } };
  if (name === undefined || password === undefined) return { login: { result: "Failed", reason: FAILED_REASON } };

  const at = name.lastIndexOf("@");
  const userName = normalizeUserName(at > 0 ? name.slice(0, at) : name);
  const user = api.store.state.users.find((u) => u.name === userName);
  if (!user) return { login: { result: "Failed", reason: FAILED_REASON } };
  if (at > 0) {
    const appId = name.slice(at + 1);
    const botPassword = api.store.state.botPasswords.find((b) => b.userId === user.id && b.appId === appId);
    if (!botPassword || botPassword.password !== password) return { login: { result: "Failed", reason: FAILED_REASON } };
    startSession(api, user, { grants: botPassword.grants, appId });
  } else {
    if (user.password !== password) return { login: { result: "Failed", reason: FAILED_REASON } };
    warn(
      api,
      "login",
      "login-mainaccount",
      'Main-account login via "action=login" is deprecated and may stop working without warning. To continue login with "action=login", see Special:BotPasswords. To safely continue using main-account login, see "action=clientlogin".',
    );
    startSession(api, user, undefined);
  }
  return { login: { result: "Success", lguserid: user.id, lgusername: user.name } };
}

export function actionLogout(api: Api): Record<string, unknown> {
  if (api.viewer.kind === "user" && api.viewer.via === "oauth") {
    throw new ApiError("cannotlogout", "Logging out is not possible when using OAuth.");
  }
  const sessionId = api.ctx.cookies[SESSION_COOKIE];
  if (sessionId) {
    api.store.state.browserSessions = api.store.state.browserSessions.filter((session) => session.id !== sessionId);
    api.store.changed();
  }
  api.headers["set-cookie"] = [`${SESSION_COOKIE}=deleted; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax`];
  return {};
}
