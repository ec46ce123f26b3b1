/**
 * Client authentication at the token endpoint (LEAGUE AbstractGrant::getClientCredentials and
 * validateClient; EXT ClientEntity::validate): id and secret from the body, falling back to HTTP Basic.
 */
import { timingSafeEqual } from "node:crypto";
import type { Ctx } from "../http";
import type { ClientRecord } from "../state";
import { findClient } from "./consumer";
import { OAuthProblem } from "./oauth-error";

export type GrantType = ClientRecord["grantTypes"][number];

export interface ClientCredentials {
  clientId: string | null;
  clientSecret: string | null;
}

function basicCredentials(ctx: Ctx): ClientCredentials {
  const header = ctx.req.headers.authorization ?? "";
  if (!header.startsWith("Basic ")) return { clientId: null, clientSecret: null };
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return { clientId: null, clientSecret: null };
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

/** Body values win over Basic ones: league reads `getRequestParameter('client_id', $request, $basicAuthUser)`. */
export function clientCredentials(ctx: Ctx, form: URLSearchParams): ClientCredentials {
  const basic = basicCredentials(ctx);
  return {
    clientId: form.get("client_id") ?? basic.clientId,
    clientSecret: form.get("client_secret") ?? basic.clientSecret,
  };
}

/** getClientEntityOrFail: a missing id is invalid_request; an unknown or disabled client invalid_client. */
export function requireClient(ctx: Ctx, credentials: ClientCredentials): ClientRecord {
  if (credentials.clientId === null || credentials.clientId === "") throw OAuthProblem.invalidRequest("client_id");
  const client = findClient(ctx.store, credentials.clientId);
  if (!client || client.stage === "disabled") throw OAuthProblem.invalidClient();
  return client;
}

function sameSecret(stored: string, sent: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Confidential clients only: the secret must match and the grant type must be one the client registered. */
export function validateConfidentialClient(client: ClientRecord, credentials: ClientCredentials, grantType: GrantType): void {
  if (credentials.clientSecret === null || credentials.clientSecret === "") throw OAuthProblem.invalidRequest("client_secret");
  if (!sameSecret(client.secret, credentials.clientSecret)) throw OAuthProblem.invalidClient();
  if (!client.grantTypes.includes(grantType)) throw OAuthProblem.invalidClient();
}
