/**
 * The transport every call to a wiki goes through. It owns the rules of Wikimedia's API etiquette and
 * of our security list, so no client can forget one:
 * - the policy User-Agent (docs/wikimedia-protocol.md §7);
 * - a timeout per request and an overall deadline per call;
 * - at most 3 requests in flight per token (§7: "≤3 concurrent requests"), queued per credential key,
 *   across every instance when given the database's slots (database-slots.ts);
 * - `Retry-After` honoured on 429, 503 and the Action API's `maxlag`/`readonly` errors, by waiting and
 *   retrying only while the deadline allows, otherwise a typed error carrying the wait;
 * - after a 429, the credential's other calls wait out the same `Retry-After` before sending anything:
 *   Wikimedia's limits are per user and per minute since 2026 (docs/wikimedia-protocol.md §11), so
 *   asking again early only spends the next minute's requests;
 * - edge error pages (HTML or plain text, §7) turned into typed errors by checking Content-Type first;
 * - bearer tokens only for allow-listed wiki URLs, checked before any connection, and redirects
 *   followed by hand so an Authorization header never leaves the wiki it was meant for
 *   (docs/security-requirements.md items 9 and 36).
 * - a credential that keeps cookies (personal tokens) sends back what each wiki set for it, to that wiki
 *   only (cookie-jar.ts; docs/wikimedia-protocol.md §11.3).
 * Tokens and cookies are never logged: log lines carry the wiki and the path only.
 */
import { LRUCache } from "lru-cache";
import { log as defaultLog, type Logger } from "@/lib/log";
import type { WikiCookies } from "./cookie-jar";
import type { DeprecationWatch } from "./deprecations";
import { WikimediaError, type WikimediaErrorCode } from "./errors";
import { apiErrorCodes, parseRetryAfter } from "./headers";
import { sharedStateUnavailable } from "./shared-state-error";
import { mayCarryToken, parseSite } from "./sites";
import { localSlots, SlotTimeout, type SlotPool } from "./slots";
import { CALL_DEADLINE_MS, REQUEST_TIMEOUT_MS } from "./timeouts";

export interface WikiResponse {
  status: number;
  headers: Headers;
  /** The whole body, read within the request's timeout. */
  body: string;
  /** Where the answer came from, after any redirects. */
  url: URL;
  /** Redirects followed on the way, in order (REST 301 normalization, 307 wiki redirect of HTML). */
  hops: { status: number; from: URL; to: URL }[];
}

/**
 * Who a call is made as. `run` gets a `send` that performs the request with a bearer token (or none)
 * and decides what to do when Wikimedia rejects that token (one refresh and one retry for users, see
 * user-token.ts; one new app token for visitors, see app-token.ts).
 */
export interface Credential {
  readonly kind: "user" | "app" | "anonymous";
  /** Requests with the same key share the concurrency cap; one key per user, one for the app token. */
  readonly key: string;
  /**
   * Who is waiting for `key`'s slots, as an opaque key (a visitor's client address, set by the layer
   * that knows it): waiters take turns by it (slots.ts), so one client's flood of reads with the app
   * token cannot queue everyone else behind it (docs/decisions/019-fair-reading.md).
   */
  readonly waiter?: string;
  /** Cookies the wikis set for this credential, sent back with its requests (personal tokens, cookie-jar.ts). */
  readonly cookies?: WikiCookies;
  run(send: (bearer: string | null) => Promise<WikiResponse>): Promise<WikiResponse>;
}

/** `credential` for one waiter: the same token, key and refusal handling, queued under `waiter`. */
export function waitingAs(credential: Credential, waiter: string): Credential {
  return {
    kind: credential.kind,
    key: credential.key,
    waiter,
    ...(credential.cookies ? { cookies: credential.cookies } : {}),
    run: (send) => credential.run(send),
  };
}

/** No token at all: Wikimedia treats the call as an anonymous reader. */
export const anonymousCredential: Credential = {
  kind: "anonymous",
  key: "anonymous",
  run: (send) => send(null),
};

export interface WikiRequest {
  method?: "GET" | "POST" | "PUT";
  url: URL | string;
  /**
   * What a successful body must be; error bodies are always JSON envelopes. `json-body`: JSON whatever the
   * Content-Type says, unless it is an HTML page — for the OAuth profile endpoint, whose Content-Type may
   * not be set on Wikimedia (docs/wikimedia-protocol.md §1.3, quirk a).
   */
  expect?: "json" | "json-body" | "html";
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  /** Epoch milliseconds after which the call gives up, retries and redirects included. */
  deadline?: number;
}

export interface HttpOptions {
  /** From config: `https://{host}/w`, or the sandbox's `http://127.0.0.1:8787/{host}/w`. */
  wikiUrlTemplate: string;
  userAgent: string;
  /** One request's budget (connection, headers and body). Default 10 s. */
  requestTimeoutMs?: number;
  /** A call's budget when the caller gives no deadline. Default 30 s. */
  deadlineMs?: number;
  /** Default 3 (docs/wikimedia-protocol.md §7). Used only without `slots`. */
  maxConcurrentPerKey?: number;
  /** Where a request gets its credential's slot; default: counted in this process only. */
  slots?: SlotPool;
  /** Waits on Retry-After per call. Default 2. */
  maxRetries?: number;
  log?: Logger;
  /** Told about every answer, to notice `Deprecation` headers (deprecations.ts). */
  deprecations?: DeprecationWatch;
}

export type WikimediaHttp = ReturnType<typeof createWikimediaHttp>;

const MAX_REDIRECTS = 5;

/**
 * How much longer than its request's timeout a slot stays taken when its holder never gives it back
 * (the instance died): room for a stalled event loop and the release's own write.
 */
export const SLOT_HOLD_MARGIN_MS = 5_000;

export function isJson(headers: Headers): boolean {
  return /^application\/([a-z0-9.+-]*\+)?json\b/i.test(headers.get("content-type") ?? "");
}

function isHtml(headers: Headers): boolean {
  return /^text\/html\b/i.test(headers.get("content-type") ?? "");
}

/** The wiki a URL belongs to, for messages and logs: the host, or the sandbox's first path segment. */
export function wikiOf(url: URL): string {
  const segment = decodeURIComponent(url.pathname.split("/")[1] ?? "");
  const parsed = parseSite(segment);
  return parsed.ok ? parsed.site.host : url.hostname;
}

/** A wiki's answer as JSON; a body that is not JSON (an HTML error page, a cut-off answer) is `bad_response`. */
export function parseJsonBody(response: WikiResponse): unknown {
  try {
    return JSON.parse(response.body) as unknown;
  } catch (error) {
    throw new WikimediaError("bad_response", { host: wikiOf(response.url), status: response.status, cause: error });
  }
}

/**
 * Two URLs are on the same wiki when they share the origin and the first path segment: in production
 * that segment is `w` (the host is in the origin), in the sandbox it is the wiki's host.
 */
function sameWiki(a: URL, b: URL): boolean {
  return a.origin === b.origin && a.pathname.split("/")[1] === b.pathname.split("/")[1];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A short look into an error body for the facts that pick an error code; never throws. */
export function envelopeFacts(response: WikiResponse): { errorKey?: string; apiCode?: string } {
  if (!isJson(response.headers)) return {};
  try {
    const body = JSON.parse(response.body) as Record<string, unknown>;
    const facts: { errorKey?: string; apiCode?: string } = {};
    if (typeof body.errorKey === "string") facts.errorKey = body.errorKey;
    if (typeof body.actionModuleErrorCode === "string") facts.apiCode = body.actionModuleErrorCode;
    const errors = body.errors;
    if (Array.isArray(errors) && typeof errors[0]?.code === "string") facts.apiCode = errors[0].code;
    const error = body.error as Record<string, unknown> | undefined;
    if (error && typeof error.code === "string") facts.apiCode = error.code;
    return facts;
  } catch {
    return {};
  }
}

/** Answers that say "not now, later": which error they become, and how long Wikimedia asked us to wait. */
function backOffSignal(response: WikiResponse): { code: WikimediaErrorCode; retryAfter: number | undefined } | null {
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
  const apiCodes = apiErrorCodes(response.headers);
  if (response.status === 429) return { code: "rate_limited", retryAfter };
  // maxlag: HTTP 200 from api.php (CORE ApiMain::checkMaxLag), 503 from rest.php; both send Retry-After.
  if (apiCodes.includes("maxlag") || (response.status === 503 && envelopeFacts(response).errorKey === "maxlag")) {
    return { code: "maxlag", retryAfter };
  }
  if (apiCodes.includes("readonly")) return { code: "readonly", retryAfter };
  if (response.status === 503 && retryAfter !== undefined) return { code: "wikimedia_unavailable", retryAfter };
  return null;
}

export function createWikimediaHttp(options: HttpOptions) {
  const template = options.wikiUrlTemplate;
  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const defaultDeadlineMs = options.deadlineMs ?? CALL_DEADLINE_MS;
  const maxRetries = options.maxRetries ?? 2;
  const logger = options.log ?? defaultLog;
  const slots = options.slots ?? localSlots(options.maxConcurrentPerKey ?? 3);
  /** Credential key → when Wikimedia said it may ask again (epoch ms), after a 429. In this process only. */
  const pausedUntil = new LRUCache<string, number>({ max: 10_000, ttl: 15 * 60_000 });

  /** Waits out a credential's pause when the deadline allows; otherwise the 429 again, without asking. */
  async function waitForTurn(key: string, host: string, deadline: number): Promise<void> {
    const until = pausedUntil.get(key);
    if (until === undefined) return;
    const waitMs = until - Date.now();
    if (waitMs <= 0) {
      pausedUntil.delete(key);
      return;
    }
    if (Date.now() + waitMs >= deadline) {
      throw new WikimediaError("rate_limited", { host, status: 429, retryAfterSeconds: Math.ceil(waitMs / 1000) });
    }
    await sleep(waitMs);
  }

  function refuse(url: URL, reason: string): WikimediaError {
    // Only the origin: a refused URL may carry anything in its path or query.
    logger.warn("wikimedia.forbidden_host", { origin: url.origin, reason });
    return new WikimediaError("forbidden_host", { host: url.hostname });
  }

  function checkAllowed(raw: URL | string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new WikimediaError("forbidden_host");
    }
    // `origin` ignores userinfo, so mayCarryToken alone would let `https://x@en.wikipedia.org/` through.
    if (url.username || url.password) throw refuse(url, "userinfo");
    if (!mayCarryToken(url, template)) throw refuse(url, "not_allow_listed");
    return url;
  }

  /** One attempt: a slot, one fetch, the whole body, within the request timeout and the deadline. */
  async function attempt(
    url: URL,
    init: { method: string; headers: Record<string, string>; body: string | undefined },
    key: string,
    waiter: string | undefined,
    deadline: number,
  ): Promise<WikiResponse> {
    const host = wikiOf(url);
    let release: () => void | Promise<void>;
    try {
      release = await slots.acquire(key, { deadline, holdMs: requestTimeoutMs + SLOT_HOLD_MARGIN_MS, ...(waiter !== undefined ? { waiter } : {}) });
    } catch (error) {
      if (error instanceof SlotTimeout) throw new WikimediaError("timeout", { host });
      throw sharedStateUnavailable(error, logger, "wikimedia.slots_unavailable");
    }
    try {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new WikimediaError("timeout", { host });
      const signal = AbortSignal.timeout(Math.min(requestTimeoutMs, remaining));
      let response: Response;
      try {
        response = await fetch(url, { ...init, redirect: "manual", signal });
      } catch (error) {
        throw new WikimediaError(signal.aborted ? "timeout" : "network", { host, cause: error });
      }
      let body: string;
      try {
        body = await response.text();
      } catch (error) {
        // Headers arrived but the body did not: cut off mid-way, or stalled past the timeout.
        throw new WikimediaError(signal.aborted ? "timeout" : "bad_response", { host, status: response.status, cause: error });
      }
      return { status: response.status, headers: response.headers, body, url, hops: [] };
    } finally {
      await release();
    }
  }

  /**
   * Performs a request with the given bearer token (or none), following same-wiki redirects and
   * waiting out Retry-After within the deadline. Returns 2xx answers of the expected type, 3xx never,
   * and 4xx JSON envelopes for the API client to map; throws a `WikimediaError` for everything else.
   */
  async function request(
    req: WikiRequest & { bearer: string | null; key: string; waiter: string | undefined; cookies: WikiCookies | undefined },
  ): Promise<WikiResponse> {
    const deadline = req.deadline ?? Date.now() + defaultDeadlineMs;
    const method = req.method ?? "GET";
    const expect = req.expect ?? "json";
    let url = checkAllowed(req.url);
    const headers: Record<string, string> = {
      accept: expect === "html" ? "text/html, application/json;q=0.5" : "application/json",
      ...req.headers,
      // Set last so a caller's header cannot replace the policy User-Agent (docs/wikimedia-protocol.md §7).
      "user-agent": options.userAgent,
    };
    // Case-sensitive `Bearer`: EXT ResourceServer treats `bearer …` as anonymous (docs/wikimedia-protocol.md §4).
    if (req.bearer) headers.authorization = `Bearer ${req.bearer}`;
    const body = req.body === undefined ? undefined : String(req.body);
    if (req.body instanceof URLSearchParams) headers["content-type"] ??= "application/x-www-form-urlencoded";

    let retries = 0;
    const hops: WikiResponse["hops"] = [];
    for (;;) {
      await waitForTurn(req.key, wikiOf(url), deadline);
      // Per attempt: a redirect's target gets only the cookies that belong to it.
      const cookie = req.cookies ? await req.cookies.header(url) : "";
      const response = await attempt(url, { method, headers: cookie ? { ...headers, cookie } : headers, body }, req.key, req.waiter, deadline);
      if (req.cookies) await req.cookies.keep(url, response.headers.getSetCookie());
      const host = wikiOf(url);
      options.deprecations?.notice({ method, url, host, headers: response.headers });

      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        const location = response.headers.get("location");
        // REST answers title normalization with 301 and wiki redirects of HTML with 307 (§6.3); a
        // write is never redirected, so a 3xx there is not an answer we understand.
        if (!location || (method !== "GET" && response.status !== 307 && response.status !== 308) || hops.length >= MAX_REDIRECTS) {
          throw new WikimediaError("bad_response", { host, status: response.status });
        }
        const target = new URL(location, url);
        // Re-check before the next connection: the token must not follow a redirect to another host.
        if (target.username || target.password || !mayCarryToken(target, template)) throw refuse(target, "redirect_not_allow_listed");
        if (!sameWiki(url, target)) throw refuse(target, "redirect_to_other_wiki");
        hops.push({ status: response.status, from: url, to: target });
        url = target;
        continue;
      }

      const backOff = backOffSignal(response);
      if (backOff) {
        const waitMs = (backOff.retryAfter ?? 0) * 1000;
        if (backOff.code === "rate_limited" && waitMs > 0) pausedUntil.set(req.key, Date.now() + waitMs);
        if (backOff.retryAfter !== undefined && retries < maxRetries && Date.now() + waitMs < deadline) {
          retries += 1;
          logger.info("wikimedia.retry_after", { host, path: url.pathname, status: response.status, reason: backOff.code, waitMs });
          await sleep(waitMs);
          continue;
        }
        const facts = envelopeFacts(response);
        throw new WikimediaError(backOff.code, {
          host,
          status: response.status,
          ...facts,
          ...(backOff.retryAfter !== undefined ? { retryAfterSeconds: backOff.retryAfter } : {}),
        });
      }

      if (response.status >= 500) {
        logger.warn("wikimedia.unavailable", { host, path: url.pathname, status: response.status });
        throw new WikimediaError("wikimedia_unavailable", { host, status: response.status, ...envelopeFacts(response) });
      }
      const ok = response.status >= 200 && response.status < 300;
      const expected =
        ok && expect === "html" ? isHtml(response.headers) : ok && expect === "json-body" ? !isHtml(response.headers) : isJson(response.headers);
      // 401 may come with an empty body and `WWW-Authenticate: … invalid_token`: the credential decides.
      if (!expected && response.status !== 401) {
        // An edge page (Varnish/ATS) instead of an API answer: HTML or plain text (§7).
        logger.warn("wikimedia.unexpected_body", { host, path: url.pathname, status: response.status, contentType: response.headers.get("content-type") });
        throw new WikimediaError(ok ? "bad_response" : "wikimedia_unavailable", { host, status: response.status });
      }
      return { ...response, url, hops };
    }
  }

  return {
    wikiUrlTemplate: template,
    /** The request as `credential`: its token, its concurrency key, its answer to a rejected token. */
    async send(credential: Credential, req: WikiRequest): Promise<WikiResponse> {
      checkAllowed(req.url);
      return credential.run((bearer) => request({ ...req, bearer, key: credential.key, waiter: credential.waiter, cookies: credential.cookies }));
    },
  };
}
