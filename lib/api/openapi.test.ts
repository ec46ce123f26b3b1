import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorStatusesOf, buildOpenApiDocument, OPENAPI_PATH } from "./openapi";
import { problem, problemSchema, editConflictProblem } from "./problem";
import { API_ROUTES, type ApiRoute } from "./schemas";

type Json = Record<string, unknown>;
type Operation = {
  operationId: string;
  requestBody?: { content: { "application/json": { schema: unknown } } };
  "x-request-schemas": { params?: unknown; query?: unknown };
  parameters: { name: string; in: string; required?: boolean; schema?: unknown }[];
  responses: Record<string, { description: string; headers?: Json; content?: Record<string, { schema?: Json }> }>;
  security?: Record<string, string[]>[];
};

const SERVER = "https://wikiport.example.org";
const document = buildOpenApiDocument({ serverUrl: SERVER }) as {
  openapi: string;
  info: Json;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, Json>; schemas: Record<string, Json> };
};
const routes = Object.entries(API_ROUTES) as [string, ApiRoute][];
// Independent of jsonSchemaOf on purpose: the test restates how the document must be generated.
const expected = (schema: z.ZodType, io: "input" | "output" = "input") => z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" });

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * The parts of the OpenAPI 3.1 specification a document like ours can get wrong, checked structurally
 * (no OpenAPI validator is installed). Returns what is wrong, empty when valid.
 */
function openApi31Problems(doc: typeof document): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  if (!/^3\.1\.\d+$/.test(doc.openapi)) fail(`openapi is ${doc.openapi}`);
  if (typeof doc.info?.title !== "string" || typeof doc.info?.version !== "string") fail("info needs title and version");
  for (const server of doc.servers ?? []) if (typeof server.url !== "string") fail("a server without url");

  const refs: string[] = [];
  const collectRefs = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collectRefs);
    else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        if (key === "$ref" && typeof inner === "string") refs.push(inner);
        else collectRefs(inner);
      }
    }
  };
  collectRefs(doc.paths);
  collectRefs(doc.components);
  for (const ref of refs) {
    const target = ref.startsWith("#/") ? ref.slice(2).split("/").reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc) : undefined;
    if (target === undefined) fail(`unresolved $ref ${ref}`);
  }

  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith("/")) fail(`path ${path} must start with /`);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const [method, operation] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!METHODS.includes(method)) fail(`${where}: not an HTTP method`);
      if (!operation.operationId || operationIds.has(operation.operationId)) fail(`${where}: missing or duplicate operationId`);
      operationIds.add(operation.operationId);
      const parameters = operation.parameters ?? [];
      const pathParams = parameters.filter((p) => p.in === "path").map((p) => p.name);
      if (JSON.stringify(pathParams.sort()) !== JSON.stringify([...templated].sort())) fail(`${where}: path parameters ${pathParams} ≠ template ${templated}`);
      for (const p of parameters) {
        if (!["path", "query", "header", "cookie"].includes(p.in)) fail(`${where}: parameter ${p.name} in ${p.in}`);
        if (p.in === "path" && p.required !== true) fail(`${where}: path parameter ${p.name} must be required`);
        if (!p.schema) fail(`${where}: parameter ${p.name} without schema`);
      }
      const statuses = Object.keys(operation.responses ?? {});
      if (statuses.length === 0) fail(`${where}: no responses`);
      for (const status of statuses) {
        if (!/^(default|[1-5](\d\d|XX))$/.test(status)) fail(`${where}: response key ${status}`);
        const response = operation.responses[status]!;
        if (typeof response.description !== "string") fail(`${where} ${status}: no description`);
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (!/^[\w.+-]+\/[\w.+-]+$/.test(type)) fail(`${where} ${status}: media type ${type}`);
          if (!media.schema || typeof media.schema !== "object") fail(`${where} ${status}: ${type} without schema`);
        }
      }
      for (const requirement of operation.security ?? []) {
        for (const name of Object.keys(requirement)) if (!doc.components.securitySchemes[name]) fail(`${where}: unknown security scheme ${name}`);
      }
    }
  }
  for (const [name, scheme] of Object.entries(doc.components.securitySchemes)) {
    if (!["apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"].includes(String(scheme.type))) fail(`security scheme ${name}: type`);
    if (scheme.type === "http" && typeof scheme.scheme !== "string") fail(`security scheme ${name}: http needs scheme`);
  }
  return problems;
}

/** `app/api/v1/**\/route.ts` as "METHOD /api/v1/…" operations, with `[name]` folders as `{name}`. */
function routeFileOperations(): string[] {
  const root = join(process.cwd(), "app", "api", "v1");
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((file) => file.split(sep).at(-1) === "route.ts");
  expect(files.length).toBeGreaterThan(0);
  return files.flatMap((file) => {
    const folder = relative(root, join(root, file, "..")).split(sep).filter(Boolean);
    const path = `/api/v1/${folder.map((segment) => segment.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`;
    const source = readFileSync(join(root, file), "utf8");
    const methods = [...source.matchAll(/\bas (GET|PUT|POST|DELETE|PATCH)\b|export (?:async )?function (GET|PUT|POST|DELETE|PATCH)\b|export const (GET|PUT|POST|DELETE|PATCH)\b/g)].map(
      (m) => m[1] ?? m[2] ?? m[3],
    );
    expect(methods.length, `${file} exports no HTTP method`).toBeGreaterThan(0);
    return methods.map((method) => `${method} ${path}`);
  });
}

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document and serializes as JSON", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(openApi31Problems(document)).toEqual([]);
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });

  it("catches what it claims to catch", () => {
    const broken = structuredClone(document);
    broken.paths["/api/v1/me"]!.get!.responses["200"]!.content!["application/json"]!.schema = { $ref: "#/components/schemas/Nope" };
    broken.paths["/api/v1/wikis/{site}/search"]!.get!.parameters = [];
    expect(openApi31Problems(broken)).toEqual([expect.stringContaining("unresolved $ref"), expect.stringContaining("path parameters")]);
  });

  it("names the configured server and the wkp_ bearer scheme", () => {
    expect(document.servers).toEqual([{ url: SERVER, description: "This Wikiport" }]);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer", "x-token-pattern": "^wkp_[0-9A-Za-z]{38}$" });
  });

  it("documents every route file under app/api/v1, so a new route without documentation fails", () => {
    const documented = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routeFileOperations().sort());
  });

  it.each(routes)("documents %s with exactly the schemas its handler validates and answers with", (_name, route) => {
    const operation = document.paths[route.path]?.[route.method.toLowerCase()];
    expect(operation).toBeDefined();
    expect(operation!.requestBody?.content["application/json"].schema).toEqual(route.body ? expected(route.body) : undefined);
    expect(operation!["x-request-schemas"].params).toEqual(route.params ? expected(route.params) : undefined);
    expect(operation!["x-request-schemas"].query).toEqual(route.query ? expected(route.query) : undefined);
    expect(operation!.responses[String(route.status)]!.content!["application/json"]!.schema).toEqual(expected(route.response, "output"));
  });

  it.each(routes)("documents every error %s can answer as problem+json, with Retry-After on 429", (_name, route) => {
    const operation = document.paths[route.path]![route.method.toLowerCase()]!;
    const errors = Object.keys(operation.responses).filter((status) => status !== String(route.status));
    expect(errors).toEqual(errorStatusesOf(route).map(String));
    expect(errors).toEqual(expect.arrayContaining(["401", "429", "500"]));
    if (route.scope) expect(errors).toContain("403");
    for (const status of errors) {
      expect(operation.responses[status]!.content).toEqual({ "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } });
    }
    expect(operation.responses["429"]!.headers).toHaveProperty("Retry-After");
  });

  it("documents 404, 409, 422 and 503 where the wiki can answer them", () => {
    const statuses = (route: ApiRoute) => Object.keys(document.paths[route.path]![route.method.toLowerCase()]!.responses);
    expect(statuses(API_ROUTES.editPage)).toEqual(expect.arrayContaining(["400", "401", "403", "404", "409", "413", "422", "429", "503"]));
    expect(statuses(API_ROUTES.readPage)).toEqual(expect.arrayContaining(["404", "503"]));
  });

  it("describes the problem bodies the API really sends", () => {
    expect(document.components.schemas.Problem).toEqual(expected(problemSchema, "output"));
    expect(problemSchema.safeParse(problem(429, "rate_limited", "Wait.", { retryAfterSeconds: 3 })).success).toBe(true);
    expect(problemSchema.safeParse(editConflictProblem("en.wikipedia.org", 1, 2)).success).toBe(true);
    expect(problemSchema.safeParse({ ...problem(404, "not_found", "No."), code: "no_such_code" }).success).toBe(false);
  });

  it("describes itself, without authentication", () => {
    expect(document.paths[OPENAPI_PATH]?.get).toMatchObject({ security: [] });
  });
});
