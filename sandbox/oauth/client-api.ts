/**
 * `POST /oauth2/client` and `GET /oauth2/client` (EXT RequestClient, ListClients; docs/wikimedia-protocol.md §1.4):
 * self-service for an authenticated user holding `mwoauthproposeconsumer`, e.g. through a token with the
 * `oauthmanageownclient` grant.
 */
import { authenticate, type Viewer } from "../auth";
import { restError } from "../errors";
import { contentType, json, type Ctx, type SandboxResponse } from "../http";
import { proposalSchema, registerClient } from "./register-client";

type UserViewer = Extract<Viewer, { kind: "user" }>;

async function proposer(ctx: Ctx): Promise<{ ok: true; viewer: UserViewer } | { ok: false; response: SandboxResponse }> {
  const auth = await authenticate(ctx);
  if (!auth.ok) return { ok: false, response: restError(403, auth.errorKey, auth.message) };
  const viewer = auth.viewer;
  // The right comes with the oauthmanageownclient grant; a full browser session has it too.
  if (viewer.kind !== "user" || (viewer.grants !== null && !viewer.grants.includes("oauthmanageownclient"))) {
    return { ok: false, response: restError(403, "rest-permission-denied", "You do not have permission to propose OAuth consumers.") };
  }
  return { ok: true, viewer };
}

function bool(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  return value === true || value === 1 || value === "1" || value === "true";
}

function list(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (Array.isArray(value)) return value;
  return String(value).split("|").filter(Boolean);
}

async function readBody(ctx: Ctx): Promise<Record<string, unknown> | null> {
  const type = contentType(ctx.req);
  const raw = (await ctx.body()).toString("utf8");
  if (type === "application/json") {
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(raw));
  return null;
}

export async function clientRegister(ctx: Ctx): Promise<SandboxResponse> {
  const who = await proposer(ctx);
  if (!who.ok) return who.response;
  const body = await readBody(ctx);
  if (!body) return restError(415, "rest-unsupported-content-type", `Unsupported Content-Type: ${contentType(ctx.req) || "(none)"}`);
  const scopes = (list(body.scopes) ?? []).map(String);
  const grantKind = scopes.includes("mwoauth-authonlyprivate") ? "authonlyprivate" : scopes.includes("mwoauth-authonly") ? "authonly" : "normal";
  const parsed = proposalSchema.safeParse({
    name: body.name, version: body.version, description: body.description, ownerOnly: bool(body.owner_only),
    callbackUrl: body.callback_url, confidential: bool(body.is_confidential), grantTypes: list(body.grant_types),
    grantKind, grants: scopes.filter((s) => s !== "basic" && !s.startsWith("mwoauth-")),
  });
  if (!parsed.success) return restError(400, "rest-body-validation-error", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const result = await registerClient(ctx.store, who.viewer.user, parsed.data);
  if (!result.ok) return restError(400, "mwoauth-error", result.message);
  const { client, accessToken } = result.value;
  return json(200, { name: client.name, client_key: client.key, secret: client.secret, ...(accessToken ? { access_token: accessToken } : {}) });
}

export async function clientList(ctx: Ctx): Promise<SandboxResponse> {
  const who = await proposer(ctx);
  if (!who.ok) return who.response;
  const mine = ctx.store.state.clients.filter((c) => c.ownerId === who.viewer.user.id);
  return json(200, {
    clients: mine.map((c) => ({
      client_key: c.key, name: c.name, version: c.version, description: c.description, stage: c.stage,
      owner_only: c.ownerOnly, is_confidential: c.confidential, callback_url: c.callbackUrl, grants: c.grants,
      grant_types: c.grantTypes, registration: new Date(c.created).toISOString(),
    })),
    total: mine.length,
  });
}
