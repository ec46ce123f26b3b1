/**
 * Logged-in sessions for the compared edits: action=login with a bot password (login token, then the
 * login itself, cookies carried by a jar), exactly as a bot does it on Wikimedia. Also a second editor,
 * used only to make the intervening edit of an edit conflict (MediaWiki ignores conflicts with your own
 * edits), which each wiki gets its own way: that edit is setup, not a compared request.
 */
import { expect, inject } from "vitest";
import { DEMO_USERS } from "../sandbox/seed";
import { CookieJar, type Exchange } from "./http-client";
import { api, type Target, type Targets } from "./targets";

export interface Session {
  jar: CookieJar;
  /** The two requests of the login, for comparing them across wikis. */
  loginToken: Exchange;
  login: Exchange;
}

function field(exchange: Exchange, ...path: string[]): string {
  let value: unknown = exchange.json;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  if (typeof value !== "string") throw new Error(`${exchange.request}: no ${path.join(".")} in ${exchange.status} ${exchange.text.slice(0, 300)}`);
  return value;
}

export async function botLogin(target: Target, credentials = target.bot): Promise<Session> {
  const jar = new CookieJar();
  const loginToken = await api(target, { query: { action: "query", meta: "tokens", type: "login", formatversion: 2 }, jar });
  const lgtoken = field(loginToken, "query", "tokens", "logintoken");
  const login = await api(target, {
    method: "POST",
    query: { action: "login", formatversion: 2 },
    body: { lgname: credentials.lgname, lgpassword: credentials.lgpassword, lgtoken },
    jar,
  });
  expect(field(login, "login", "result"), `${target.name}: bot-password login ${login.text.slice(0, 300)}`).toBe("Success");
  return { jar, loginToken, login };
}

export async function token(target: Target, jar: CookieJar, type: "csrf" | "watch" | "login" = "csrf"): Promise<string> {
  const answer = await api(target, { query: { action: "query", meta: "tokens", type, formatversion: 2 }, jar });
  return field(answer, "query", "tokens", `${type}token`);
}

/** Credentials of the other editor; a MediaWiki bot password or a sandbox OAuth access token. */
export type OtherEditor =
  | { kind: "session"; jar: CookieJar }
  | { kind: "bearer"; accessToken: string };

/**
 * Edits `title` as a different user than the bot. MediaWiki: the second bot password from the harness.
 * Sandbox: an access token for its admin demo user from the control API (its seed has one bot password).
 */
export async function otherEditorEdit(target: Target, other: OtherEditor, title: string, text: string): Promise<void> {
  const headers: Record<string, string> = other.kind === "bearer" ? { authorization: `Bearer ${other.accessToken}` } : {};
  const jar = other.kind === "session" ? other.jar : undefined;
  const tokenAnswer = await api(target, { query: { action: "query", meta: "tokens", formatversion: 2 }, jar, headers });
  const csrf = field(tokenAnswer, "query", "tokens", "csrftoken");
  const edit = await api(target, {
    method: "POST",
    query: { action: "edit", formatversion: 2 },
    body: { title, text, summary: "intervening edit", token: csrf },
    jar,
    headers,
  });
  expect(field(edit, "edit", "result"), `${target.name}: intervening edit ${edit.text.slice(0, 300)}`).toBe("Success");
}

/** Signs in the other editor on `target`. */
export async function otherEditor(targets: Targets, target: Target): Promise<OtherEditor> {
  if (target.name === "mediawiki") {
    return { kind: "session", jar: (await botLogin(target, inject("mediawiki").otherBot)).jar };
  }
  const answer = (await targets.sandboxControl("POST", "/tokens", {
    user: DEMO_USERS.admin.name,
    grants: ["basic", "editpage", "createeditmovepage"],
  })) as { access_token?: unknown };
  if (typeof answer.access_token !== "string") throw new Error("sandbox control /tokens gave no access_token");
  return { kind: "bearer", accessToken: answer.access_token };
}
