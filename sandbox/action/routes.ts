/**
 * api.php at `/:wiki/w/api.php` (CORE ApiMain). The order of checks follows ApiMain::executeAction:
 * session (ApiBeforeMain: a bad bearer token fails first), module lookup, asserts, token, read/write
 * rights, maxlag, POST-only, then the module; unknown parameters become warnings afterwards.
 */
import { anonymousViewer, authenticate } from "../auth";
import type { Ctx, SandboxResponse } from "../http";
import type { Router } from "../router";
import { ApiError, readApiDenied } from "./api-error";
import type { Api, ErrorFormat } from "./context";
import { warn } from "./context";
import { renderError, renderResult } from "./format";
import { findModule } from "./modules";
import { queryEndpoint } from "./query";
import { apiParams } from "./request";
import { requireToken } from "./tokens";

const ERROR_FORMATS: readonly ErrorFormat[] = ["bc", "plaintext", "wikitext", "html", "raw", "none"];

/** Parameters ApiMain and the JSON printer own; never "unrecognized". */
const MAIN_PARAMS = [
  "action", "format", "formatversion", "maxlag", "smaxage", "maxage", "assert", "assertuser", "requestid",
  "servedby", "curtimestamp", "responselanginfo", "origin", "crossorigin", "uselang", "variant", "errorformat",
  "errorlang", "errorsuselocal", "centralauthtoken", "callback", "utf8", "ascii",
];

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
  if (assert !== undefined && !["user", "bot", "anon"].includes(assert)) {
    throw new ApiError("badvalue", `Unrecognized value for parameter "assert": ${assert}.`);
  }
  const assertUser = api.params.get("assertuser");
  if (assertUser !== undefined && (viewer.kind !== "user" || viewer.user.name !== assertUser.replaceAll("_", " "))) {
    throw new ApiError("assertnameduserfailed", `You are no longer logged in as "${assertUser}", so the action could not be completed.`, {}, "main");
  }
}

async function handleApi(ctx: Ctx): Promise<SandboxResponse> {
  const params = await apiParams(ctx);
  const wiki = ctx.wiki!;
  params.markUsed(...MAIN_PARAMS);
  const formatVersion = params.raw("formatversion");
  const requestedErrorFormat = params.raw("errorformat") ?? "bc";
  const api: Api = {
    ctx, store: ctx.store, wiki, params, viewer: anonymousViewer(),
    fv2: formatVersion === "2" || formatVersion === "latest",
    errorFormat: (ERROR_FORMATS as readonly string[]).includes(requestedErrorFormat) ? (requestedErrorFormat as ErrorFormat) : "bc",
    warnings: [], headers: {}, scriptPath: `/${wiki.host}/w`,
  };
  let moduleName = "main";
  try {
    if (api.errorFormat !== requestedErrorFormat) {
      throw new ApiError("badvalue", `Unrecognized value for parameter "errorformat": ${requestedErrorFormat}.`);
    }
    // CORE ApiMain::handleCORS: origin=* makes the request anonymous whatever credentials it carries.
    const origin = params.raw("origin");
    if (origin === "*") {
      api.headers["access-control-allow-origin"] = "*";
      api.headers["mediawiki-login-suppressed"] = "true";
    } else {
      const auth = await authenticate(ctx);
      if (!auth.ok) throw new ApiError(auth.errorKey, auth.message);
      api.viewer = auth.viewer;
      if (origin !== undefined && origin === ctx.req.headers.origin) {
        api.headers["access-control-allow-origin"] = origin;
        api.headers["access-control-allow-credentials"] = "true";
      }
    }

    const action = params.raw("action") ?? "help";
    const apiModule = findModule(action);
    if (!apiModule) throw new ApiError("badvalue", `Unrecognized value for parameter "action": ${action}.`);
    // ApiMain::executeAction checks asserts before the module's own parameters, so "am I logged in?" wins.
    checkAsserts(api);
    moduleName = action;

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
    // ApiMain::checkMaxLag: the sandbox has no replicas, so lag is 0 and any maxlag passes (faults inject it).
    params.int("maxlag");
    if (apiModule.mustBePosted && !params.wasPosted) {
      throw new ApiError("mustbeposted", `The ${action} module requires a POST request.`, {}, "main");
    }

    const result = apiModule.run(api);
    const unused = params.unused();
    if (unused.length > 0) {
      warn(api, "main", "unrecognizedparams", `Unrecognized parameter${unused.length > 1 ? "s" : ""}: ${unused.join(", ")}.`);
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
