/**
 * The sandbox's own browser login (single user login: one cookie, Path=/, for every wiki), and CSRF tokens
 * derived from it for the forms of the special pages.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { SESSION_COOKIE } from "../auth";
import type { Ctx } from "../http";
import type { BrowserSessionRecord, UserRecord } from "../state";
import { randomHex } from "../tokens";

export interface SignedIn {
  session: BrowserSessionRecord;
  user: UserRecord;
}

/** The signed-in user of a full browser session (bot-password sessions do not count). */
export function signedIn(ctx: Ctx): SignedIn | null {
  const id = ctx.cookies[SESSION_COOKIE];
  if (!id) return null;
  const session = ctx.store.state.browserSessions.find((s) => s.id === id && !s.grants);
  const user = session && ctx.store.state.users.find((u) => u.id === session.userId);
  return session && user ? { session, user } : null;
}

export function startSession(ctx: Ctx, user: UserRecord): string {
  const session: BrowserSessionRecord = { id: randomHex(32), userId: user.id, created: ctx.store.now() };
  ctx.store.state.browserSessions.push(session);
  ctx.store.changed();
  return `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Lax`;
}

export function endSession(ctx: Ctx, session: BrowserSessionRecord): string {
  ctx.store.state.browserSessions = ctx.store.state.browserSessions.filter((s) => s.id !== session.id);
  ctx.store.changed();
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

/** Like MediaWiki's edit token: bound to the session, so another site cannot forge a form post. */
export function csrfToken(session: BrowserSessionRecord): string {
  return `${createHmac("sha256", session.id).update("sandbox-csrf").digest("hex")}+\\`;
}

export function csrfValid(session: BrowserSessionRecord, sent: string | null): boolean {
  if (!sent) return false;
  const a = Buffer.from(csrfToken(session));
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A wiki page path on the sandbox, e.g. `/meta.wikimedia.org/wiki/Special:UserLogin`. */
export function wikiPath(wikiHost: string, title: string, query?: URLSearchParams | Record<string, string>): string {
  const encoded = encodeURIComponent(title.replaceAll(" ", "_")).replaceAll("%3A", ":").replaceAll("%2F", "/");
  const search = query ? new URLSearchParams(query).toString() : "";
  return `/${wikiHost}/wiki/${encoded}${search ? `?${search}` : ""}`;
}
