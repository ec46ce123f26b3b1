/**
 * Special:UserLogin and Special:UserLogout. One login serves every wiki (the cookie has Path=/), as single
 * user login does. A blocked user can sign in: Wikimedia's sitewide blocks do not disable login.
 */
import { redirect, sandboxUrl, escapeHtml, type Ctx, type SandboxResponse } from "../http";
import { CENTRAL_WIKI } from "../wikis";
import { csrfField, errorBox, hidden, textField } from "./forms";
import { badToken, page } from "./responses";
import { csrfValid, endSession, signedIn, startSession, wikiPath } from "./session";

const TITLE = "Log in";

/** MediaWiki user names: underscores are spaces, the first letter is upper case. */
function normalizeName(raw: string): string {
  const name = raw.replaceAll("_", " ").trim().replace(/\s+/g, " ");
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function loginForm(ctx: Ctx, returnto: string, returntoquery: string, name: string, error: string | null): string {
  const wiki = ctx.wiki?.host ?? CENTRAL_WIKI;
  const who = signedIn(ctx);
  return (who ? `<p>You are signed in as <strong>${escapeHtml(who.user.name)}</strong>. Log in below to switch accounts.</p>` : "") +
    (error ? errorBox(error) : "") +
    `<form method="post" action="${wikiPath(wiki, "Special:UserLogin")}">` +
    textField("wpName1", "Username", name, "text", `autocomplete="username" required`) +
    textField("wpPassword1", "Password", "", "password", `autocomplete="current-password" required`) +
    hidden("returnto", returnto) + hidden("returntoquery", returntoquery) +
    `<p><button type="submit" class="primary">Log in</button></p></form>` +
    `<p>The demo accounts and their passwords are listed on the <a href="/">sandbox home page</a>.</p>`;
}

export function loginGet(ctx: Ctx): SandboxResponse {
  const q = ctx.url.searchParams;
  return page(ctx, TITLE, loginForm(ctx, q.get("returnto") ?? "", q.get("returntoquery") ?? "", "", null));
}

export async function loginPost(ctx: Ctx): Promise<SandboxResponse> {
  const form = await ctx.form();
  const name = normalizeName(form.get("wpName1") ?? "");
  const returnto = form.get("returnto") ?? "";
  const returntoquery = form.get("returntoquery") ?? "";
  const user = ctx.store.state.users.find((u) => u.name === name);
  if (!user || user.password !== (form.get("wpPassword1") ?? "")) {
    return page(ctx, TITLE, loginForm(ctx, returnto, returntoquery, name, "Incorrect username or password entered. Please try again."));
  }
  const cookie = startSession(ctx, user);
  const wiki = ctx.wiki?.host ?? CENTRAL_WIKI;
  // returnto is a title, so the target always stays on this sandbox.
  const target = returnto ? wikiPath(wiki, returnto, new URLSearchParams(returntoquery)) : "/";
  return redirect(302, sandboxUrl(ctx, target), { "set-cookie": cookie });
}

export function logoutGet(ctx: Ctx): SandboxResponse {
  const who = signedIn(ctx);
  if (!who) return page(ctx, "Log out", `<p>You are not signed in. <a href="${wikiPath(ctx.wiki?.host ?? CENTRAL_WIKI, "Special:UserLogin")}">Log in</a></p>`);
  return page(ctx, "Log out",
    `<form method="post" action="${wikiPath(ctx.wiki?.host ?? CENTRAL_WIKI, "Special:UserLogout")}">${csrfField(who.session)}` +
    `<p>Do you want to log out of the sandbox wiki?</p><button type="submit" class="primary">Log out</button></form>`);
}

export async function logoutPost(ctx: Ctx): Promise<SandboxResponse> {
  const who = signedIn(ctx);
  if (!who) return redirect(302, sandboxUrl(ctx, "/"));
  const form = await ctx.form();
  if (!csrfValid(who.session, form.get("wpEditToken"))) return badToken(ctx, "Log out");
  const cookie = endSession(ctx, who.session);
  return redirect(302, sandboxUrl(ctx, "/"), { "set-cookie": cookie });
}
