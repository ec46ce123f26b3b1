/**
 * The one wrapper every `/api/v1` route goes through: authentication, scope and rate limits
 * (authenticate.ts), zod validation of path, query and body with the route's own schemas (schemas.ts),
 * the answer checked against the route's documented response schema, and every failure as problem+json.
 * A handler body only ever sees typed, validated input and an authenticated user.
 */
import "server-only";
import type { z } from "zod";
import type { ApiTokenScope } from "@/lib/api-tokens";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { log } from "@/lib/log";
import { API_RATE_LIMIT, createRateLimiter, type RateLimiter } from "@/lib/rate-limit";
import { appRateLimitStore } from "@/lib/rate-limit/app-store";
import { AUTH_FAILURE_LIMIT, createAuthFailureLimiter, type AuthFailureLimiter } from "./auth-failures";
import { authenticate } from "./authenticate";
import { invalidRequest, problem, problemFromDescribed, problemLanguage, problemResponse, type Problem } from "./problem";
import type { ApiRoute } from "./schemas";
import type { Failure } from "@/lib/i18n/errors";
import type { Translator } from "@/lib/i18n/translate";
import type { DescribedError } from "@/lib/wikimedia/errors";

/** Comfortably above the largest valid body (2 MiB of wikitext, JSON-escaped), so a huge upload is refused unread. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

// One of each, shared by every route and (through the database) every instance: the request limit is per
// token, not per endpoint, and the failure limit per client address. Made on first use, with the
// operator's settings (lib/env.ts).
let limiters: { perToken: RateLimiter; failures: AuthFailureLimiter } | undefined;

function apiLimiters(): { perToken: RateLimiter; failures: AuthFailureLimiter } {
  if (!limiters) {
    const configured = getConfig().limits;
    const store = appRateLimitStore();
    limiters = {
      perToken: createRateLimiter(store, { name: "api", ...(configured.api ?? API_RATE_LIMIT) }),
      failures: createAuthFailureLimiter(store, configured.apiAuthFailures ?? AUTH_FAILURE_LIMIT),
    };
  }
  return limiters;
}

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiContext<R extends ApiRoute> {
  request: Request;
  userId: string;
  tokenId: string;
  scopes: ApiTokenScope[];
  params: Output<R["params"]>;
  query: Output<R["query"]>;
  body: Output<R["body"]>;
}

/** Thrown by a handler body to answer with a problem; anything else thrown becomes a generic 500. */
export class ApiProblem extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
  }
}

function json(data: unknown, status: number): Response {
  return Response.json(data, { status, headers: { "cache-control": "no-store" } });
}

const TOO_LARGE: Failure = { code: "payload_too_large", message: "The request body is too large: page text is limited to 2 MiB." };
const NOT_JSON: Failure = { code: "invalid_request", detail: "json", message: "The request body must be a JSON object." };
const INTERNAL: DescribedError = { code: "internal", message: "Something went wrong in Wikiport. Try again; if it keeps happening, tell us." };

async function readBody(request: Request, t: Translator): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) {
    return { ok: false, response: problemResponse(problem(413, "payload_too_large", TOO_LARGE), {}, t) };
  }
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) {
    return { ok: false, response: problemResponse(problem(413, "payload_too_large", TOO_LARGE), {}, t) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      response: problemResponse(problem(400, "invalid_request", NOT_JSON, { errors: [{ in: "body", path: [], code: "invalid_json", message: "Not valid JSON" }] }), {}, t),
    };
  }
}

/**
 * `run` returns the success body; it goes out only after the route's response schema parsed it, so the
 * OpenAPI document (generated from that schema) describes what is really sent. A mismatch is a bug and
 * answers 500 rather than an undocumented shape.
 */
export function apiHandler<const R extends ApiRoute>(route: R, run: (context: ApiContext<R>) => Promise<z.input<R["response"]>>) {
  return async function handle(request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> {
    const t = problemLanguage(request);
    try {
      const auth = await authenticate(request, route.scope, { db: getDb(), ...apiLimiters(), trustedProxyHops: getConfig().app.trustedProxyHops });
      if (!auth.ok) return auth.response;

      const rawParams = await context.params;
      const params = route.params ? route.params.safeParse(rawParams) : null;
      if (params && !params.success) return problemResponse(invalidRequest("params", params.error.issues), {}, t);

      const query = route.query ? route.query.safeParse(Object.fromEntries(new URL(request.url).searchParams)) : null;
      if (query && !query.success) return problemResponse(invalidRequest("query", query.error.issues), {}, t);

      let body: { success: true; data: unknown } | null = null;
      if (route.body) {
        const raw = await readBody(request, t);
        if (!raw.ok) return raw.response;
        const parsed = route.body.safeParse(raw.value);
        if (!parsed.success) return problemResponse(invalidRequest("body", parsed.error.issues), {}, t);
        body = parsed;
      }

      const data = await run({
        request,
        userId: auth.userId,
        tokenId: auth.tokenId,
        scopes: auth.scopes,
        params: params?.data as Output<R["params"]>,
        query: query?.data as Output<R["query"]>,
        body: body?.data as Output<R["body"]>,
      });
      return json(route.response.parse(data), route.status);
    } catch (error) {
      if (error instanceof ApiProblem) return problemResponse(error.problem, error.headers, t);
      // Only the error's class reaches the log: messages can quote upstream text or request data.
      log.error("api.unhandled", { route: route.operationId, error: error instanceof Error ? error.name : "unknown" });
      const { body, headers } = problemFromDescribed(INTERNAL);
      return problemResponse(body, headers, t);
    }
  };
}

/** A failure from the request layer (lib/wikimedia/errors.ts `DescribedError`) as an ApiProblem. */
export function wikimediaProblem(error: Parameters<typeof problemFromDescribed>[0], extensions: Record<string, unknown> = {}): ApiProblem {
  const { body, headers } = problemFromDescribed(error, extensions);
  return new ApiProblem(body, headers);
}
