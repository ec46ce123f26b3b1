/**
 * api.php at `/:wiki/w/api.php` (CORE ApiMain). The order of checks follows ApiMain::executeAction:
 * session (ApiBeforeMain: a bad bearer token fails first), ApiMain's own parameters, asserts, the
 * module's parameters (param-validator.ts), token, read/write rights, maxlag, POST-only, then the module;
 * unknown parameters become warnings afterwards.
 */
import { anonymousViewer, authenticate } from "../auth";
import type { Ctx, SandboxResponse } from "../http";
import type { Router } from "../router";
import { ApiError, readApiDenied, type MessageParam } from "./api-error";
import type { Api, ErrorFormat } from "./context";
import { warn } from "./context";
import { renderError, renderResult } from "./format";
import { findModule, MODULE_NAMES } from "./modules";
import { mainParams } from "./param-declarations";
import { validateParams } from "./param-validator";
import { queryEndpoint } from "./query";
import { lacksSameOriginSecurity } from "./query-meta";
import { apiParams } from "./request";
import { requireToken } from "./tokens";

const ERROR_FORMATS: readonly ErrorFormat[] = ["bc", "plaintext", "wikitext", "html", "raw", "none"];

/** The JSON printer's parameters and Wikimedia's CentralAuth ones; ApiMain's own are declared. */
const PRINTER_PARAMS = ["format", "formatversion", "callback", "utf8", "ascii", "crossorigin", "centralauthtoken"];

/**
 * ApiMain::reportUnusedParams lists them with array_diff, which keeps each name's index among all the
 * request's names: a list when those run 0..n-1, otherwise an object keyed by index (as raw shows it).
 */
function asPhpList(all: string[], picked: string[]): MessageParam[] | Record<string, string> {
  const indexed = picked.map((name) => [all.indexOf(name), name] as const);
  if (indexed.every(([index], i) => index === i)) return picked;
  return Object.fromEntries(indexed.map(([index, name]) => [String(index), name]));
}

async function endpointName(ctx: Ctx): Promise<string> {
  const params = await apiParams(ctx);
  const action = params.raw("action") ?? "help";
  if (action === "query") return queryEndpoint((name) => params.raw(name));
  return `api/${action}`;
}

function checkAsserts(api: Api): void {
  const assert = api.params.get("assert");
  const viewer = api.viewer;
  if (assert === "user" && viewer.kind !== "user") {
    throw new ApiError("assertuserfailed", "You are no longer logged in, so the action could not be completed.", {}, "main");
  }
  if (assert === "bot" && !viewer.rights.has("bot")) {
    throw new ApiError("assertbotfailed", "You do not have the bot right, so the action could not be completed.", {}, "main");
  }
  if (assert === "anon" && viewer.kind === "user") {
    throw new ApiError("assertanonfailed", "You are no longer logged out, so the action could not be completed.", {}, "main");
  }
  const assertUser = api.params.get("assertuser");
  if (assertUser !== undefined && (viewer.kind !== "user" || viewer.user.name !== assertUser.replaceAll("_", " "))) {
    throw new ApiError("assertnameduserfailed", `You are no longer logged in as "${assertUser}", so the action could not be completed.`, {}, "main");
  }
}

async function handleApi(ctx: Ctx): Promise<SandboxResponse> {
  const params = await apiParams(ctx);
  const wiki = ctx.wiki!;
  params.markUsed(...PRINTER_PARAMS);
  // ApiFormatJson: jQuery adds a `_` cache-buster to JSONP requests; it is never "unrecognized" there.
  if (params.raw("callback") !== undefined) params.markUsed("_");
  const formatVersion = params.raw("formatversion");
  const requestedErrorFormat = params.raw("errorformat") ?? "bc";
  const api: Api = {
    ctx, store: ctx.store, wiki, params, viewer: anonymousViewer(),
    fv2: formatVersion === "2" || formatVersion === "latest",
    // ApiMain's constructor: an unknown errorformat falls back to bc, then fails validation below.
    errorFormat: (ERROR_FORMATS as readonly string[]).includes(requestedErrorFormat) ? (requestedErrorFormat as ErrorFormat) : "bc",
    warnings: [], headers: {}, scriptPath: `/${wiki.host}/w`, cacheMode: "private", cacheMaxAge: 0,
  };
  let moduleName = "main";
  try {
    if (lacksSameOriginSecurity(api)) {
      // Credentials are stripped, so cookies and bearer tokens are never honoured here (CORE ApiMain::__construct).
      api.headers["mediawiki-login-suppressed"] = "true";
    } else {
      const auth = await authenticate(ctx);
      if (!auth.ok) throw new ApiError(auth.errorKey, auth.message);
      api.viewer = auth.viewer;
    }
    // CORE ApiMain::handleCORS
    const origin = params.raw("origin");
    if (origin !== undefined && (origin === "*" || origin === ctx.req.headers.origin)) {
      api.headers["access-control-allow-origin"] = origin;
      api.headers["access-control-allow-credentials"] = origin === "*" ? "false" : "true";
      api.headers["access-control-expose-headers"] = "MediaWiki-API-Error, Retry-After, X-Database-Lag, MediaWiki-Login-Suppressed";
    }

    const main = validateParams(api, "main", "", mainParams(MODULE_NAMES));
    const action = (main.get("action") as string | undefined) ?? "help";
    const apiModule = findModule(action)!;
    // ApiMain::executeAction checks asserts before the module's own parameters, so "am I logged in?" wins.
    checkAsserts(api);
    moduleName = action;
    // ApiMain::setupModule: the module's parameters, then its token.
    if (apiModule.params) validateParams(api, action, apiModule.prefix ?? "", apiModule.params);

    if (apiModule.token) requireToken(api, apiModule.token);
    for (const name of apiModule.postedParams ?? []) {
      if (params.inQueryString(name)) {
        throw new ApiError("mustpostparams", `The following parameter was found in the query string, but must be in the POST body: ${name}.`);
      }
    }
    // ApiMain::checkExecutePermissions
    if (apiModule.readMode && !api.viewer.rights.has("read")) throw readApiDenied();
    if (apiModule.writeMode && ctx.req.headers["promise-non-write-api-action"]) {
      throw new ApiError("promised-nonwrite-api", "The Promise-Non-Write-API-Action HTTP header cannot be sent to write-mode API modules.", {}, "main");
    }
    if (apiModule.writeMode && !api.viewer.rights.has("writeapi")) {
      throw new ApiError("writeapidenied", "You're not allowed to edit this wiki through the API.", {}, "main");
    }
    // ApiMain::sendCacheHeaders: a read module's answer may be kept `maxage` seconds; a write's never.
    if (!apiModule.writeMode) api.cacheMaxAge = (main.get("maxage") as number | undefined) ?? 0;
    api.cacheMode = apiModule.cacheMode ?? "private";
    // ApiMain::checkMaxLag: the sandbox has no replicas, so lag is 0 and any maxlag passes (faults inject it).
    params.int("maxlag");
    if (apiModule.mustBePosted && !params.wasPosted) {
      throw new ApiError("mustbeposted", `The ${action} module requires a POST request.`, {}, "main");
    }

    const result = apiModule.run(api);
    const unused = params.unused();
    if (unused.length > 0) {
      warn(api, "main", "unrecognizedparams", `Unrecognized parameter${unused.length > 1 ? "s" : ""}: ${unused.join(", ")}.`, {
        raw: { key: "apierror-unrecognizedparams", params: [{ list: asPhpList(params.names(), unused), type: "comma" }, unused.length] },
      });
    }
    ctx.logDetails({ action, user: api.viewer.kind === "user" ? api.viewer.user.name : null });
    return renderResult(api, result);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    error.module ??= moduleName;
    ctx.logDetails({ apiError: error.code });
    return renderError(api, error);
  }
}

export function registerAction(router: Router): void {
  for (const method of ["GET", "POST"]) {
    router.add({ method, path: "/:wiki/w/api.php", endpoint: endpointName, handler: handleApi });
  }
}
