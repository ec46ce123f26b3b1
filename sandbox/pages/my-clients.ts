/**
 * "My clients" — Special:OAuthConsumerRegistration/propose/oauth2 (EXT SpecialMWOAuthConsumerRegistration;
 * docs/wikimedia-protocol.md §3, §8): propose an OAuth 2.0 client, see its key, secret and (owner-only) personal
 * access token once, list one's clients and reset a secret.
 */
import { escapeHtml, type Ctx, type SandboxResponse } from "../http";
import { describeGrant, GRANT_DESCRIPTIONS, SELECTABLE_GRANTS } from "../oauth/grants";
import { proposalSchema, registerClient, resetSecret, type Registered } from "../oauth/register-client";
import type { ClientRecord, UserRecord } from "../state";
import { checkbox, csrfField, errorBox, hidden, radio, successBox, textField } from "./forms";
import { badToken, loginFirst, page } from "./responses";
import { csrfValid, signedIn, type SignedIn } from "./session";

export const MY_CLIENTS_TITLE = "Special:OAuthConsumerRegistration/propose/oauth2";
const TITLE = "My clients: OAuth 2.0 consumers";

type Values = Partial<Record<string, string | string[]>>;

function isOn(values: Values, name: string, fallback: boolean): boolean {
  return values[name] === undefined ? fallback : values[name] === "1";
}

function proposeForm(who: SignedIn, values: Values): string {
  const str = (name: string, fallback = "") => (typeof values[name] === "string" ? (values[name] as string) : fallback);
  const list = (name: string, fallback: string[] = []) => (Array.isArray(values[name]) ? (values[name] as string[]) : fallback);
  const fresh = Object.keys(values).length === 0;
  const grantTypes = fresh ? ["authorization_code", "refresh_token"] : list("wpoauth2GrantTypes");
  const kind = str("wpgranttype", "normal");
  return `<h2>Propose a new OAuth 2.0 client</h2><form method="post">${csrfField(who.session)}${hidden("action", "propose")}` +
    textField("wpname", "Application name", str("wpname"), "text", "required") +
    textField("wpversion", "Consumer version", str("wpversion", "1.0")) +
    `<div class="field"><label for="wpdescription">Application description</label><br>` +
    `<textarea id="wpdescription" name="wpdescription" rows="3">${escapeHtml(str("wpdescription"))}</textarea></div>` +
    checkbox("wpownerOnly", "wpownerOnly", "1", `This consumer is for use only by ${who.user.name}`, isOn(values, "wpownerOnly", fresh)) +
    `<p><small>Owner-only consumers ("personal API tokens") get an access token right away and need no callback.</small></p>` +
    textField("wpcallbackUrl", 'OAuth "callback" URL', str("wpcallbackUrl"), "url") +
    `<p><small>Unlike OAuth 1.0a, this URL is exactly matched. Use https, or http for local addresses only.</small></p>` +
    checkbox("wpoauth2IsConfidential", "wpoauth2IsConfidential", "1", "Client is confidential", isOn(values, "wpoauth2IsConfidential", fresh)) +
    `<fieldset><legend>Allowed OAuth2 grant types</legend>` +
    checkbox("wpgt-authorization_code", "wpoauth2GrantTypes", "authorization_code", "Authorization code", grantTypes.includes("authorization_code")) +
    checkbox("wpgt-refresh_token", "wpoauth2GrantTypes", "refresh_token", "Refresh token", grantTypes.includes("refresh_token")) +
    checkbox("wpgt-client_credentials", "wpoauth2GrantTypes", "client_credentials", "Client credentials", grantTypes.includes("client_credentials")) +
    `</fieldset><fieldset><legend>Types of grants being requested</legend>` +
    radio("wpgranttype-authonly", "wpgranttype", "authonly", GRANT_DESCRIPTIONS["mwoauth-authonly"]!, kind === "authonly") +
    radio("wpgranttype-authonlyprivate", "wpgranttype", "authonlyprivate", GRANT_DESCRIPTIONS["mwoauth-authonlyprivate"]!, kind === "authonlyprivate") +
    radio("wpgranttype-normal", "wpgranttype", "normal", "Request authorization for specific permissions.", kind === "normal") +
    `</fieldset><fieldset><legend>Applicable grants (basic rights are always included)</legend>` +
    SELECTABLE_GRANTS.map((g) => checkbox(`wpgrant-${g}`, "wpgrants", g, describeGrant(g), list("wpgrants").includes(g))).join("") +
    `</fieldset><p><button type="submit" class="primary">Propose consumer</button></p></form>`;
}

function clientList(ctx: Ctx, who: SignedIn): string {
  const mine = ctx.store.state.clients.filter((c) => c.ownerId === who.user.id);
  if (mine.length === 0) return "<h2>Your clients</h2><p>You have no OAuth 2.0 clients yet.</p>";
  const rows = mine.map((c) =>
    `<tr><td>${escapeHtml(c.name)} <small>${escapeHtml(c.version)}</small></td><td><code>${escapeHtml(c.key)}</code></td>` +
    `<td>${escapeHtml(c.stage)}${c.ownerOnly ? ", owner-only" : ""}${c.confidential ? "" : ", public"}</td>` +
    `<td>${c.grants.map((g) => escapeHtml(g)).join(", ")}</td><td>` +
    (c.confidential
      ? `<form method="post">${csrfField(who.session)}${hidden("action", "reset")}${hidden("client", c.key)}` +
        `<button type="submit" aria-label="Reset secret of ${escapeHtml(c.name)}">Reset secret</button></form>`
      : "") +
    `</td></tr>`).join("");
  return `<h2>Your clients</h2><table><thead><tr><th>Name</th><th>Client key</th><th>Status</th><th>Grants</th><th></th></tr></thead>` +
    `<tbody>${rows}</tbody></table>`;
}

function credentials(result: Registered, heading: string): string {
  const { client, accessToken } = result;
  return successBox(
    `<p><strong>${escapeHtml(heading)}</strong> Record these now: the secret${accessToken ? " and the access token are" : " is"} not shown again.</p>` +
    `<dl><dt>Client application key</dt><dd><code id="client-key">${escapeHtml(client.key)}</code></dd>` +
    (client.secret ? `<dt>Client application secret</dt><dd><code id="client-secret">${escapeHtml(client.secret)}</code></dd>` : "") +
    (accessToken ? `<dt>Access token</dt><dd><code id="access-token">${escapeHtml(accessToken)}</code></dd>` : "") +
    `</dl>` + (client.stage === "proposed" ? "<p>The client awaits approval; meanwhile only you can use it.</p>" : ""),
  );
}

function render(ctx: Ctx, who: SignedIn, notice: string, values: Values, status = 200): SandboxResponse {
  return page(ctx, TITLE, notice + clientList(ctx, who) + proposeForm(who, values), status);
}

export function myClientsGet(ctx: Ctx): SandboxResponse {
  const who = signedIn(ctx);
  if (!who) return loginFirst(ctx, MY_CLIENTS_TITLE);
  return render(ctx, who, "", {});
}

function formValues(form: URLSearchParams): Values {
  const values: Values = {};
  for (const key of new Set(form.keys())) {
    values[key] = key === "wpgrants" || key === "wpoauth2GrantTypes" ? form.getAll(key) : (form.get(key) ?? "");
  }
  if (!values.wpgrants) values.wpgrants = [];
  if (!values.wpoauth2GrantTypes) values.wpoauth2GrantTypes = [];
  values.wpownerOnly ??= "0";
  values.wpoauth2IsConfidential ??= "0";
  return values;
}

async function propose(ctx: Ctx, who: SignedIn, form: URLSearchParams, user: UserRecord): Promise<SandboxResponse> {
  const values = formValues(form);
  const parsed = proposalSchema.safeParse({
    name: form.get("wpname") ?? "", version: form.get("wpversion") || undefined, description: form.get("wpdescription") ?? "",
    ownerOnly: form.get("wpownerOnly") === "1", callbackUrl: form.get("wpcallbackUrl") ?? "",
    confidential: form.get("wpoauth2IsConfidential") === "1", grantTypes: form.getAll("wpoauth2GrantTypes"),
    grantKind: form.get("wpgranttype") ?? "normal", grants: form.getAll("wpgrants"),
  });
  if (!parsed.success) return render(ctx, who, errorBox(parsed.error.issues.map((i) => i.message).join(" ")), values, 400);
  const result = await registerClient(ctx.store, user, parsed.data);
  if (!result.ok) return render(ctx, who, errorBox(result.message), values, 400);
  return render(ctx, who, credentials(result.value, "Your OAuth 2.0 client has been created."), {});
}

async function reset(ctx: Ctx, who: SignedIn, client: ClientRecord | undefined): Promise<SandboxResponse> {
  if (!client || client.ownerId !== who.user.id || !client.confidential) {
    return render(ctx, who, errorBox("You can only reset the secret of your own confidential clients."), {}, 400);
  }
  const result = await resetSecret(ctx.store, client);
  return render(ctx, who, credentials(result, `The secret of ${client.name} has been reset; its old owner-only tokens no longer work.`), {});
}

export async function myClientsPost(ctx: Ctx): Promise<SandboxResponse> {
  const who = signedIn(ctx);
  if (!who) return loginFirst(ctx, MY_CLIENTS_TITLE);
  const form = await ctx.form();
  if (!csrfValid(who.session, form.get("wpEditToken"))) return badToken(ctx, TITLE);
  if (form.get("action") === "reset") {
    return reset(ctx, who, ctx.store.state.clients.find((c) => c.key === form.get("client")));
  }
  return propose(ctx, who, form, who.user);
}
