/** `/`: what the sandbox is, its wikis, the demo accounts (passwords are public on purpose) and Wikiport's consumer. */
import { escapeHtml, type Ctx, type SandboxResponse } from "../http";
import { WIKIPORT_CLIENT } from "../seed";
import { CENTRAL_WIKI, WIKIS } from "../wikis";
import { page } from "./responses";
import { wikiPath } from "./session";
import { MANAGE_GRANTS_TITLE } from "./manage-grants";
import { MY_CLIENTS_TITLE } from "./my-clients";

export function home(ctx: Ctx): SandboxResponse {
  const base = ctx.store.config.publicUrl;
  const wikis = WIKIS.map((w) =>
    `<tr><td>${escapeHtml(w.siteName)} <small>(${escapeHtml(w.lang)}${w.dir === "rtl" ? ", right-to-left" : ""})</small></td>` +
    `<td><a href="/${w.host}/w/rest.php/v1/page/Main_Page/html">${escapeHtml(w.host)}</a></td>` +
    `<td><code>${escapeHtml(`${base}/${w.host}/w/api.php`)}</code><br><code>${escapeHtml(`${base}/${w.host}/w/rest.php/v1/`)}</code></td></tr>`).join("");
  const users = ctx.store.state.users.map((u) =>
    `<tr><td>${escapeHtml(u.name)}</td><td><code>${escapeHtml(u.password)}</code></td><td>${escapeHtml(u.role)}</td></tr>`).join("");
  const wikiport = ctx.store.state.clients.find((c) => c.key === WIKIPORT_CLIENT.key);
  const body =
    `<p>This server imitates Wikimedia's wikis on the wire — the OAuth 2.0 server on Meta, the Action API and the REST API — ` +
    `so Wikiport's real sign-in and editing code runs against it unchanged. Everything here is fake and local; ` +
    `data is reset whenever the sandbox is reset.</p>` +
    `<p><a href="${wikiPath(CENTRAL_WIKI, "Special:UserLogin")}">Log in</a> · ` +
    `<a href="${wikiPath(CENTRAL_WIKI, MY_CLIENTS_TITLE)}">My clients</a> · ` +
    `<a href="${wikiPath(CENTRAL_WIKI, MANAGE_GRANTS_TITLE)}">Manage my grants</a> · ` +
    `<a href="/__sandbox/info">Control API info</a></p>` +
    `<h2>Wikis</h2><table><thead><tr><th>Wiki</th><th>Main page</th><th>APIs</th></tr></thead><tbody>${wikis}</tbody></table>` +
    `<p>OAuth 2.0 endpoints: <code>${escapeHtml(`${base}/${CENTRAL_WIKI}/w/rest.php/oauth2/`)}</code> (authorize, access_token, resource/profile).</p>` +
    `<h2>Demo accounts</h2><table><thead><tr><th>Username</th><th>Password</th><th>Role</th></tr></thead><tbody>${users}</tbody></table>` +
    `<h2>Wikiport's OAuth 2.0 consumer</h2>` +
    (wikiport
      ? `<dl><dt>Client id</dt><dd><code>${escapeHtml(wikiport.key)}</code></dd><dt>Client secret</dt><dd><code>${escapeHtml(wikiport.secret)}</code></dd>` +
        `<dt>Callback</dt><dd><code>${escapeHtml(wikiport.callbackUrl)}</code></dd>` +
        `<dt>Grants</dt><dd>${wikiport.grants.map((g) => `<code>${escapeHtml(g)}</code>`).join(" ")}</dd></dl>`
      : "<p>Wikiport's consumer is missing from this sandbox's state.</p>");
  return page(ctx, "Wikiport sandbox wiki", body);
}
