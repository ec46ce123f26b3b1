/**
 * The one wrapper every `/api/v1` route goes through: bearer-token authentication and scope, the per-token
 * rate limit, zod validation of path, query and body with the route's own schemas (schemas.ts), and every
 * failure as problem+json. A handler body only ever sees typed, validated input and an authenticated user.
 *
 * Only `Authorization: Bearer wkp_…` authenticates here, never the session cookie: a browser attaches
 * cookies to cross-site requests by itself, so accepting them would let any web page make a signed-in
 * visitor's browser edit or unwatch on their behalf (CSRF, security.md item 32). A bearer token has to be
 * put on the request deliberately by whoever holds it, which no other site can do.
 */
import "server-only";
import type { z } from "zod";
import { verifyApiToken, type ApiTokenScope } from "@/lib/api-tokens";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { invalidRequest, problem, problemFromDescribed, problemResponse, type Problem } from "./problem";
import { createRateLimiter } from "@/lib/rate-limit";
import type { ApiRoute } from "./schemas";

/** Comfortably above the largest valid body (2 MiB of wikitext, JSON-escaped), so a huge upload is refused unread. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;
const REALM = 'Bearer realm="wikiport"';

// One limiter per process, shared by every route: the limit is per token, not per endpoint.
const limiter = createRateLimiter();

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

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { "cache-control": "no-store" } });
}

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer[ ]+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

function unauthorized(code: "unauthorized" | "malformed_token", detail: string): Response {
  const error = code === "malformed_token" || detail !== MISSING ? ', error="invalid_token"' : "";
  return problemResponse(problem(401, code, detail), { "www-authenticate": `${REALM}${error}` });
}

const MISSING = "Send a Wikiport API token as `Authorization: Bearer wkp_…`. Create one on your dashboard.";

async function readBody(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) {
    return { ok: false, response: problemResponse(problem(413, "payload_too_large", "The request body is too large: page text is limited to 2 MiB.")) };
  }
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) {
    return { ok: false, response: problemResponse(problem(413, "payload_too_large", "The request body is too large: page text is limited to 2 MiB.")) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: problemResponse(problem(400, "invalid_request", "The request body must be a JSON object.", { errors: [{ in: "body", path: [], code: "invalid_json", message: "Not valid JSON" }] })) };
  }
}

export function apiHandler<const R extends ApiRoute>(route: R, run: (context: ApiContext<R>) => Promise<Response>) {
  return async function handle(request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> {
    try {
      const presented = bearerToken(request);
      if (presented === null) return unauthorized("unauthorized", MISSING);
      const verified = verifyApiToken(getDb(), presented, route.scope ? { requiredScope: route.scope } : {});
      if (!verified.ok) {
        if (verified.code === "insufficient_scope") {
          return problemResponse(problem(403, "insufficient_scope", verified.message, { requiredScope: route.scope }), {
            "www-authenticate": `${REALM}, error="insufficient_scope", scope="${route.scope ?? ""}"`,
          });
        }
        return unauthorized(verified.code === "malformed" ? "malformed_token" : "unauthorized", verified.message);
      }

      const decision = limiter.take(verified.tokenId);
      if (!decision.ok) {
        return problemResponse(
          problem(429, "rate_limited", `This token made too many requests. Try again in ${decision.retryAfterSeconds} seconds.`, {
            retryAfterSeconds: decision.retryAfterSeconds,
          }),
          { "retry-after": String(decision.retryAfterSeconds) },
        );
      }

      const rawParams = await context.params;
      const params = route.params ? route.params.safeParse(rawParams) : null;
      if (params && !params.success) return problemResponse(invalidRequest("params", params.error.issues));

      const query = route.query ? route.query.safeParse(Object.fromEntries(new URL(request.url).searchParams)) : null;
      if (query && !query.success) return problemResponse(invalidRequest("query", query.error.issues));

      let body: { success: true; data: unknown } | null = null;
      if (route.body) {
        const raw = await readBody(request);
        if (!raw.ok) return raw.response;
        const parsed = route.body.safeParse(raw.value);
        if (!parsed.success) return problemResponse(invalidRequest("body", parsed.error.issues));
        body = parsed;
      }

      return await run({
        request,
        userId: verified.userId,
        tokenId: verified.tokenId,
        scopes: verified.scopes,
        params: params?.data as Output<R["params"]>,
        query: query?.data as Output<R["query"]>,
        body: body?.data as Output<R["body"]>,
      });
    } catch (error) {
      if (error instanceof ApiProblem) return problemResponse(error.problem, error.headers);
      // Only the error's class reaches the log: messages can quote upstream text or request data.
      log.error("api.unhandled", { route: route.operationId, error: error instanceof Error ? error.name : "unknown" });
      const { body, headers } = problemFromDescribed({ code: "internal", message: "Something went wrong in Wikiport. Try again; if it keeps happening, tell us." });
      return problemResponse(body, headers);
    }
  };
}

/** A failure from the request layer (lib/wikimedia/errors.ts `DescribedError`) as an ApiProblem. */
export function wikimediaProblem(error: Parameters<typeof problemFromDescribed>[0], extensions: Record<string, unknown> = {}): ApiProblem {
  const { body, headers } = problemFromDescribed(error);
  return new ApiProblem({ ...extensions, ...body }, headers);
}
