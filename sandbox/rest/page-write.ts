/**
 * `PUT /v1/page/{title}` and `POST /v1/page` (CORE UpdateHandler, CreationHandler, EditHandler,
 * ActionModuleBasedHandler): JSON bodies, CSRF rules by session kind, and action=edit's outcome mapped
 * to REST statuses exactly as docs/wikimedia-protocol.md §6.6 lists them.
 */
import type { Viewer } from "../auth";
import { performEdit, type EditInput, type EditResult } from "../content/edit";
import { parseTitle, type ParsedTitle } from "../content/pages";
import { tokenMatches } from "../action/tokens";
import type { Api } from "../action/context";
import { restError } from "../errors";
import { contentType, json, type Ctx, type SandboxResponse } from "../http";
import type { Wiki } from "../wikis";
import { pageMetadata, pageRoute, parameterError, routeUrl, type RestHandler } from "./common";

type Body = Record<string, unknown>;

/** Content models MediaWiki defines; only wikitext pages exist in the sandbox. */
const KNOWN_CONTENT_MODELS = ["wikitext", "javascript", "json", "css", "text"];

/** Handler::parseBodyData: a body is required, must be JSON, and must be a JSON object. */
async function jsonBody(ctx: Ctx): Promise<{ ok: true; body: Body } | { ok: false; response: SandboxResponse }> {
  const raw = await ctx.body();
  if (raw.length === 0) {
    return { ok: false, response: restError(411, "rest-request-body-expected", "A request body was expected, but none was given.") };
  }
  const type = contentType(ctx.req);
  if (type !== "application/json") {
    return { ok: false, response: restError(415, "rest-unsupported-content-type", `Unsupported Content-Type: ${type || "(none)"}`, { content_type: type }) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString("utf8"));
  } catch (error) {
    const detail = error instanceof Error ? error.message : "Syntax error";
    return { ok: false, response: restError(400, "rest-json-body-parse-error", `Malformed JSON body: ${detail}`) };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, response: restError(400, "rest-json-body-parse-error", "Malformed JSON body: the body must be a JSON object") };
  }
  return { ok: true, body: parsed as Body };
}

function requiredString(body: Body, name: string): { ok: true; value: string } | { ok: false; response: SandboxResponse } {
  const value = body[name];
  if (value === undefined || value === null) return { ok: false, response: parameterError(name, null, "missingparam") };
  if (typeof value !== "string") return { ok: false, response: parameterError(name, value, "badvalue") };
  return { ok: true, value };
}

function checkContentModel(body: Body): SandboxResponse | null {
  const model = body.content_model;
  if (model === undefined) return null;
  if (typeof model !== "string") return parameterError("content_model", model, "badvalue");
  if (!KNOWN_CONTENT_MODELS.includes(model) || model !== "wikitext") {
    return restError(400, "rest-bad-content-model", `Invalid content model: ${model}`, { content_model: model });
  }
  return null;
}

/**
 * Handler::checkSession / TokenAwareHandlerTrait: an OAuth session is safe against CSRF, so a token is
 * refused; cookie and anonymous sessions must send the session's CSRF token (anonymous: `+\`).
 */
function checkToken(ctx: Ctx, wiki: Wiki, viewer: Viewer, body: Body): SandboxResponse | null {
  const viaOAuth = ctx.req.headers.authorization?.startsWith("Bearer") ?? false;
  const token = body.token;
  if (viaOAuth) {
    if (token === undefined) return null;
    return restError(400, "rest-extraneous-csrf-token", "Extraneous CSRF token found. CSRF tokens must not be used when using a non-cookie based authentication method.");
  }
  if (token === undefined || token === null || token === "") {
    return restError(403, "rest-badtoken-missing", "The CSRF token is missing: the request body must contain a \"token\" field.");
  }
  // The Action API owns token derivation; reuse its check so a token from meta=tokens works here too.
  const api = { ctx, store: ctx.store, wiki, viewer, headers: {} } as unknown as Api;
  if (typeof token !== "string" || !tokenMatches(api, "csrf", token)) {
    return restError(403, "rest-badtoken", "The CSRF token in the request body is not valid.");
  }
  return null;
}

function mapEditResult(ctx: Ctx & { wiki: Wiki }, result: EditResult, mode: "update" | "create", title: ParsedTitle): SandboxResponse {
  if (result.status === "success") {
    const body = { ...pageMetadata(result.page, result.revision), source: result.revision.content };
    const created = result.isNew && !result.noChange;
    if (mode === "create") {
      return json(created ? 201 : 200, body, { location: routeUrl(ctx, ctx.wiki, pageRoute(body.key)) });
    }
    return json(created ? 201 : 200, body);
  }
  if (result.status === "failure") {
    // EditHandler::mapActionModuleResult: a hook's soft failure (e.g. a CAPTCHA) is not an edit conflict in content.
    return restError(409, "rest-edit-conflict", "Edit conflict: Failure");
  }
  switch (result.code) {
    case "editconflict":
      // No `base`/`current` ids: UpdateHandler::getConflictData builds them only with a JSON diff function,
      // which only core's tests set, so neither MediaWiki 1.39 nor Wikimedia sends them (docs/wikimedia-protocol.md §6.6).
      return restError(409, result.messageKey, result.info);
    case "articleexists":
      if (mode === "update") {
        return restError(
          409,
          "rest-update-cannot-create-page",
          `The page "${title.text}" already exists. To update the existing page, provide the base revision ID in the structure under "latest" in the request body.`,
        );
      }
      return restError(409, result.messageKey, result.info);
    case "missingtitle":
      return restError(404, result.messageKey, result.info);
    case "protectedpage":
    case "badtoken":
      return restError(403, result.messageKey, result.info);
    case "ratelimited":
      return restError(429, result.messageKey, result.info);
    default:
      return restError(400, result.messageKey, result.info, { actionModuleErrorCode: result.code });
  }
}

function invalidTitle(raw: string): SandboxResponse {
  return restError(400, "apierror-invalidtitle", `Bad title "${raw}".`, { actionModuleErrorCode: "invalidtitle" });
}

/** The body fields PUT and POST share: a JSON object with `source`, `comment` and a wikitext model. */
async function editBody(
  ctx: Ctx,
): Promise<{ ok: true; body: Body; source: string; comment: string } | { ok: false; response: SandboxResponse }> {
  const parsed = await jsonBody(ctx);
  if (!parsed.ok) return parsed;
  const body = parsed.body;
  const source = requiredString(body, "source");
  if (!source.ok) return source;
  const comment = requiredString(body, "comment");
  if (!comment.ok) return comment;
  const modelError = checkContentModel(body);
  if (modelError) return { ok: false, response: modelError };
  return { ok: true, body, source: source.value, comment: comment.value };
}

export const updateHandler: RestHandler = async (ctx, viewer) => {
  const fields = await editBody(ctx);
  if (!fields.ok) return fields.response;
  const { body, source, comment } = fields;
  let baseRevId: number | undefined;
  if (body.latest !== undefined) {
    const latest = body.latest;
    if (typeof latest !== "object" || latest === null || Array.isArray(latest)) return parameterError("latest", latest, "badvalue");
    const id = (latest as Record<string, unknown>).id;
    // JSON types are enforced: "123" is not an integer (UpdateHandler body schema).
    if (typeof id !== "number" || !Number.isInteger(id)) return parameterError("latest", latest, "badinteger");
    baseRevId = id;
  }
  const tokenError = checkToken(ctx, ctx.wiki, viewer, body);
  if (tokenError) return tokenError;
  const rawTitle = ctx.params.title ?? "";
  const title = parseTitle(ctx.wiki, rawTitle);
  if (!title) return invalidTitle(rawTitle);

  // UpdateHandler::getActionModuleParameters: with a base revision → baserevid + nocreate; without → createonly.
  const input: EditInput = {
    wiki: ctx.wiki, title, viewer, text: source, summary: comment, minor: false,
    createOnly: baseRevId === undefined,
    noCreate: baseRevId !== undefined,
    ...(baseRevId !== undefined && baseRevId > 0 ? { baseRevId } : {}),
  };
  return mapEditResult(ctx, performEdit(ctx.store, input), "update", title);
};

export const createHandler: RestHandler = async (ctx, viewer) => {
  const fields = await editBody(ctx);
  if (!fields.ok) return fields.response;
  const { body, source, comment } = fields;
  const rawTitle = requiredString(body, "title");
  if (!rawTitle.ok) return rawTitle.response;
  const tokenError = checkToken(ctx, ctx.wiki, viewer, body);
  if (tokenError) return tokenError;
  const title = parseTitle(ctx.wiki, rawTitle.value);
  if (!title) return invalidTitle(rawTitle.value);
  const input: EditInput = {
    wiki: ctx.wiki, title, viewer, text: source, summary: comment, minor: false, createOnly: true, noCreate: false,
  };
  return mapEditResult(ctx, performEdit(ctx.store, input), "create", title);
};
