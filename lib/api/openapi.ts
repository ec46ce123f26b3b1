/**
 * The OpenAPI 3.1 document, generated from API_ROUTES: parameters, request bodies and success bodies are
 * the JSON Schema of the zod schemas the handler validates with (3.1 uses JSON Schema 2020-12 as is), and
 * every error is the problem+json schema the handler's errors follow.
 */
import { API_TOKEN_PATTERN } from "@/lib/api-tokens/format";
import { problemSchema } from "./problem";
import { API_ROUTES, jsonSchemaOf, type ApiRoute, type ErrorStatus } from "./schemas";

type JsonObject = Record<string, unknown>;

export const OPENAPI_PATH = "/api/v1/openapi.json";

/** What each error status means here; the statuses every route can answer come from the handler itself. */
const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: "The path, query or body is not valid (`invalid_request`, `invalid_title`); `errors` lists each problem.",
  401: "No token, or a malformed, unknown, revoked or expired one (`unauthorized`, `malformed_token`).",
  403: "The token lacks the scope (`insufficient_scope`), the Wikimedia connection ended (`reconnect_needed`), or the wiki refused (`blocked`, `protected`, `permission_denied`).",
  404: "No such page (`not_found`).",
  409: "The page changed since `baseRevisionId` (`edit_conflict`, with `baseRevisionId` and `currentRevisionId`), or it exists and no base was sent (`page_exists`).",
  413: "The body is larger than a page may be (`payload_too_large`).",
  422: "The wiki refused the change (`abuse_filter`, `captcha`, `wiki_refused`).",
  429: "Too many requests for this token, or too many failed authentications from this address (`rate_limited`); wait for `Retry-After` seconds.",
  500: "Something went wrong in Wikiport (`internal`).",
  502: "Wikimedia did not answer properly (`wikimedia_unavailable`).",
  503: "Wikimedia is busy, lagged or read-only (`wikimedia_unavailable`); wait for `Retry-After` seconds when given.",
};

/** Every route can answer these: authentication, the limits, and Wikiport's own failure. */
const COMMON_ERRORS: readonly ErrorStatus[] = [401, 429, 500];

const RETRY_AFTER = { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 1 } };

/** An error's `detail` is in the language the request asks for (lib/api/problem.ts); `title` stays English. */
const ACCEPT_LANGUAGE = {
  name: "Accept-Language",
  in: "header",
  required: false,
  description:
    "The language of an error's `detail` (RFC 9110 §12.5.4), e.g. `de` or `he, en;q=0.5`: one of Wikiport's interface " +
    "languages (en, de, fr, es, he, ar) or a language that falls back to one; English otherwise. `code`, `type` and `title` do not change.",
  schema: { type: "string" },
};
const CONTENT_LANGUAGE = { description: "The language of `detail`.", schema: { type: "string" } };
const VARY = { description: "`Accept-Language`: `detail` depends on it.", schema: { type: "string" } };

export function errorStatusesOf(route: ApiRoute): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>([...COMMON_ERRORS, ...route.errors]);
  if (route.params || route.query || route.body) statuses.add(400);
  if (route.scope) statuses.add(403);
  if (route.body) statuses.add(413);
  return [...statuses].sort((a, b) => a - b);
}

function parametersOf(route: ApiRoute): JsonObject[] {
  const out: JsonObject[] = [];
  for (const [location, schema] of [
    ["path", route.params],
    ["query", route.query],
  ] as const) {
    if (!schema) continue;
    const json = jsonSchemaOf(schema) as { properties?: Record<string, JsonObject>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = property;
      out.push({
        name,
        in: location,
        required: location === "path" || (json.required ?? []).includes(name),
        ...(typeof description === "string" ? { description } : {}),
        schema: rest,
      });
    }
  }
  out.push(ACCEPT_LANGUAGE);
  return out;
}

function problemResponse(status: ErrorStatus): JsonObject {
  return {
    description: ERROR_DESCRIPTIONS[status],
    headers: {
      "Content-Language": CONTENT_LANGUAGE,
      Vary: VARY,
      ...(status === 429 || status === 503 ? { "Retry-After": RETRY_AFTER } : {}),
    },
    content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
  };
}

function operationOf(route: ApiRoute): JsonObject {
  const responses: JsonObject = {
    [String(route.status)]: { description: "Success", content: { "application/json": { schema: jsonSchemaOf(route.response, "output") } } },
  };
  for (const status of errorStatusesOf(route)) responses[String(status)] = problemResponse(status);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.scope ? { security: [{ bearer: [route.scope] }], "x-required-scope": route.scope } : { security: [{ bearer: [] }] }),
    parameters: parametersOf(route),
    // The whole schema, as validated (path and query schemas are also kept whole for the same reason).
    "x-request-schemas": {
      ...(route.params ? { params: jsonSchemaOf(route.params) } : {}),
      ...(route.query ? { query: jsonSchemaOf(route.query) } : {}),
    },
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchemaOf(route.body) } } } } : {}),
    responses,
  };
}

/** `serverUrl`: this Wikiport's public origin (configuration), so "try it" tools call the right host. */
export function buildOpenApiDocument({ serverUrl }: { serverUrl: string }): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of Object.values(API_ROUTES) as ApiRoute[]) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operationOf(route);
  }
  paths[OPENAPI_PATH] = {
    get: {
      operationId: "getOpenApiDocument",
      summary: "This document",
      security: [],
      responses: { "200": { description: "The OpenAPI document", content: { "application/json": { schema: { type: "object" } } } } },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Wikiport API",
      version: "1.0.0",
      description:
        "Act on Wikimedia wikis as yourself with a Wikiport API token (create one on your dashboard). Send it as " +
        "`Authorization: Bearer wkp_…`. Errors are `application/problem+json` (RFC 9457) with a stable `code` and `type`, an " +
        "English `title`, and a `detail` in the language of the request's `Accept-Language` (named in `Content-Language`).",
    },
    servers: [{ url: serverUrl, description: "This Wikiport" }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "wkp_ token",
          description:
            "A Wikiport API token: `wkp_`, 32 random base62 characters and a 6-character base62 CRC32 checksum " +
            `(\`${API_TOKEN_PATTERN.source}\`). Scopes: read, edit, watch.`,
          "x-token-pattern": API_TOKEN_PATTERN.source,
        },
      },
      schemas: { Problem: jsonSchemaOf(problemSchema, "output") },
    },
  };
}
