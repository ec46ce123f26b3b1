/**
 * Who a request to the sandbox acts for, as a demo user's name, for faults aimed at one user
 * (`/__sandbox/faults` with `user`). Read from what the wiki itself would know: the bearer token's
 * subject (decoded without verifying, so an expired token still names its user), or at the token
 * endpoint the refresh token or authorization code being redeemed. Null when nothing names a user.
 */
import { decodeJwt } from "jose";
import type { Ctx } from "./http";
import { looksOpaque, opaqueId } from "./oauth/opaque";

function userName(ctx: Ctx, id: number | undefined): string | null {
  if (id === undefined) return null;
  return ctx.store.state.users.find((user) => user.id === id)?.name ?? null;
}

function fromBearer(ctx: Ctx, header: string): string | null {
  try {
    const claims = decodeJwt(header.slice("Bearer".length).trim());
    const record = ctx.store.state.accessTokens.find((token) => token.jti === claims.jti);
    return userName(ctx, record && record.userId !== 0 ? record.userId : undefined);
  } catch {
    return null;
  }
}

async function fromTokenRequest(ctx: Ctx): Promise<string | null> {
  const form = await ctx.form();
  const state = ctx.store.state;
  for (const [field, records] of [["refresh_token", state.refreshTokens], ["code", state.authCodes]] as const) {
    const value = form.get(field);
    if (!value || !looksOpaque(value)) continue;
    const id = opaqueId(value);
    return userName(ctx, records.find((record) => record.id === id)?.userId);
  }
  return null;
}

export async function callerName(ctx: Ctx, endpoint: string): Promise<string | null> {
  const header = ctx.req.headers.authorization;
  if (header?.startsWith("Bearer")) return fromBearer(ctx, header);
  if (endpoint === "oauth2/access_token") return fromTokenRequest(ctx);
  return null;
}

/**
 * Which credential a request spends, for the request log: the wiki's "at most 3 concurrent requests"
 * counts per credential (docs/wikimedia-protocol.md §7), and a user's tokens before and after a refresh are
 * one credential. Null when the request carries no access token the sandbox issued.
 */
export function credentialOf(ctx: Ctx): string | null {
  const header = ctx.req.headers.authorization;
  if (!header?.startsWith("Bearer")) return null;
  try {
    const { jti } = decodeJwt(header.slice("Bearer".length).trim());
    const record = ctx.store.state.accessTokens.find((token) => token.jti === jti);
    if (!record) return null;
    if (record.userId === 0) return `app:${record.clientKey}`;
    const name = userName(ctx, record.userId);
    return name === null ? null : `${record.grantType === "owner_only" ? "personal" : "user"}:${name}`;
  } catch {
    return null;
  }
}
