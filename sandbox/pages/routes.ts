/**
 * The sandbox's browser pages: its home page and the special pages that take part in the OAuth flow or
 * stand in for Wikimedia's account tools. Each wiki serves them; the login is shared by all.
 */
import { redirect, sandboxUrl, type Ctx, type SandboxResponse } from "../http";
import type { Router } from "../router";
import { BOT_PASSWORDS_TITLE, botPasswordGet, botPasswordPost, botPasswordsGet } from "./bot-passwords";
import { approveGet, approvePost, restRedirect, verified } from "./consent";
import { home } from "./home";
import { loginGet, loginPost, logoutGet, logoutPost } from "./login";
import { MANAGE_GRANTS_TITLE, manageGrantsGet, manageGrantsPost, manageOneGet, manageOnePost } from "./manage-grants";
import { MY_CLIENTS_TITLE, myClientsGet, myClientsPost } from "./my-clients";
import { wikiPath } from "./session";

type Handler = (ctx: Ctx) => Promise<SandboxResponse> | SandboxResponse;

const SPECIAL_PAGES: [string, Handler, Handler | null][] = [
  ["Special:UserLogin", loginGet, loginPost],
  ["Special:UserLogout", logoutGet, logoutPost],
  ["Special:OAuth/approve", approveGet, approvePost],
  ["Special:OAuth/rest_redirect", restRedirect, null],
  ["Special:OAuth/verified", verified, null],
  [MY_CLIENTS_TITLE, myClientsGet, myClientsPost],
  [MANAGE_GRANTS_TITLE, manageGrantsGet, manageGrantsPost],
  [BOT_PASSWORDS_TITLE, botPasswordsGet, null],
];

/** `/w/index.php?title=X&…` is the long form of `/wiki/X?…`. */
function indexPhp(ctx: Ctx): SandboxResponse {
  const query = new URLSearchParams(ctx.url.search);
  const title = query.get("title");
  query.delete("title");
  const target = sandboxUrl(ctx, wikiPath(ctx.wiki!.host, title || "Main Page", query));
  return redirect(ctx.method === "GET" || ctx.method === "HEAD" ? 302 : 307, target);
}

export function registerPages(router: Router): void {
  router.add({ method: "GET", path: "/", endpoint: "page/home", handler: home });
  for (const [title, get, post] of SPECIAL_PAGES) {
    const path = `/:wiki/wiki/${title}`;
    router.add({ method: "GET", path, endpoint: `page/${title}`, handler: get });
    if (post) router.add({ method: "POST", path, endpoint: `page/${title}`, handler: post });
  }
  // Special:BotPasswords/<bot name>: one bot password's form (SpecialBotPasswords takes its name as subpage).
  router.add({ method: "GET", path: `/:wiki/wiki/${BOT_PASSWORDS_TITLE}/:appId`, endpoint: `page/${BOT_PASSWORDS_TITLE}`, handler: botPasswordGet });
  router.add({ method: "POST", path: `/:wiki/wiki/${BOT_PASSWORDS_TITLE}/:appId`, endpoint: `page/${BOT_PASSWORDS_TITLE}`, handler: botPasswordPost });
  const manageOne = `/:wiki/wiki/${MANAGE_GRANTS_TITLE}/manage/:consumer`;
  router.add({ method: "GET", path: manageOne, endpoint: `page/${MANAGE_GRANTS_TITLE}/manage`, handler: manageOneGet });
  router.add({ method: "POST", path: manageOne, endpoint: `page/${MANAGE_GRANTS_TITLE}/manage`, handler: manageOnePost });
  router.add({ method: "GET", path: "/:wiki/wiki/Special:OAuthConsumerRegistration", endpoint: `page/${MY_CLIENTS_TITLE}`,
    handler: (ctx) => redirect(302, sandboxUrl(ctx, wikiPath(ctx.wiki!.host, MY_CLIENTS_TITLE))) });
  router.add({ method: "*", path: "/:wiki/w/index.php", endpoint: "page/index.php", handler: indexPhp });
}
