/**
 * The api.php module table (CORE ApiMain::$Modules) with the properties ApiMain checks before running a
 * module: POST only, token type, posted-only parameters, read and write mode.
 */
import type { Api, CacheMode } from "./context";
import { actionEdit } from "./edit";
import { actionLogin, actionLogout } from "./login";
import { actionParse } from "./parse";
import { actionQuery } from "./query";
import { EDIT_PARAMS, LOGIN_PARAMS, PARSE_PARAMS, WATCH_PARAMS } from "./param-declarations";
import type { ModuleParams } from "./param-validator";
import { actionWatch } from "./watch";

export interface ApiModule {
  run(api: Api): Record<string, unknown>;
  mustBePosted?: boolean;
  /** ApiBase::needsToken: the token type `token` must carry. */
  token?: string;
  /** ApiBase::requirePostedParameters beyond the token. */
  postedParams?: string[];
  /** Needs the `read` right (ApiBase::isReadMode); query decides for itself. */
  readMode: boolean;
  /** Needs `writeapi` (ApiBase::isWriteMode). */
  writeMode?: boolean;
  className: string;
  /** Its parameters, checked before the token (ApiMain::setupModule calls extractRequestParams first). */
  params?: ModuleParams;
  /** ApiBase::getModulePrefix, e.g. `lg` for login. */
  prefix?: string;
  /** The cache mode it sets (ApiMain::setCacheMode); query decides per request. */
  cacheMode?: CacheMode;
}

const MODULES: Record<string, ApiModule> = {
  query: { run: actionQuery, readMode: false, className: "ApiQuery" },
  edit: { run: actionEdit, mustBePosted: true, token: "csrf", readMode: true, writeMode: true, className: "ApiEditPage", params: EDIT_PARAMS },
  watch: { run: actionWatch, mustBePosted: true, token: "watch", readMode: true, writeMode: true, className: "ApiWatch", params: WATCH_PARAMS },
  login: { run: actionLogin, mustBePosted: true, postedParams: ["lgpassword", "lgtoken"], readMode: false, className: "ApiLogin", params: LOGIN_PARAMS, prefix: "lg" },
  logout: { run: actionLogout, mustBePosted: true, token: "csrf", readMode: false, className: "ApiLogout" },
  parse: { run: actionParse, readMode: true, className: "ApiParse", params: PARSE_PARAMS, cacheMode: "anon-public-user-private" },
  paraminfo: { run: actionParamInfo, readMode: false, className: "ApiParamInfo", cacheMode: "public" },
  help: { run: actionHelp, readMode: false, className: "ApiHelp" },
};

export const MODULE_NAMES: readonly string[] = Object.keys(MODULES).sort();

export function findModule(name: string): ApiModule | undefined {
  return Object.hasOwn(MODULES, name) ? MODULES[name] : undefined;
}

/** Just enough of ApiParamInfo for clients that look up a module's token type after `badtoken` (mwn does). */
function actionParamInfo(api: Api): Record<string, unknown> {
  const modules = api.params.multi("modules").map((name) => {
    const found = findModule(name);
    if (!found) return { name, missing: true };
    const parameters = found.token
      ? [{ index: 1, name: "token", type: "string", required: true, sensitive: true, tokentype: found.token }]
      : [];
    return { name, classname: found.className, path: name, group: "action", prefix: "", source: "MediaWiki", sourcename: "MediaWiki", licensetag: "GPL-2.0-or-later", mustbeposted: found.mustBePosted ?? false, parameters };
  });
  api.params.markUsed("helpformat", "querymodules", "mainmodule", "pagesetmodule", "formatmodules");
  return { paraminfo: { helpformat: "none", modules } };
}

function actionHelp(api: Api): Record<string, unknown> {
  api.params.markUsed("modules", "submodules", "recursivesubmodules", "wrap", "toc");
  const html =
    '<div id="mw-content-text" class="mw-body-content"><div class="mw-parser-output"><h2>Main module</h2>' +
    "<p>Status: The MediaWiki API is a mature and stable interface that is actively supported and improved.</p>" +
    `<p>Modules of the sandbox: ${Object.keys(MODULES).sort().join(", ")}.</p></div></div>`;
  return { help: { mime: "text/html", help: html } };
}
