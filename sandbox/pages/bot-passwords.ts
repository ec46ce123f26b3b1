/**
 * Special:BotPasswords (CORE SpecialBotPasswords; docs/wikimedia-protocol.md §5.9): a signed-in user lists
 * their bot passwords, creates one with the grants it may use, sees the generated password once, resets
 * it or deletes it. `action=login` then takes `User@BotName` with that password; deleting or resetting
 * a bot password ends the sessions opened with it.
 */
import { randomInt } from "node:crypto";
import { escapeHtml, redirect, sandboxUrl, type Ctx, type SandboxResponse } from "../http";
import { describeGrant, SELECTABLE_GRANTS } from "../oauth/grants";
import type { BotPasswordRecord } from "../state";
import { checkbox, csrfField, errorBox, hidden, successBox, textField } from "./forms";
import { badToken, loginFirst, page } from "./responses";
import { csrfValid, signedIn, wikiPath, type SignedIn } from "./session";

export const BOT_PASSWORDS_TITLE = "Special:BotPasswords";
const TITLE = "Bot passwords";

/** BotPassword::APPID_MAXLENGTH. */
const APPID_MAX_LENGTH = 32;
const PASSWORD_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** BotPassword::generatePassword: 32 random characters, shown to the user once. */
function generatePassword(): string {
  return Array.from({ length: 32 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join("");
}

/** A bot name is at most 32 characters and may not hold the `@` that separates it from the user name. */
function validAppId(appId: string): boolean {
  return appId !== "" && appId.length <= APPID_MAX_LENGTH && !appId.includes("@");
}

function mine(ctx: Ctx, who: SignedIn): BotPasswordRecord[] {
  return ctx.store.state.botPasswords.filter((b) => b.userId === who.user.id);
}

function host(ctx: Ctx): string {
  return ctx.wiki!.host;
}

/** BotPassword::invalidateSession: sessions logged in with this bot password stop working. */
function endBotSessions(ctx: Ctx, userId: number, appId: string): void {
  ctx.store.state.browserSessions = ctx.store.state.browserSessions.filter((s) => !(s.userId === userId && s.botAppId === appId));
}

function grantBoxes(checked: readonly string[]): string {
  return (
    `<fieldset><legend>Applicable grants:</legend><p><small>Grants allow access to rights already held by your user account. ` +
    `Enabling a grant here does not provide access to any rights that your user account would not otherwise have.</small></p>` +
    SELECTABLE_GRANTS.map((g) => checkbox(`wpgrant-${g}`, "wpgrants", g, describeGrant(g), checked.includes(g))).join("") +
    `</fieldset>`
  );
}

function listPage(ctx: Ctx, who: SignedIn, notice = "", status = 200): SandboxResponse {
  const existing = mine(ctx, who);
  const list =
    existing.length === 0
      ? ""
      : `<h2>Existing bot passwords</h2><ul>${existing
          .map((b) => `<li><a href="${escapeHtml(wikiPath(host(ctx), `${BOT_PASSWORDS_TITLE}/${b.appId}`))}">${escapeHtml(b.appId)}</a></li>`)
          .join("")}</ul>`;
  return page(
    ctx,
    TITLE,
    notice +
      `<p><em>Bot passwords</em> allow access to a user account via the API without using the account's main login credentials. ` +
      `The user rights available when logged in with a bot password may be restricted.</p>` +
      list +
      `<h2>Create a new bot password</h2><form method="get" action="${escapeHtml(wikiPath(host(ctx), BOT_PASSWORDS_TITLE))}">` +
      textField("wpappId", "Bot name:", "", "text", `maxlength="${APPID_MAX_LENGTH}" required`) +
      `<p><button type="submit" class="primary">Create</button></p></form>`,
    status,
  );
}

function editPage(ctx: Ctx, who: SignedIn, appId: string, notice = "", status = 200): SandboxResponse {
  const existing = mine(ctx, who).find((b) => b.appId === appId);
  const heading = existing ? "Edit an existing bot password" : "Create a new bot password";
  const body =
    notice +
    `<h2>${heading}</h2><p>Bot name: <strong>${escapeHtml(appId)}</strong></p>` +
    `<form method="post">${csrfField(who.session)}${hidden("action", existing ? "update" : "create")}` +
    grantBoxes(existing ? existing.grants : []) +
    (existing ? checkbox("wpresetPassword", "wpresetPassword", "1", "Reset the password", false) : "") +
    `<p><button type="submit" class="primary">${existing ? "Update" : "Create"}</button></p></form>` +
    (existing
      ? `<form method="post">${csrfField(who.session)}${hidden("action", "delete")}` +
        `<p><button type="submit" class="destructive" aria-label="Delete ${escapeHtml(appId)}">Delete</button></p></form>`
      : "") +
    `<p><a href="${escapeHtml(wikiPath(host(ctx), BOT_PASSWORDS_TITLE))}">Back to your bot passwords</a></p>`;
  return page(ctx, TITLE, body, status);
}

/** The password, shown once, with the login name to use it with (`botpasswords-newpassword`). */
function newPasswordBox(who: SignedIn, appId: string, password: string): string {
  const login = `${who.user.name}@${appId}`;
  return (
    `<p>The new password to log in with <strong>${escapeHtml(login)}</strong> is <strong><code id="bot-password">${escapeHtml(password)}</code></strong>. ` +
    `<em>Please record this for future reference.</em></p>`
  );
}

export function botPasswordsGet(ctx: Ctx): SandboxResponse {
  const who = signedIn(ctx);
  if (!who) return loginFirst(ctx, BOT_PASSWORDS_TITLE);
  const requested = ctx.url.searchParams.get("wpappId");
  if (requested !== null) {
    const appId = requested.trim();
    if (!validAppId(appId)) return listPage(ctx, who, errorBox(`The bot name "${appId}" is not valid.`), 400);
    return redirect(302, sandboxUrl(ctx, wikiPath(host(ctx), `${BOT_PASSWORDS_TITLE}/${appId}`)));
  }
  return listPage(ctx, who);
}

export function botPasswordGet(ctx: Ctx): SandboxResponse {
  const appId = (ctx.params.appId ?? "").trim();
  const who = signedIn(ctx);
  if (!who) return loginFirst(ctx, `${BOT_PASSWORDS_TITLE}/${appId}`);
  if (!validAppId(appId)) return listPage(ctx, who, errorBox(`The bot name "${appId}" is not valid.`), 400);
  return editPage(ctx, who, appId);
}

export async function botPasswordPost(ctx: Ctx): Promise<SandboxResponse> {
  const appId = (ctx.params.appId ?? "").trim();
  const who = signedIn(ctx);
  if (!who) return loginFirst(ctx, `${BOT_PASSWORDS_TITLE}/${appId}`);
  const form = await ctx.form();
  if (!csrfValid(who.session, form.get("wpEditToken"))) return badToken(ctx, TITLE);
  if (!validAppId(appId)) return listPage(ctx, who, errorBox(`The bot name "${appId}" is not valid.`), 400);
  const state = ctx.store.state;
  const existing = state.botPasswords.find((b) => b.userId === who.user.id && b.appId === appId);
  // `basic` is always granted; only grants a bot password may carry are kept.
  const grants = ["basic", ...form.getAll("wpgrants").filter((g): g is (typeof SELECTABLE_GRANTS)[number] => (SELECTABLE_GRANTS as readonly string[]).includes(g))];
  const action = form.get("action");
  if (action === "create") {
    if (existing) return editPage(ctx, who, appId, errorBox(`Failed to add bot name "${appId}". Was it already added?`), 409);
    const password = generatePassword();
    state.botPasswords.push({ userId: who.user.id, appId, password, grants: [...new Set(grants)] });
    ctx.store.changed();
    return page(
      ctx,
      "Bot password created",
      successBox(`The bot password for bot name "${escapeHtml(appId)}" of user "${escapeHtml(who.user.name)}" was created.`) +
        newPasswordBox(who, appId, password) +
        `<p><a href="${escapeHtml(wikiPath(host(ctx), BOT_PASSWORDS_TITLE))}">Back to your bot passwords</a></p>`,
    );
  }
  if (!existing) return listPage(ctx, who, errorBox(`Failed to update bot name "${appId}". Was it deleted?`), 404);
  if (action === "delete") {
    state.botPasswords = state.botPasswords.filter((b) => b !== existing);
    endBotSessions(ctx, who.user.id, appId);
    ctx.store.changed();
    return listPage(ctx, who, successBox(`The bot password for bot name "${escapeHtml(appId)}" of user "${escapeHtml(who.user.name)}" was deleted.`));
  }
  if (action === "update") {
    existing.grants = [...new Set(grants)];
    let shown = "";
    if (form.get("wpresetPassword") === "1") {
      existing.password = generatePassword();
      endBotSessions(ctx, who.user.id, appId);
      shown = newPasswordBox(who, appId, existing.password);
    }
    ctx.store.changed();
    return page(
      ctx,
      "Bot password updated",
      successBox(`The bot password for bot name "${escapeHtml(appId)}" of user "${escapeHtml(who.user.name)}" was updated.`) + shown,
    );
  }
  return editPage(ctx, who, appId, errorBox("Choose create, update or delete."), 400);
}
