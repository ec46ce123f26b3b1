/**
 * The OpenAPI 3.1 document, generated from API_ROUTES: parameters and request bodies are the JSON Schema
 * of the zod schemas the handler validates with (3.1 uses JSON Schema 2020-12 as is).
 */
import { API_ROUTES, jsonSchemaOf, type ApiRoute } from "./schemas";

type JsonObject = Record<string, unknown>;

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
  return out;
}

const problemResponse = { description: "A problem (RFC 9457); switch on `code`.", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };

function operationOf(route: ApiRoute): JsonObject {
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
    responses: {
      "200": { description: "Success", content: { "application/json": {} } },
      "400": problemResponse,
      "401": problemResponse,
      "403": problemResponse,
      "429": problemResponse,
      default: problemResponse,
    },
  };
}

export function buildOpenApiDocument(): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of Object.values(API_ROUTES) as ApiRoute[]) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operationOf(route);
  }
  paths["/api/v1/openapi.json"] = {
    get: { operationId: "getOpenApiDocument", summary: "This document", security: [], responses: { "200": { description: "The OpenAPI document" } } },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Wikiport API",
      version: "1.0.0",
      description: "Act on Wikimedia wikis as yourself with a Wikiport API token (create one on your dashboard). Send it as `Authorization: Bearer wkp_…`.",
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A Wikiport API token (wkp_…); scopes: read, edit, watch." } },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail", "code"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            code: { type: "string" },
          },
        },
      },
    },
  };
}
