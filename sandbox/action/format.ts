/**
 * The response envelope (docs/wikimedia-protocol.md §5.1): formatversion 1 and 2, errorformat bc and the modern
 * formats, warnings, the requested top-level fields and the MediaWiki-API-Error header. Module errors are
 * HTTP 200 (CORE ApiMain::handleException).
 */
import { escapeHtml, html, json, sandboxUrl, type SandboxResponse } from "../http";
import { isoTimestamp } from "../content/pages";
import type { ApiError, RawMessage } from "./api-error";
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

interface Message {
  code: string;
  text: string;
  raw?: RawMessage | undefined;
  data?: Record<string, unknown> | undefined;
}

/** ApiErrorFormatter::formatMessageInternal for the non-bc formats; `data` only when there is some. */
function formatMessage(format: ErrorFormat, message: Message, kind: "error" | "warning"): Record<string, unknown> {
  const { code, text } = message;
  let out: Record<string, unknown>;
  switch (format) {
    case "html":
      out = { code, html: escapeHtml(text) };
      break;
    case "raw": {
      const prefix = kind === "error" ? "apierror-" : "apiwarn-";
      out = { code, ...(message.raw ?? { key: code.startsWith(prefix) ? code : `${prefix}${code}`, params: [] }) };
      break;
    }
    case "none":
      out = { code };
      break;
    default:
      out = { code, text };
  }
  if (message.data && Object.keys(message.data).length > 0) out.data = message.data;
  return out;
}

function warningsBlock(api: Api): unknown {
  if (api.warnings.length === 0) return undefined;
  if (api.errorFormat !== "bc") {
    return api.warnings.map((w) => ({ ...formatMessage(api.errorFormat, w, "warning"), module: w.module }));
  }
  // ApiErrorFormatter_BackCompat joins a module's warnings with newlines under "warnings" or "*", keyed by
  // the last part of the module path ("query+revisions" → "revisions").
  const byModule = new Map<string, ApiWarning[]>();
  for (const warning of api.warnings) {
    const name = warning.module.slice(warning.module.lastIndexOf("+") + 1);
    byModule.set(name, [...(byModule.get(name) ?? []), warning]);
  }
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

/**
 * Wikimedia's Vary for cacheable answers: core's Accept-Encoding, Treat-as-Untrusted and Cookie, plus
 * X-Forwarded-Proto ($wgVaryOnXFP) and Authorization (the OAuth session provider's getVaryHeaders).
 */
export const CACHEABLE_VARY = "Accept-Encoding, Treat-as-Untrusted, X-Forwarded-Proto, Cookie, Authorization";

/** ApiMain::sendCacheHeaders: Cache-Control, and Vary and Expires when the answer may be cached. */
function cacheHeaders(api: Api, isError: boolean): Record<string, string> {
  const privateCache = { "cache-control": `private, must-revalidate, max-age=${api.cacheMaxAge}` };
  // Errors are never cached publicly (handleException falls back to the private mode).
  if (isError || api.cacheMode === "private") return privateCache;
  const vary = { vary: CACHEABLE_VARY };
  if (api.cacheMode === "anon-public-user-private" && api.viewer.kind === "user" && api.viewer.via === "session") return { ...vary, ...privateCache };
  const sMaxAge = Number(api.params.raw("smaxage") ?? 0) || 0;
  const maxAge = Number(api.params.raw("maxage") ?? 0) || 0;
  if (sMaxAge <= 0 && maxAge <= 0) return { ...vary, ...privateCache };
  const lifetime = Math.max(0, Math.min(sMaxAge, maxAge));
  const expires = new Date(lifetime === 0 ? 1000 : api.store.now() + lifetime * 1000).toUTCString();
  return { ...vary, expires, "cache-control": `s-maxage=${sMaxAge}, max-age=${maxAge}, public` };
}

/**
 * Headers every api.php answer carries: WebStart's nosniff, ApiFormatBase's X-Frame-Options
 * ($wgApiFrameOptions = DENY) and Content-Disposition, and the cache headers (docs/wikimedia-protocol.md §5.7).
 */
function standardHeaders(api: Api, filename: string, isError: boolean): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "content-disposition": `inline; filename=${filename}`,
    ...cacheHeaders(api, isError),
  };
}

/** ApiFormatJson: JSONP keeps only these characters of the callback's name. */
function jsonpCallback(api: Api): string | undefined {
  const callback = api.params.raw("callback");
  return callback === undefined ? undefined : callback.replace(/[^\][.'"_A-Za-z0-9]/g, "");
}

/**
 * ApiResult::validateValue runs every string through UtfNormal\Validator::cleanUp: NFC, and C0 controls
 * other than tab, newline and carriage return become U+FFFD (so a U+001F multi-value never comes back).
 */
function cleanStrings(value: unknown): unknown {
  if (typeof value === "string") return value.normalize("NFC").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "\ufffd");
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanStrings(item)]));
  }
  return value;
}

function encode(api: Api, value: unknown, headers: Record<string, string | string[]>, isError: boolean): SandboxResponse {
  const cleaned = cleanStrings(value);
  const data = api.fv2 ? cleaned : toFormatVersion1(cleaned);
  let body = JSON.stringify(data);
  // FormatJson: formatversion=1 escapes non-ASCII unless utf8=1; formatversion=2 does so only with ascii=1.
  const ascii = api.fv2 ? api.params.bool("ascii") : !api.params.bool("utf8");
  if (ascii) body = body.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const format = api.params.raw("format") ?? "jsonfm";
  if (format === "jsonfm") {
    const pretty = JSON.stringify(JSON.parse(body), null, 4);
    return html(
      200,
      `<!DOCTYPE html><html class="client-nojs" lang="en" dir="ltr"><head><meta charset="UTF-8"><title>MediaWiki API result</title></head>` +
        `<body><div class="api-pretty-header">This is the HTML representation of the JSON format. Specify the format parameter to change the output format. To see the non-HTML representation of the JSON format, set format=json.</div>` +
        `<pre class="api-pretty-content">${escapeHtml(pretty)}</pre></body></html>`,
      { ...standardHeaders(api, "api-result.html", isError), ...api.headers, ...headers },
    );
  }
  const callback = jsonpCallback(api);
  if (callback !== undefined) {
    // ApiFormatJson: the leading comment defeats content sniffers (T70187).
    return {
      status: 200,
      headers: { "content-type": "text/javascript; charset=utf-8", ...standardHeaders(api, "api-result.js", isError), ...api.headers, ...headers },
      body: `/**/${callback}(${body})`,
    };
  }
  const response = json(200, null, { ...standardHeaders(api, "api-result.json", isError), ...api.headers, ...headers });
  return { ...response, body };
}

export function renderResult(api: Api, result: Record<string, unknown>): SandboxResponse {
  const warnings = warningsBlock(api);
  const out = { ...requestedFields(api, false), ...(warnings ? { warnings } : {}), ...result };
  return encode(api, out, {}, false);
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
    const entry = { ...formatMessage(api.errorFormat, { code: error.code, text: error.info, raw: error.raw, data: error.data }, "error"), module: moduleName };
    out = {
      ...requestedFields(api, true),
      ...(warnings ? { warnings } : {}),
      errors: [entry],
      docref: docref(api),
      servedby: SERVED_BY,
    };
  }
  return encode(api, out, { "mediawiki-api-error": error.code, ...headers }, true);
}
