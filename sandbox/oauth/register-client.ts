/**
 * Proposing OAuth 2.0 consumers and resetting their secrets, shared by "My clients"
 * (Special:OAuthConsumerRegistration) and `POST /oauth2/client` (docs/wikimedia-protocol.md §1.4, §3, §8).
 */
import { z } from "zod";
import type { ClientRecord, UserRecord } from "../state";
import type { SandboxStore } from "../store";
import { issueAccessToken, randomHex } from "../tokens";
import { CENTRAL_WIKI } from "../wikis";
import { AUTH_ONLY_GRANTS, SELECTABLE_GRANTS } from "./grants";

export const proposalSchema = z.object({
  name: z.string().trim().min(1, "The application name is required.").max(128),
  version: z.string().trim().regex(/^\d+(\.\d+){0,3}$/, "The version must look like 1.0.").max(32).default("1.0"),
  description: z.string().trim().max(2000).default(""),
  ownerOnly: z.boolean().default(false),
  callbackUrl: z.string().trim().max(2000, "The callback URL is too long.").default(""),
  confidential: z.boolean().default(true),
  grantTypes: z.array(z.enum(["authorization_code", "refresh_token", "client_credentials"])).default(["authorization_code", "refresh_token"]),
  grantKind: z.enum(["authonly", "authonlyprivate", "normal"]).default("normal"),
  grants: z.array(z.enum(SELECTABLE_GRANTS)).default([]),
});

export type Proposal = z.infer<typeof proposalSchema>;

export interface Registered {
  client: ClientRecord;
  /** Owner-only consumers: the long-lived personal access token, shown once. */
  accessToken: string | null;
}

const LOCAL_HTTP_HOST = /^(localhost|127\.0\.0\.1|\[::1\]|.+\.localhost|.+\.local\.wmftest\.(com|net|org))$/;

/** EXT ConsumerValidator::validateCallbackUrl (the fatal rules). */
function callbackProblem(url: string, confidential: boolean): string | null {
  if (url === "") return "The OAuth \"callback\" URL is required.";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "The callback URL is not a valid URL.";
  }
  if (parsed.protocol === "http:") {
    return LOCAL_HTTP_HOST.test(parsed.hostname) ? null : "The callback URL must use https (http is allowed for local addresses only).";
  }
  if (parsed.protocol === "https:") return null;
  return confidential ? "Custom URL schemes are only allowed for non-confidential clients." : null;
}

function personalToken(store: SandboxStore, client: ClientRecord, approvalId: number): Promise<{ jwt: string }> {
  // P1000Y, stored as infinity (EXT ClientEntity::getOwnerOnlyAccessToken).
  return issueAccessToken(store, { client, userId: client.ownerId, approvalId, scopes: client.grants, grantType: "owner_only", ttlSeconds: null });
}

export async function registerClient(
  store: SandboxStore,
  owner: UserRecord,
  proposal: Proposal,
): Promise<{ ok: true; value: Registered } | { ok: false; message: string }> {
  const state = store.state;
  if (state.clients.some((c) => c.ownerId === owner.id && c.name === proposal.name && c.version === proposal.version)) {
    return { ok: false, message: "You already have a consumer with this name and version. Bump the version to propose another." };
  }
  const callbackUrl = proposal.ownerOnly
    ? `${store.config.publicUrl}/${CENTRAL_WIKI}/wiki/Special:OAuth/verified`
    : proposal.callbackUrl;
  if (!proposal.ownerOnly) {
    const problem = callbackProblem(callbackUrl, proposal.confidential);
    if (problem) return { ok: false, message: problem };
    if (proposal.grantTypes.length === 0) return { ok: false, message: "Choose at least one allowed OAuth 2 grant type." };
    if (!proposal.confidential && proposal.grantTypes.includes("client_credentials")) {
      return { ok: false, message: "Only confidential clients can use the client credentials grant." };
    }
  }
  const grants = proposal.grantKind === "normal" ? ["basic", ...new Set(proposal.grants)]
    : [proposal.grantKind === "authonly" ? AUTH_ONLY_GRANTS[0] : AUTH_ONLY_GRANTS[1]];
  // wgOAuthAutoApprove on Wikimedia: identity-only (plus basic) consumers with an http(s) callback.
  const autoApproved = grants.every((g) => g === "basic" || (AUTH_ONLY_GRANTS as readonly string[]).includes(g)) &&
    /^https?:/.test(callbackUrl);
  const client: ClientRecord = {
    key: randomHex(16), secret: proposal.ownerOnly || proposal.confidential ? randomHex(20) : "",
    name: proposal.name, version: proposal.version, description: proposal.description, ownerId: owner.id, callbackUrl,
    confidential: proposal.ownerOnly || proposal.confidential, ownerOnly: proposal.ownerOnly,
    grantTypes: proposal.ownerOnly ? ["client_credentials"] : proposal.grantTypes, grants,
    stage: proposal.ownerOnly || autoApproved ? "approved" : "proposed", wiki: "*", created: store.now(),
  };
  state.clients.push(client);
  let accessToken: string | null = null;
  if (client.ownerOnly) {
    const approval = { id: state.nextId.approval++, clientKey: client.key, userId: owner.id, grants, accepted: store.now() };
    state.approvals.push(approval);
    accessToken = (await personalToken(store, client, approval.id)).jwt;
  }
  store.changed();
  return { ok: true, value: { client, accessToken } };
}

/** A new secret; owner-only access tokens of the client die (EXT revokeExisting deletes the rows). */
export async function resetSecret(store: SandboxStore, client: ClientRecord): Promise<Registered> {
  client.secret = randomHex(20);
  store.state.accessTokens = store.state.accessTokens.filter((t) => !(t.clientKey === client.key && t.grantType === "owner_only"));
  let accessToken: string | null = null;
  if (client.ownerOnly) {
    const approval = store.state.approvals.find((a) => a.clientKey === client.key && a.userId === client.ownerId);
    accessToken = (await personalToken(store, client, approval?.id ?? 0)).jwt;
  }
  store.changed();
  return { client, accessToken };
}
