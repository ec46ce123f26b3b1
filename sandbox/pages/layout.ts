/**
 * The page shell of every sandbox HTML page: plain, self-contained (no external assets) and clearly
 * labelled as the Wikiport sandbox, so nobody mistakes it for a real Wikimedia login.
 */
import { escapeHtml, type Ctx } from "../http";
import { CENTRAL_WIKI } from "../wikis";
import { csrfToken, signedIn, wikiPath } from "./session";

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#202122;background:#f8f9fa;line-height:1.5}
header{background:#3a2a00;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}
header a{color:#ffe08a}header .brand{font-weight:700}
.banner{background:#fef6e7;border-bottom:1px solid #fc3;padding:.4rem 1rem;font-size:.9rem}
main{max-width:56rem;margin:1.5rem auto;background:#fff;border:1px solid #c8ccd1;padding:1.2rem 1.6rem}
h1{font-family:Georgia,serif;font-weight:400;border-bottom:1px solid #a2a9b1;margin-top:0}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #c8ccd1;padding:.35rem .5rem;text-align:left;vertical-align:top}
label{font-weight:600}input[type=text],input[type=password],input[type=url],textarea{width:100%;max-width:28rem;padding:.35rem;box-sizing:border-box}
.field{margin:.8rem 0}.check{font-weight:400}
button{padding:.4rem 1rem;border-radius:2px;border:1px solid #a2a9b1;background:#f8f9fa;cursor:pointer}
button.primary{background:#36c;border-color:#36c;color:#fff}button.destructive{background:#d33;border-color:#d33;color:#fff}
.error-box{background:#fee7e6;border:1px solid #d33;padding:.6rem 1rem;margin:.8rem 0}
.success-box{background:#d5fdf4;border:1px solid #14866d;padding:.6rem 1rem;margin:.8rem 0}
code{background:#eaecf0;padding:0 .2rem;word-break:break-all}nav form{display:inline}
nav button{background:none;border:none;color:#ffe08a;text-decoration:underline;padding:0;font:inherit}`;

export interface PageOptions {
  title: string;
  /** Trusted markup: callers escape every value they put in. */
  body: string;
}

export function renderPage(ctx: Ctx, { title, body }: PageOptions): string {
  const wiki = ctx.wiki?.host ?? CENTRAL_WIKI;
  const who = signedIn(ctx);
  const account = who
    ? `<span>Signed in as <strong>${escapeHtml(who.user.name)}</strong></span> ` +
      `<form method="post" action="${wikiPath(wiki, "Special:UserLogout")}">` +
      `<input type="hidden" name="wpEditToken" value="${escapeHtml(csrfToken(who.session))}"><button type="submit">Log out</button></form>`
    : `<a href="${wikiPath(wiki, "Special:UserLogin")}">Log in</a>`;
  const lang = ctx.wiki?.lang ?? "en";
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)} — Wikiport sandbox wiki</title><style>${STYLE}</style></head><body>` +
    `<header><span class="brand"><a href="/">Wikiport sandbox wiki</a>${ctx.wiki ? ` · ${escapeHtml(ctx.wiki.host)}` : ""}</span>` +
    `<nav aria-label="Sandbox">` +
    `<a href="${wikiPath(CENTRAL_WIKI, "Special:OAuthConsumerRegistration/propose/oauth2")}">My clients</a> · ` +
    `<a href="${wikiPath(CENTRAL_WIKI, "Special:OAuthManageMyGrants")}">Manage my grants</a> · ` +
    `<a href="${wikiPath(wiki, "Special:BotPasswords")}">Bot passwords</a> · ${account}</nav></header>` +
    `<div class="banner">This is the <strong>Wikiport sandbox wiki</strong>, a local stand-in for Wikimedia used in development and tests. ` +
    `It is not Wikipedia: never type a real password here.</div>` +
    `<main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}
