/**
 * Special:OAuth — the approval dialog of the OAuth 2.0 flow (EXT SpecialMWOAuth; docs/wikimedia-protocol.md §1.1):
 * authorize sends the user to `approve`, which posts back to authorize with approval_pass=1 or
 * approval_cancel=1. Also `rest_redirect` (the way back from the login page) and `verified`.
 */
import { escapeHtml, redirect, sandboxUrl, type Ctx, type SandboxResponse } from "../http";
import { findClient, usableBy, userName } from "../oauth/consumer";
import { AUTH_ONLY_GRANTS, describeGrant } from "../oauth/grants";
import { splitScopes } from "../oauth/scopes";
import type { ClientRecord, UserRecord } from "../state";
import { csrfField, errorBox, hidden } from "./forms";
import { badToken, loginFirst, page } from "./responses";
import { csrfValid, signedIn } from "./session";

const TITLE = "Authorize application";
/** Only the authorize endpoint of some wiki on this sandbox may be returned to. */
const AUTHORIZE_PATH = /^\/[a-z0-9.-]+\/w\/rest\.php\/oauth2\/authorize$/;

interface ApprovalRequest {
  client: ClientRecord;
  returnto: string;
  returntoquery: string;
  scopes: string[];
}

function readRequest(ctx: Ctx, params: URLSearchParams, user: UserRecord): ApprovalRequest | string {
  const client = findClient(ctx.store, params.get("client_id") ?? "");
  if (!client) return "The application you are trying to authorize is not known to this wiki.";
  if (!usableBy(client, user)) return "This application cannot be authorized by your account.";
  const returnto = params.get("returnto") ?? "";
  if (params.get("oauth_version") !== "2" || !AUTHORIZE_PATH.test(returnto)) return "This authorization request is not valid. Start again from the application.";
  const scopes = splitScopes(params.get("scope") ?? "").filter((scope) => client.grants.includes(scope));
  return { client, returnto, returntoquery: params.get("returntoquery") ?? "", scopes };
}

function backToAuthorize(ctx: Ctx, request: ApprovalRequest, flag: "approval_pass" | "approval_cancel"): SandboxResponse {
  const query = new URLSearchParams(request.returntoquery);
  query.set(flag, "1");
  return redirect(302, sandboxUrl(ctx, `${request.returnto}?${query.toString()}`));
}

/** SpecialMWOAuth::handleAuthorizationForm (b): a confidential identity-only consumer already approved. */
function canSkipDialog(ctx: Ctx, request: ApprovalRequest, user: UserRecord): boolean {
  const approval = ctx.store.state.approvals.find((a) => a.clientKey === request.client.key && a.userId === user.id);
  const grants = request.client.grants;
  return Boolean(approval) && request.client.confidential &&
    approval!.grants.length === grants.length && grants.every((g) => approval!.grants.includes(g)) &&
    grants.every((g) => (AUTH_ONLY_GRANTS as readonly string[]).includes(g));
}

export function approveGet(ctx: Ctx): SandboxResponse {
  const who = signedIn(ctx);
  if (!who) return loginFirst(ctx, "Special:OAuth/approve");
  const request = readRequest(ctx, ctx.url.searchParams, who.user);
  if (typeof request === "string") return page(ctx, TITLE, errorBox(request), 400);
  if (canSkipDialog(ctx, request, who.user)) return backToAuthorize(ctx, request, "approval_pass");

  const { client } = request;
  const grants = request.scopes.length > 0
    ? `<ul class="grants">${request.scopes.map((s) => `<li>${escapeHtml(describeGrant(s))} <small>(<code>${escapeHtml(s)}</code>)</small></li>`).join("")}</ul>`
    : "<p>No permissions beyond confirming who you are.</p>";
  const body =
    `<p>Hi <strong>${escapeHtml(who.user.name)}</strong>,</p>` +
    `<p><strong class="client-name">${escapeHtml(client.name)}</strong> (version ${escapeHtml(client.version)}, by ${escapeHtml(userName(ctx.store, client.ownerId))}) ` +
    `would like to act on your behalf on all projects of this site, with these permissions:</p>` + grants +
    (client.description ? `<blockquote>${escapeHtml(client.description)}</blockquote>` : "") +
    `<p>After you allow it, you will be sent back to the application.</p>` +
    `<form method="post">${csrfField(who.session)}` +
    hidden("client_id", client.key) + hidden("oauth_version", "2") + hidden("scope", request.scopes.join(" ")) +
    hidden("returnto", request.returnto) + hidden("returntoquery", request.returntoquery) +
    `<p><button type="submit" name="accept" value="1" class="primary">Allow</button> ` +
    `<button type="submit" name="cancel" value="1">Cancel</button></p></form>`;
  return page(ctx, TITLE, body);
}

export async function approvePost(ctx: Ctx): Promise<SandboxResponse> {
  const who = signedIn(ctx);
  if (!who) return page(ctx, TITLE, errorBox("You must be logged in to authorize an application."), 403);
  const form = await ctx.form();
  if (!csrfValid(who.session, form.get("wpEditToken"))) return badToken(ctx, TITLE);
  const request = readRequest(ctx, form, who.user);
  if (typeof request === "string") return page(ctx, TITLE, errorBox(request), 400);
  if (form.get("accept") === null) return backToAuthorize(ctx, request, "approval_cancel");

  const state = ctx.store.state;
  const existing = state.approvals.find((a) => a.clientKey === request.client.key && a.userId === who.user.id);
  if (existing) {
    existing.grants = request.scopes;
    existing.accepted = ctx.store.now();
  } else {
    state.approvals.push({ id: state.nextId.approval++, clientKey: request.client.key, userId: who.user.id, grants: request.scopes, accepted: ctx.store.now() });
  }
  ctx.store.changed();
  return backToAuthorize(ctx, request, "approval_pass");
}

/** Where the login page returns to: only back to an authorize URL of this sandbox. */
export function restRedirect(ctx: Ctx): SandboxResponse {
  const raw = ctx.url.searchParams.get("rest_url") ?? "";
  let target: URL | null = null;
  try {
    target = new URL(raw);
  } catch {
    target = null;
  }
  const origin = new URL(ctx.store.config.publicUrl).origin;
  if (!target || target.origin !== origin || !AUTHORIZE_PATH.test(target.pathname)) {
    return page(ctx, TITLE, errorBox("This address does not lead back to an authorization request."), 400);
  }
  return redirect(302, target.toString());
}

export function verified(ctx: Ctx): SandboxResponse {
  return page(ctx, "OAuth", "<p>This is the callback of owner-only consumers. There is nothing to do here: use the access token shown when the consumer was created.</p>");
}
