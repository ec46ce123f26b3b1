/** Page-level answers shared by the special pages: the page itself, a login bounce, a bad-token refusal. */
import { html, redirect, sandboxUrl, type Ctx, type SandboxResponse } from "../http";
import { CENTRAL_WIKI } from "../wikis";
import { errorBox } from "./forms";
import { renderPage } from "./layout";
import { wikiPath } from "./session";

export function page(ctx: Ctx, title: string, body: string, status = 200, headers: Record<string, string | string[]> = {}): SandboxResponse {
  return html(status, renderPage(ctx, { title, body }), headers);
}

/** Special pages that need an account send anonymous visitors to Special:UserLogin and back. */
export function loginFirst(ctx: Ctx, title: string): SandboxResponse {
  const returntoquery = ctx.url.searchParams.toString();
  const location = wikiPath(ctx.wiki?.host ?? CENTRAL_WIKI, "Special:UserLogin", returntoquery ? { returnto: title, returntoquery } : { returnto: title });
  return redirect(302, sandboxUrl(ctx, location));
}

/** MediaWiki's `sessionfailure` answer to a form post whose edit token is missing or wrong. */
export function badToken(ctx: Ctx, title: string): SandboxResponse {
  return page(ctx, title, errorBox("Sorry! We could not process your request due to a loss of session data. Please go back, reload the page and try again."), 400);
}
