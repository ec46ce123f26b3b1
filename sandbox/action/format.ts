/**
 * The response envelope (docs/wikimedia-protocol.md §5.1): formatversion 1 and 2, errorformat bc and the modern
 * formats, warnings, the requested top-level fields and the MediaWiki-API-Error header. Module errors are
 * HTTP 200 (CORE ApiMain::handleException).
 */
import { escapeHtml, html, json, sandboxUrl, type SandboxResponse } from "../http";
import { isoTimestamp } from "../content/pages";
import type { ApiError } from "./api-error";
import type { Api, ApiWarning, ErrorFormat } from "./context";

export const SERVED_BY = "sandbox";

/** ApiResult BC transformation: true becomes "" and false disappears. */
export function toFormatVersion1(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== false).map((item) => (item === true ? "" : toFormatVersion1(item)));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === false || item === undefined) continue;
      out[key] = item === true ? "" : toFormatVersion1(item);
    }
    return out;
  }
  return value;
}

export function docref(api: Api): string {
  const apiUrl = sandboxUrl(api.ctx, `${api.scriptPath}/api.php`);
  return (
    `See ${apiUrl} for API usage. Subscribe to the mediawiki-api-announce mailing list at ` +
    "&lt;https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia.org/&gt; " +
    "for notice of API deprecations and breaking changes."
  );
}

/** ApiErrorFormatter::formatMessageInternal for the non-bc formats. */
function formatMessage(format: ErrorFormat, code: string, text: string): Record<string, unknown> {
  switch (format) {
    case "html":
      return { code, html: escapeHtml(text) };
    case "raw":
      return { code, key: code.startsWith("apierror-") ? code : `apierror-${code}`, params: [] };
    case "none":
      return { code };
    default:
      return { code, text };
  }
}

function warningsBlock(api: Api): unknown {
  if (api.warnings.length === 0) return undefined;
  if (api.errorFormat !== "bc") {
    return api.warnings.map((w) => ({ ...formatMessage(api.errorFormat, w.code, w.text), module: w.module }));
  }
  // ApiErrorFormatter_BackCompat joins a module's warnings with newlines under "warnings" or "*".
  const byModule = new Map<string, ApiWarning[]>();
  for (const warning of api.warnings) byModule.set(warning.module, [...(byModule.get(warning.module) ?? []), warning]);
  const out: Record<string, unknown> = {};
  for (const [module, list] of byModule) {
    out[module] = { [api.fv2 ? "warnings" : "*"]: list.map((w) => w.text).join("\n") };
  }
  return out;
}

/** ApiMain::addRequestedFields, placed on top of the result. */
function requestedFields(api: Api, isError: boolean): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const requestId = api.params.get("requestid");
  if (requestId !== undefined) fields.requestid = requestId;
  if (!isError && api.params.bool("servedby")) fields.servedby = SERVED_BY;
  if (api.params.bool("curtimestamp")) fields.curtimestamp = isoTimestamp(api.store.now());
  return fields;
}

function encode(api: Api, value: unknown, headers: Record<string, string | string[]>): SandboxResponse {
  const data = api.fv2 ? value : toFormatVersion1(value);
  let body = JSON.stringify(data);
  // FormatJson: formatversion=1 escapes non-ASCII unless utf8=1; formatversion=2 does so only with ascii=1.
  const ascii = api.fv2 ? api.params.bool("ascii") : !api.params.bool("utf8");
  if (ascii) body = body.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const all = { ...api.headers, ...headers };
  const format = api.params.raw("format") ?? "jsonfm";
  if (format === "jsonfm") {
    const pretty = JSON.stringify(JSON.parse(body), null, 4);
    return html(
      200,
      `<!DOCTYPE html><html class="client-nojs" lang="en" dir="ltr"><head><meta charset="UTF-8"><title>MediaWiki API result</title></head>` +
        `<body><div class="api-pretty-header">This is the HTML representation of the JSON format. Specify the format parameter to change the output format. To see the non-HTML representation of the JSON format, set format=json.</div>` +
        `<pre class="api-pretty-content">${escapeHtml(pretty)}</pre></body></html>`,
      all,
    );
  }
  const response = json(200, null, all);
  return { ...response, body };
}

export function renderResult(api: Api, result: Record<string, unknown>): SandboxResponse {
  const warnings = warningsBlock(api);
  const out = { ...requestedFields(api, false), ...(warnings ? { warnings } : {}), ...result };
  return encode(api, out, {});
}

export function renderError(api: Api, error: ApiError, headers: Record<string, string> = {}): SandboxResponse {
  const moduleName = error.module ?? "main";
  const warnings = warningsBlock(api);
  let out: Record<string, unknown>;
  if (api.errorFormat === "bc") {
    out = {
      ...requestedFields(api, true),
      ...(warnings ? { warnings } : {}),
      error: { code: error.code, info: error.info, ...error.data, [api.fv2 ? "docref" : "*"]: docref(api) },
      servedby: SERVED_BY,
    };
  } else {
    const entry = { ...formatMessage(api.errorFormat, error.code, error.info), ...(Object.keys(error.data).length > 0 ? { data: error.data } : {}), module: moduleName };
    out = {
      ...requestedFields(api, true),
      ...(warnings ? { warnings } : {}),
      errors: [entry],
      docref: docref(api),
      servedby: SERVED_BY,
    };
  }
  return encode(api, out, { "mediawiki-api-error": error.code, ...headers });
}
