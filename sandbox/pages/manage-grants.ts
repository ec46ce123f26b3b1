/**
 * Special:OAuthManageMyGrants: the applications a user has allowed, with "Revoke" (EXT
 * SpecialMWOAuthManageMyGrants, action revoke): access tokens stop working at once and refresh tokens
 * then fail with invalid_grant "Token has been revoked" (docs/wikimedia-protocol.md §1, §2.3). Since 2026
 * each application also has its own page, `Special:OAuthManageMyGrants/manage/<consumer id>` (EXT
 * `9d1318e`, docs/wikimedia-protocol.md §11.1), which apps link to for revoking them.
 */
import { revokeGrant } from "../control";
import { escapeHtml, type Ctx, type SandboxResponse } from "../http";
import { findClient } from "../oauth/consumer";
import { describeGrant } from "../oauth/grants";
import { mwTimestamp } from "../oauth/resource";
import { csrfField, errorBox, hidden, successBox } from "./forms";
import { badToken, loginFirst, page } from "./responses";
import { csrfValid, signedIn, type SignedIn } from "./session";

export const MANAGE_GRANTS_TITLE = "Special:OAuthManageMyGrants";
const TITLE = "Manage my grants";

/**
 * The consumer a `/manage/<id>` page names: its key, or its number in registration order (the sandbox's
 * `oarc_id`, as in the `OAuth CID: <id>` tag); which of the two Wikimedia's path carries is not
 * documented (docs/wikimedia-protocol.md §11.1), so both are accepted.
 */
function consumerKeyOf(ctx: Ctx, id: string): string | null {
  const clients = ctx.store.state.clients;
  if (/^[1-9]\d{0,8}$/.test(id)) return clients[Number(id) - 1]?.key ?? null;
  return findClient(ctx.store, id)?.key ?? null;
}

function render(ctx: Ctx, who: SignedIn, notice: string, status = 200, only: string | null = null): SandboxResponse {
  const approvals = ctx.store.state.approvals.filter(
    (a) => a.userId === who.user.id && !findClient(ctx.store, a.clientKey)?.ownerOnly && (only === null || a.clientKey === only),
  );
  const rows = approvals.map((a) => {
    const name = findClient(ctx.store, a.clientKey)?.name ?? a.clientKey;
    const accepted = mwTimestamp(a.accepted);
    return `<tr><td>${escapeHtml(name)}</td><td><ul>${a.grants.map((g) => `<li>${escapeHtml(describeGrant(g))}</li>`).join("")}</ul></td>` +
      `<td><time datetime="${new Date(a.accepted).toISOString()}">${accepted.slice(0, 4)}-${accepted.slice(4, 6)}-${accepted.slice(6, 8)}</time></td>` +
      `<td><form method="post">${csrfField(who.session)}${hidden("action", "revoke")}${hidden("client", a.clientKey)}` +
      `<button type="submit" class="destructive" aria-label="Revoke ${escapeHtml(name)}">Revoke</button></form></td></tr>`;
  }).join("");
  const table = approvals.length === 0
    ? "<p>You have not allowed any application to act for you.</p>"
    : `<table><thead><tr><th>Application</th><th>Permissions</th><th>Allowed on</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
  return page(ctx, TITLE, notice + `<p>Applications you have allowed to use your account on all wikis of this sandbox.</p>` + table, status);
}

export function manageGrantsGet(ctx: Ctx): SandboxResponse {
  const who = signedIn(ctx);
  if (!who) return loginFirst(ctx, MANAGE_GRANTS_TITLE);
  return render(ctx, who, "");
}

export async function manageGrantsPost(ctx: Ctx): Promise<SandboxResponse> {
  const who = signedIn(ctx);
  if (!who) return loginFirst(ctx, MANAGE_GRANTS_TITLE);
  const form = await ctx.form();
  if (!csrfValid(who.session, form.get("wpEditToken"))) return badToken(ctx, TITLE);
  const clientKey = form.get("client") ?? "";
  const name = findClient(ctx.store, clientKey)?.name ?? clientKey;
  if (form.get("action") !== "revoke" || !revokeGrant(ctx, who.user.id, clientKey)) {
    return render(ctx, who, errorBox("There is no such grant to revoke."), 400);
  }
  return render(ctx, who, successBox(`Access for <strong>${escapeHtml(name)}</strong> has been revoked.`));
}

function managePath(id: string): string {
  return `${MANAGE_GRANTS_TITLE}/manage/${id}`;
}

/** `Special:OAuthManageMyGrants/manage/<consumer id>`: the one application, with its Revoke button. */
export function manageOneGet(ctx: Ctx): SandboxResponse {
  const id = ctx.params.consumer ?? "";
  const who = signedIn(ctx);
  if (!who) return loginFirst(ctx, managePath(id));
  const key = consumerKeyOf(ctx, id);
  const allowed = key !== null && ctx.store.state.approvals.some((a) => a.userId === who.user.id && a.clientKey === key);
  if (!allowed) return render(ctx, who, errorBox("You have not allowed this application to use your account."), 404, "");
  return render(ctx, who, "", 200, key);
}

export async function manageOnePost(ctx: Ctx): Promise<SandboxResponse> {
  const id = ctx.params.consumer ?? "";
  const who = signedIn(ctx);
  if (!who) return loginFirst(ctx, managePath(id));
  const form = await ctx.form();
  if (!csrfValid(who.session, form.get("wpEditToken"))) return badToken(ctx, TITLE);
  const key = consumerKeyOf(ctx, id);
  if (key === null || form.get("client") !== key || form.get("action") !== "revoke" || !revokeGrant(ctx, who.user.id, key)) {
    return render(ctx, who, errorBox("There is no such grant to revoke."), 400, key ?? "");
  }
  const name = findClient(ctx.store, key)?.name ?? key;
  return render(ctx, who, successBox(`Access for <strong>${escapeHtml(name)}</strong> has been revoked.`), 200, key);
}
