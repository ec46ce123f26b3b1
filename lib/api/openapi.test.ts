import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "./openapi";
import { API_ROUTES, type ApiRoute } from "./schemas";

type Operation = {
  requestBody?: { content: { "application/json": { schema: unknown } } };
  "x-request-schemas": { params?: unknown; query?: unknown };
  parameters: { name: string; in: string }[];
};

const document = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, Operation>> };
const routes = Object.entries(API_ROUTES) as [string, ApiRoute][];
// Independent of jsonSchemaOf on purpose: the test restates how the document must be generated.
const expected = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", target: "draft-2020-12", unrepresentable: "any" });

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 and serializes as JSON", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });

  it.each(routes)("documents %s with exactly the schemas its handler validates with", (_name, route) => {
    const operation = document.paths[route.path]?.[route.method.toLowerCase()];
    expect(operation).toBeDefined();
    expect(operation!.requestBody?.content["application/json"].schema).toEqual(route.body ? expected(route.body) : undefined);
    expect(operation!["x-request-schemas"].params).toEqual(route.params ? expected(route.params) : undefined);
    expect(operation!["x-request-schemas"].query).toEqual(route.query ? expected(route.query) : undefined);
    const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    expect(operation!.parameters.filter((p) => p.in === "path").map((p) => p.name)).toEqual(pathNames);
  });

  it("has a path for every route and nothing else but itself", () => {
    const documented = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual([...routes.map(([, r]) => `${r.method} ${r.path}`), "GET /api/v1/openapi.json"].sort());
  });
});
