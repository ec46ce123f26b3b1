/**
 * Errors of Wikiport's JSON API as RFC 9457 problem details (`application/problem+json`). Scripts switch
 * on `code`, which is stable; `title` is English and names the kind of problem; `detail` is a sentence a
 * person can act on, in the language the request's `Accept-Language` asks for (never a cookie or
 * `uselang`: a script's answers must not change with a browser's state). Nothing here ever carries a
 * stack trace, an exception message from our own code, or a token.
 */
import { z } from "zod";
import { describeFailure, type Failure } from "@/lib/i18n/errors";
import { translatorForBrowser, type Translator } from "@/lib/i18n/translate";
import { describeWikimediaError, WikimediaError, type DescribedError } from "@/lib/wikimedia/errors";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
const TYPE_BASE = "https://wikiport.dev/problems/";

export const API_ERROR_CODES = [
  "unauthorized",
  "malformed_token",
  "insufficient_scope",
  "invalid_request",
  "payload_too_large",
  "not_found",
  "invalid_title",
  "edit_conflict",
  "page_exists",
  "blocked",
  "protected",
  "permission_denied",
  "abuse_filter",
  "captcha",
  "wiki_refused",
  "rate_limited",
  "reconnect_needed",
  "wikimedia_unavailable",
  "internal",
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ApiErrorCode;
  [extension: string]: unknown;
}

const TITLES: Record<ApiErrorCode, string> = {
  unauthorized: "Authentication required",
  malformed_token: "Malformed API token",
  insufficient_scope: "Insufficient scope",
  invalid_request: "Invalid request",
  payload_too_large: "Request body too large",
  not_found: "Not found",
  invalid_title: "Invalid page title",
  edit_conflict: "Edit conflict",
  page_exists: "Page already exists",
  blocked: "Blocked",
  protected: "Protected page",
  permission_denied: "Permission denied",
  abuse_filter: "Stopped by an abuse filter",
  captcha: "CAPTCHA required",
  wiki_refused: "Refused by the wiki",
  rate_limited: "Too many requests",
  reconnect_needed: "Wikimedia connection ended",
  wikimedia_unavailable: "Wikimedia unavailable",
  internal: "Internal error",
};

/**
 * The failure a problem's `detail` was made from, kept out of the JSON (a symbol, not enumerable) until
 * problemResponse says it in the request's language.
 */
const FAILURE = Symbol("wikiport.problemFailure");

/** `detail` is a failure (said in the request's language when answered) or, for documentation examples, English text. */
export function problem(status: number, code: ApiErrorCode, detail: string | Failure, extensions: Record<string, unknown> = {}): Problem {
  // Extensions first: they must never overwrite the members scripts rely on.
  const body: Problem = {
    ...extensions,
    type: `${TYPE_BASE}${code.replaceAll("_", "-")}`,
    title: TITLES[code],
    status,
    detail: typeof detail === "string" ? detail : detail.message,
    code,
  };
  if (typeof detail !== "string") Object.defineProperty(body, FAILURE, { value: detail, enumerable: false });
  return body;
}

/** The language of an API answer's `detail`: the request's `Accept-Language` only (lib/i18n/negotiate.ts). */
export function problemLanguage(request: Pick<Request, "headers">): Translator {
  return translatorForBrowser(request.headers);
}

/**
 * The problem as a response. With the request's translator, `detail` is said in its language and
 * `Content-Language` names it (English for a detail given as text); `Vary` tells caches the body depends
 * on `Accept-Language`. `title` stays English: it names the kind of problem, like `type`.
 */
export function problemResponse(body: Problem, headers: Record<string, string> = {}, t?: Translator): Response {
  const failure = (body as { [FAILURE]?: Failure })[FAILURE];
  const said = t && failure ? { ...body, detail: describeFailure(t, failure) } : body;
  const language: Record<string, string> = t ? { "content-language": failure ? t.language : "en", vary: "Accept-Language" } : {};
  return new Response(JSON.stringify(said), {
    status: body.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store", ...language, ...headers },
  });
}

/** Zod's issues as `errors`: where (a JSON pointer-ish path) and what, never the rejected value itself. */
export function invalidRequest(where: "params" | "query" | "body", issues: readonly z.core.$ZodIssue[]): Problem {
  const part = where === "params" ? "path" : where;
  return problem(400, "invalid_request", { code: "invalid_request", detail: part, message: `The request's ${part} is not valid.` }, {
    errors: issues.map((issue) => ({ in: where, path: issue.path.map(String), code: issue.code, message: issue.message })),
  });
}

/**
 * The request layer's vocabulary (lib/wikimedia/errors.ts) as HTTP. Transient upstream failures become
 * 502/503 with `Retry-After` when Wikimedia said how long to wait; refusals keep their own code so a
 * script can tell a block from a protection.
 */
export function problemFromDescribed(
  error: DescribedError,
  extensions: Record<string, unknown> = {},
): { body: Problem; headers: Record<string, string> } {
  const retry: Record<string, string> =
    error.retryAfterSeconds !== undefined ? { "retry-after": String(Math.max(1, Math.ceil(error.retryAfterSeconds))) } : {};
  const extra = { ...extensions, ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: Math.ceil(error.retryAfterSeconds) } : {}) };
  const with_ = (status: number, code: ApiErrorCode, headers: Record<string, string> = {}) => ({
    body: problem(status, code, error, extra),
    headers,
  });
  switch (error.code) {
    case "not_found":
      return with_(404, "not_found");
    case "invalid_title":
      return with_(400, "invalid_title");
    case "forbidden_host":
      return with_(400, "invalid_request");
    case "edit_conflict":
      return with_(409, "edit_conflict");
    case "page_exists":
      return with_(409, "page_exists");
    case "blocked":
      return with_(403, "blocked");
    case "protected":
      return with_(403, "protected");
    case "permission_denied":
      return with_(403, "permission_denied");
    case "abuse_filter":
      return with_(422, "abuse_filter");
    case "captcha":
      return with_(422, "captcha");
    case "api_error":
    // The JSON API does not undo; should one reach here, it is the wiki's refusal like any other.
    case "undo_failed":
      return with_(422, "wiki_refused");
    case "reconnect_needed":
      // The token is fine; the user's Wikimedia grant is not. 403, not 401: presenting the token again won't help.
      return with_(403, "reconnect_needed");
    case "rate_limited":
      return with_(429, "rate_limited", retry);
    case "maxlag":
    case "readonly":
    case "wikimedia_unavailable":
      return with_(503, "wikimedia_unavailable", retry);
    case "network":
    case "timeout":
    case "bad_response":
      return with_(502, "wikimedia_unavailable", retry);
    case "internal":
      return with_(500, "internal");
  }
}

/**
 * Every error body, as the OpenAPI document describes it: the RFC 9457 members, the stable `code`, and the
 * extensions some codes add. Further extension members may appear (RFC 9457 §3.2), hence the catch-all.
 */
export const problemSchema = z
  .object({
    type: z.string().describe("A URI naming the kind of problem."),
    title: z.string().describe("A short summary of the kind of problem, in English."),
    status: z.number().int().describe("The HTTP status code."),
    detail: z.string().describe("What went wrong this time, as a sentence a person can act on, in the language of the request's Accept-Language."),
    code: z.enum(API_ERROR_CODES).describe("Stable: switch on this."),
    retryAfterSeconds: z.number().int().optional().describe("With 429 and some 502/503: how long to wait (also sent as Retry-After)."),
    requiredScope: z.string().nullable().optional().describe("With insufficient_scope: the scope this endpoint needs."),
    baseRevisionId: z.number().int().optional().describe("With edit_conflict: the revision your text was based on."),
    currentRevisionId: z.number().int().optional().describe("With edit_conflict: the page's latest revision now."),
    errors: z
      .array(z.object({ in: z.enum(["params", "query", "body"]), path: z.array(z.string()), code: z.string(), message: z.string() }))
      .optional()
      .describe("With invalid_request: each part of the request that was not valid."),
  })
  .catchall(z.unknown());

/**
 * The answer to an edit whose base is no longer the page's latest revision. The texts stay on the wiki: a
 * script fetches them by revision id if it wants to merge. Shared by the endpoint and the API guide's example.
 */
export function editConflictProblem(host: string, baseRevisionId: number, currentRevisionId: number): Problem {
  return problemFromDescribed(describeWikimediaError(new WikimediaError("edit_conflict", { host })), { baseRevisionId, currentRevisionId }).body;
}
