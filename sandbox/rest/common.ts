/**
 * Shared pieces of the REST API (CORE includes/Rest): the auth gate every route passes, route URLs,
 * title normalization redirects (PageRedirectHelper), the page metadata object, conditional-request
 * headers and parameter-validation errors (Validator::validateParams).
 */
import { authenticate, type Viewer } from "../auth";
import { parseTitle, isoTimestamp, type ParsedTitle } from "../content/pages";
import { restError } from "../errors";
import { escapeHtml, type Ctx, type SandboxResponse } from "../http";
import type { PageRecord, RevisionRecord } from "../state";
import type { Wiki } from "../wikis";

export const LICENSE = {
  url: "https://creativecommons.org/licenses/by-sa/4.0/",
  title: "Creative Commons Attribution-Share Alike 4.0",
} as const;

/** PageContentHelper: short client caching; the ETag and Last-Modified let clients revalidate. */
export const CACHE_CONTROL = "max-age=5";

export type RestHandler = (ctx: Ctx & { wiki: Wiki }, viewer: Viewer) => Promise<SandboxResponse> | SandboxResponse;

/**
 * Every REST route authenticates first: a bad bearer token is a 403 envelope before the handler runs
 * (RestCheckCanExecute hook, docs/wikimedia-protocol.md §4).
 */
export function restRoute(handler: RestHandler, options: { needsRead?: boolean } = {}) {
  return async (ctx: Ctx): Promise<SandboxResponse> => {
    const auth = await authenticate(ctx);
    if (!auth.ok) return restError(403, auth.errorKey, auth.message);
    if (!ctx.wiki) return restError(404, "rest-no-match", "The requested relative path did not match any known handler.");
    if ((options.needsRead ?? true) && !auth.viewer.rights.has("read")) {
      return restError(403, "rest-permission-denied-title", "You do not have permission to read this page.");
    }
    return handler(ctx as Ctx & { wiki: Wiki }, auth.viewer);
  };
}

/** PHP rawurlencode, which the REST router applies to path parameters. */
export function rawurlencode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Router::getRoutePath: the path of a route on this wiki, e.g. `/en.wikipedia.org/w/rest.php/v1/page/Earth`. */
export function routePath(wiki: Wiki, route: string): string {
  return `/${wiki.host}/w/rest.php/v1/${route}`;
}

/** Router::getRouteUrl: the absolute URL of a route. */
export function routeUrl(ctx: Ctx, wiki: Wiki, route: string): string {
  return `${ctx.store.config.publicUrl.replace(/\/$/, "")}${routePath(wiki, route)}`;
}

export function pageRoute(dbKey: string, suffix = ""): string {
  return `page/${rawurlencode(dbKey)}${suffix}`;
}

export function withQuery(url: string, query: URLSearchParams): string {
  const search = query.toString();
  return search ? `${url}?${search}` : url;
}

export function pageMetadata(page: PageRecord, revision: RevisionRecord) {
  return {
    id: page.id,
    key: page.title.replaceAll(" ", "_"),
    title: page.title,
    latest: { id: revision.id, timestamp: isoTimestamp(revision.timestamp) },
    content_model: "wikitext",
    license: LICENSE,
  };
}

export type TitleResolution = { ok: true; title: ParsedTitle } | { ok: false; response: SandboxResponse };

/**
 * The `{title}` path parameter: invalid → 404 rest-invalid-title; not in prefixed-DB-key form → 301 to
 * the normalized route, with a path-only Location as current core sends (useRelativeRedirects) and the
 * query kept (PageRedirectHelper::createNormalizationRedirectResponseIfNeeded).
 */
export function resolvePathTitle(ctx: Ctx & { wiki: Wiki }, suffix: string, options: { normalize: boolean } = { normalize: true }): TitleResolution {
  const requested = ctx.params.title ?? "";
  const title = parseTitle(ctx.wiki, requested);
  if (!title) return { ok: false, response: restError(404, "rest-invalid-title", `The specified title (${requested}) is not valid`) };
  if (options.normalize && requested !== title.dbKey) {
    const location = withQuery(routePath(ctx.wiki, pageRoute(title.dbKey, suffix)), ctx.url.searchParams);
    // MediaWiki's redirects carry a tiny HTML page that links to the target (ResponseFactory::createRedirect).
    const link = escapeHtml(location);
    const body = `<!doctype html><title>Redirect</title><a href="${link}">${link}</a>`;
    return { ok: false, response: { status: 301, headers: { location, "cache-control": CACHE_CONTROL, "content-type": "text/html" }, body } };
  }
  return { ok: true, title };
}

export function nonexistentTitle(requested: string): SandboxResponse {
  return restError(404, "rest-nonexistent-title", `The specified title (${requested}) does not exist`);
}

/** The validators a route sends, on its 200 and on its 304 alike (ConditionalHeaderUtil::applyResponseHeaders). */
export function conditionalHeaders(etag: string, lastModified: number): Record<string, string> {
  return {
    "cache-control": CACHE_CONTROL,
    etag,
    "last-modified": new Date(Math.floor(lastModified / 1000) * 1000).toUTCString(),
    vary: "Accept-Encoding, Accept-Language",
  };
}

/**
 * ConditionalHeaderUtil::checkPreconditions (docs/wikimedia-protocol.md §6.9): If-None-Match, compared
 * weakly, wins over If-Modified-Since; a match answers 304 with no body. `*` never matches (core's header
 * parser gives it no contents), and a list that does not parse matches nothing.
 */
export function notModified(ctx: Ctx, etag: string, lastModified: number): SandboxResponse | null {
  const headers = conditionalHeaders(etag, lastModified);
  const ifNoneMatch = ctx.req.headers["if-none-match"];
  if (ifNoneMatch !== undefined) {
    const tags = parseEntityTags(ifNoneMatch);
    const ours = parseEntityTags(etag)?.[0];
    const matches = tags !== null && ours !== undefined && tags.some((tag) => tag === ours);
    return matches ? { status: 304, headers, body: "" } : null;
  }
  const ifModifiedSince = ctx.req.headers["if-modified-since"];
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    if (!Number.isNaN(since) && Math.floor(lastModified / 1000) * 1000 <= since) return { status: 304, headers, body: "" };
  }
  return null;
}

/** The opaque parts of a comma-separated list of entity-tags (`W/` dropped), or null when it does not parse (HeaderParser/IfNoneMatch). */
function parseEntityTags(header: string): string[] | null {
  const tags: string[] = [];
  const tag = /\s*(?:W\/)?"([!#-~\x80-\xff]*)"\s*(,|$)/y;
  let match: RegExpExecArray | null;
  while ((match = tag.exec(header)) !== null) {
    tags.push(match[1]!);
    if (match[2] === "") return tag.lastIndex === header.length ? tags : null;
  }
  return null;
}

const VALIDATION_MESSAGES: Record<string, (name: string, value: string, data: Record<string, unknown> | null) => string> = {
  missingparam: (name) => `The "${name}" parameter must be set.`,
  badinteger: (name, value) => `Invalid value "${value}" for integer parameter "${name}".`,
  outofrange: (name, value, data) => `The value "${value}" for parameter "${name}" must be between ${String(data?.min)} and ${String(data?.max)}.`,
  badvalue: (name, value) => `Unrecognized value for parameter "${name}": ${value}.`,
  needstring: (name) => `Parameter "${name}" must be a string.`,
  badtype: (name) => `Parameter "${name}" has the wrong JSON type.`,
};

/** Validator::validateParams failure: 400 with `error: parameter-validation-failed` and the failure details. */
export function parameterError(name: string, value: unknown, failureCode: keyof typeof VALIDATION_MESSAGES, failureData: Record<string, unknown> | null = null): SandboxResponse {
  const shown = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  const key = failureCode === "outofrange" ? "paramvalidator-outofrange-minmax" : `paramvalidator-${failureCode}`;
  return restError(400, key, VALIDATION_MESSAGES[failureCode]!(name, shown, failureData), {
    error: "parameter-validation-failed",
    name,
    value: value ?? null,
    failureCode,
    failureData,
  });
}

/** An integer query parameter: absent → null; malformed → a 400 response. */
export function integerParam(ctx: Ctx, name: string, range?: { min: number; max: number }): { ok: true; value: number | null } | { ok: false; response: SandboxResponse } {
  const raw = ctx.url.searchParams.get(name);
  if (raw === null) return { ok: true, value: null };
  if (!/^[-+]?\d+$/.test(raw.trim())) return { ok: false, response: parameterError(name, raw, "badinteger") };
  const value = Number(raw.trim());
  if (range && (value < range.min || value > range.max)) {
    return { ok: false, response: parameterError(name, raw, "outofrange", { min: range.min, curmax: range.max, max: range.max, highmax: range.max }) };
  }
  return { ok: true, value };
}
