/**
 * The Action API of a wiki (`/w/api.php`, docs/wikimedia-protocol.md §5). Always
 * `format=json&formatversion=2&errorformat=plaintext`, so booleans are booleans and errors come as an
 * `errors` array with plain text. Writes are POSTs with `maxlag=5` (Wikimedia's ask of bots, §5.4) and,
 * for users, `assert=user`, so a session that silently became anonymous fails instead of editing as an
 * IP. CSRF and watch tokens come from `action=query&meta=tokens` (`action=tokens` was removed in 2021,
 * §5.3); they are cached per credential and wiki, and a `badtoken` refetches once and retries once.
 */
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { CACHE_BUDGET, stringBytes } from "@/lib/cache-budget";
import { codeForApiError, WikimediaError, type AbuseFilterDetails, type BlockDetails } from "./errors";
import { apiErrorCodes, parseRetryAfter } from "./headers";
import { parseJsonBody, wikiOf, type Credential, type WikiResponse, type WikimediaHttp } from "./http";
import { siteUrls, type Site } from "./sites";

export interface ActionClientOptions {
  http: WikimediaHttp;
  /** Bytes of (credential, wiki, type) tokens to remember (lib/cache-budget.ts). */
  tokenCacheBytes?: number;
}

export interface CallOptions {
  /** Epoch milliseconds; shared by the token fetch, retries and a token refresh. */
  deadline?: number;
}

type ParamValue = string | number | boolean | readonly string[] | undefined;
export type ApiParams = Record<string, ParamValue>;

export type TokenType = "csrf" | "watch";

export interface EditInput {
  title: string;
  /** One of `text`, `appendText`, `prependText` is required (§5.4). */
  text?: string;
  appendText?: string;
  prependText?: string;
  /** `0..n` or `new`. */
  section?: string;
  sectionTitle?: string;
  summary?: string;
  minor?: boolean;
  /** The revision the user started from: enables edit-conflict detection. */
  baseRevisionId?: number;
  baseTimestamp?: string;
  startTimestamp?: string;
  createOnly?: boolean;
  noCreate?: boolean;
  watchlist?: "watch" | "unwatch" | "preferences" | "nochange";
  tags?: readonly string[];
  /**
   * Reverts this revision's change (`undo`, §5.4) instead of sending a text: the wiki merges the
   * reversal into the current text, or answers `undofailure` when later edits touched the same lines.
   */
  undo?: number;
  /** With `undo`: revert every revision after this one up to `undo`. */
  undoAfter?: number;
}

export interface EditResult {
  pageId: number;
  title: string;
  created: boolean;
  /** A null edit: the text was already the page's text, so no revision was made. */
  noChange: boolean;
  oldRevisionId: number | null;
  newRevisionId: number | null;
  timestamp: string | null;
  watched: boolean;
}

export interface WatchResult {
  title: string;
  watched: boolean;
  missing: boolean;
}

const errorItemSchema = z
  .object({
    code: z.string(),
    text: z.string().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

/** errorformat=plaintext gives `errors`; some early failures may still use the bc `error` object (§5.1). */
const envelopeSchema = z
  .object({
    errors: z.array(errorItemSchema).optional(),
    error: z.object({ code: z.string(), info: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

const tokensSchema = z.object({
  query: z.object({ tokens: z.record(z.string(), z.string()) }),
});

const editSchema = z.object({
  edit: z
    .object({
      result: z.string(),
      pageid: z.number().int().optional(),
      title: z.string().optional(),
      new: z.boolean().optional(),
      nochange: z.boolean().optional(),
      oldrevid: z.number().int().optional(),
      newrevid: z.number().int().optional(),
      newtimestamp: z.string().optional(),
      watched: z.boolean().optional(),
      captcha: z.unknown().optional(),
    })
    .passthrough(),
});

const watchSchema = z.object({
  watch: z.array(
    z
      .object({
        title: z.string(),
        watched: z.boolean().optional(),
        unwatched: z.boolean().optional(),
        missing: z.boolean().optional(),
      })
      .passthrough(),
  ),
});

const blockInfoSchema = z
  .object({
    blockid: z.number().optional(),
    blockedby: z.string().optional(),
    blockreason: z.string().optional(),
    blockexpiry: z.string().optional(),
    blockpartial: z.boolean().optional(),
  })
  .passthrough();

const abuseFilterSchema = z
  .object({ id: z.union([z.string(), z.number()]).optional(), description: z.string().optional() })
  .passthrough();

/** Multi-value parameters: `a|b`, or U+001F-separated when a value contains `|` (ApiBase). */
function encodeParams(params: ApiParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === false) continue;
    if (value === true) out.set(name, "1");
    else if (typeof value === "number") out.set(name, String(value));
    else if (typeof value === "string") out.set(name, value);
    else out.set(name, value.some((item) => item.includes("|")) ? `\x1f${value.join("\x1f")}` : value.join("|"));
  }
  return out;
}

function blockDetails(data: Record<string, unknown> | undefined): BlockDetails | undefined {
  const parsed = blockInfoSchema.safeParse(data?.blockinfo);
  if (!parsed.success) return undefined;
  const info = parsed.data;
  return {
    id: info.blockid ?? null,
    by: info.blockedby ?? null,
    reason: info.blockreason ?? null,
    expiry: info.blockexpiry ?? null,
    partial: info.blockpartial ?? false,
  };
}

function abuseFilterDetails(code: string, data: Record<string, unknown> | undefined): AbuseFilterDetails {
  const parsed = abuseFilterSchema.safeParse(data?.abusefilter);
  return {
    id: parsed.success && parsed.data.id !== undefined ? String(parsed.data.id) : null,
    description: parsed.success ? (parsed.data.description ?? null) : null,
    // Re-submitting after a warning normally succeeds (§5.4).
    warning: code === "abusefilter-warning",
  };
}

/** The Action API error of an answer, if it carries one (body `errors`/`error`, or the header alone). */
export function actionErrorFrom(response: WikiResponse, body: unknown): WikimediaError | null {
  const host = wikiOf(response.url);
  const parsed = envelopeSchema.safeParse(body);
  const envelope = parsed.success ? parsed.data : {};
  const first = envelope.errors?.[0];
  const code = first?.code ?? envelope.error?.code ?? apiErrorCodes(response.headers)[0];
  if (!code) return null;
  const text = first?.text ?? envelope.error?.info;
  const data = first?.data ?? (envelope.error as Record<string, unknown> | undefined);
  const mapped = codeForApiError(code);
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
  return new WikimediaError(mapped, {
    host,
    status: response.status,
    apiCode: code,
    ...(text !== undefined ? { upstreamText: text } : {}),
    ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    ...(mapped === "blocked" ? { block: blockDetails(data) } : {}),
    ...(mapped === "abuse_filter" ? { abuseFilter: abuseFilterDetails(code, data) } : {}),
    // action=edit reports no revision ids with `editconflict` (§5.4).
    ...(mapped === "edit_conflict" ? { conflict: { baseRevisionId: null, currentRevisionId: null } } : {}),
    ...(code === "badtoken"
      ? { message: "The wiki did not accept Wikiport's edit token. Try again; if it keeps happening, sign in again.", detail: "bad-token" }
      : {}),
  });
}

export function createActionClient(options: ActionClientOptions) {
  const { http } = options;
  // 64: lru-cache's bookkeeping and the strings' headers, per entry.
  const tokenCache = new LRUCache<string, string>({
    maxSize: options.tokenCacheBytes ?? CACHE_BUDGET.actionTokens,
    sizeCalculation: (value, key) => 64 + stringBytes(key) + stringBytes(value),
  });

  function apiUrl(site: Site): string {
    return siteUrls(site, http.wikiUrlTemplate).api;
  }

  /** One api.php call; answers with an API error are thrown as `WikimediaError`s. */
  async function call<T>(
    as: Credential,
    site: Site,
    method: "GET" | "POST",
    params: ApiParams,
    schema: z.ZodType<T>,
    opts: CallOptions,
  ): Promise<T> {
    const all = encodeParams({ ...params, format: "json", formatversion: 2, errorformat: "plaintext" });
    const deadline = opts.deadline !== undefined ? { deadline: opts.deadline } : {};
    let url = apiUrl(site);
    let body: URLSearchParams | undefined;
    if (method === "GET") {
      url = `${url}?${all.toString()}`;
    } else {
      // The token goes last, so a request cut short by a proxy lacks it and fails safely (API:Edit).
      const token = all.get("token");
      all.delete("token");
      if (token !== null) all.append("token", token);
      body = all;
    }
    const response = await http.send(as, { url, method, ...(body ? { body } : {}), ...deadline });
    const json = parseJsonBody(response);
    const error = actionErrorFrom(response, json);
    if (error) throw error;
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new WikimediaError("bad_response", { host: site.host, status: response.status, cause: parsed.error });
    }
    return parsed.data;
  }

  function cacheKey(as: Credential, site: Site, type: TokenType): string {
    return `${as.key}\n${site.host}\n${type}`;
  }

  /** A CSRF or watch token from `action=query&meta=tokens` (§5.2), cached unless `fresh`. */
  async function token(as: Credential, site: Site, type: TokenType, opts: CallOptions & { fresh?: boolean } = {}): Promise<string> {
    const key = cacheKey(as, site, type);
    const cached = opts.fresh ? undefined : tokenCache.get(key);
    if (cached) return cached;
    const data = await call(as, site, "GET", { action: "query", meta: "tokens", type }, tokensSchema, opts);
    const value = data.query.tokens[`${type}token`];
    if (!value) throw new WikimediaError("bad_response", { host: site.host });
    tokenCache.set(key, value);
    return value;
  }

  /** A write: the token, the POST with maxlag and assert, and one fresh token after `badtoken`. */
  async function write<T>(as: Credential, site: Site, type: TokenType, params: ApiParams, schema: z.ZodType<T>, opts: CallOptions): Promise<T> {
    const posted: ApiParams = { ...params, maxlag: 5, ...(as.kind === "user" ? { assert: "user" } : {}) };
    try {
      return await call(as, site, "POST", { ...posted, token: await token(as, site, type, opts) }, schema, opts);
    } catch (error) {
      if (!(error instanceof WikimediaError && error.apiCode === "badtoken")) throw error;
      // The session behind the cached token is gone (e.g. the user signed in again): one new token, one retry.
      tokenCache.delete(cacheKey(as, site, type));
      return call(as, site, "POST", { ...posted, token: await token(as, site, type, { ...opts, fresh: true }) }, schema, opts);
    }
  }

  return {
    token,

    /** A read (GET) with any parameters, its answer checked by `schema`. */
    get<T>(as: Credential, site: Site, params: ApiParams, schema: z.ZodType<T>, opts: CallOptions = {}): Promise<T> {
      return call(as, site, "GET", params, schema, opts);
    },

    /** `action=edit` (§5.4). A CAPTCHA request (`result: "Failure"`) is the `captcha` error. */
    async edit(as: Credential, site: Site, input: EditInput, opts: CallOptions = {}): Promise<EditResult> {
      const params: ApiParams = {
        action: "edit",
        title: input.title,
        text: input.text,
        appendtext: input.appendText,
        prependtext: input.prependText,
        section: input.section,
        sectiontitle: input.sectionTitle,
        // An undo without a summary gets the wiki's own "Undo revision N by X" (ApiEditPage checks for null).
        summary: input.summary ?? (input.undo !== undefined ? undefined : ""),
        minor: input.minor,
        baserevid: input.baseRevisionId,
        basetimestamp: input.baseTimestamp,
        starttimestamp: input.startTimestamp,
        createonly: input.createOnly,
        nocreate: input.noCreate,
        watchlist: input.watchlist,
        tags: input.tags && input.tags.length > 0 ? input.tags : undefined,
        undo: input.undo,
        undoafter: input.undoAfter,
      };
      const { edit } = await write(as, site, "csrf", params, editSchema, opts);
      if (edit.result === "Failure") {
        // A hook's soft failure, HTTP 200 with no `errors` (§5.4); ConfirmEdit adds `captcha`.
        throw new WikimediaError(edit.captcha !== undefined ? "captcha" : "api_error", {
          host: site.host,
          apiCode: "edit-failure",
          ...(edit.captcha === undefined ? { message: `${site.host} did not save the edit: one of its checks stopped it. Try editing on the wiki itself.`, detail: "edit-stopped" } : {}),
        });
      }
      if (edit.result !== "Success" || edit.pageid === undefined || edit.title === undefined) {
        throw new WikimediaError("bad_response", { host: site.host });
      }
      return {
        pageId: edit.pageid,
        title: edit.title,
        created: edit.new ?? false,
        noChange: edit.nochange ?? false,
        oldRevisionId: edit.oldrevid ?? null,
        newRevisionId: edit.newrevid ?? null,
        timestamp: edit.newtimestamp ?? null,
        watched: edit.watched ?? false,
      };
    },

    /** `action=watch` with a `watch` token (§5.5). */
    async watch(
      as: Credential,
      site: Site,
      input: { titles: readonly string[]; unwatch?: boolean; expiry?: string },
      opts: CallOptions = {},
    ): Promise<WatchResult[]> {
      const params: ApiParams = { action: "watch", titles: input.titles, unwatch: input.unwatch, expiry: input.expiry };
      const { watch } = await write(as, site, "watch", params, watchSchema, opts);
      return watch.map((entry) => ({ title: entry.title, watched: entry.watched ?? false, missing: entry.missing ?? false }));
    },
  };
}

export type ActionClient = ReturnType<typeof createActionClient>;
