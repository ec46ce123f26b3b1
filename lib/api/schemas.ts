/**
 * The API's routes as data: method, path, scope, and the zod schemas that validate each request. The
 * handler (handler.ts) validates with these very objects and the OpenAPI document (openapi.ts) is
 * generated from them, so the documentation cannot drift from what the server accepts.
 */
import { z } from "zod";
import type { ApiTokenScope } from "@/lib/api-tokens";
import { siteSchema } from "@/lib/wikimedia/sites";

/** MediaWiki's $wgMaxArticleSize on Wikimedia: 2 MiB (same bound as the edit form). */
export const MAX_SOURCE_LENGTH = 2 * 1024 * 1024;

const site = z.string().max(253).pipe(siteSchema).describe("The wiki's host name, e.g. en.wikipedia.org.");
const title = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .describe("The page title; spaces or underscores. Encode a `/` in the title as %2F.");

export const siteParams = z.object({ site });
export const pageParams = z.object({ site, title });

export const readPageQuery = z.object({
  format: z.enum(["source", "html"]).default("source").describe("`html` returns Wikiport's sanitized HTML instead of wikitext."),
});

export const searchQuery = z.object({
  q: z.string().trim().min(1).max(300).describe("What to search for."),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const editPageBody = z
  .object({
    source: z.string().max(MAX_SOURCE_LENGTH).describe("The page's complete new wikitext."),
    comment: z.string().max(500).describe("The edit summary."),
    baseRevisionId: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("The revision the new text is based on. Leave it out only to create a page: an existing page then answers 409 page_exists."),
  })
  .strict();

export const emptyQuery = z.object({}).strict();

export interface ApiRoute {
  method: "GET" | "PUT" | "DELETE";
  /** OpenAPI-style template. */
  path: string;
  operationId: string;
  summary: string;
  scope: ApiTokenScope | null;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

function route<const R extends ApiRoute>(definition: R): R {
  return definition;
}

export const API_ROUTES = {
  me: route({ method: "GET", path: "/api/v1/me", operationId: "getMe", summary: "Who the token acts for, and its scopes", scope: null }),
  readPage: route({
    method: "GET",
    path: "/api/v1/wikis/{site}/pages/{title}",
    operationId: "readPage",
    summary: "A page's wikitext (or sanitized HTML) and latest revision",
    scope: "read",
    params: pageParams,
    query: readPageQuery,
  }),
  editPage: route({
    method: "PUT",
    path: "/api/v1/wikis/{site}/pages/{title}",
    operationId: "editPage",
    summary: "Save a page's new wikitext as the token's user",
    scope: "edit",
    params: pageParams,
    body: editPageBody,
  }),
  search: route({
    method: "GET",
    path: "/api/v1/wikis/{site}/search",
    operationId: "searchPages",
    summary: "Search a wiki's pages",
    scope: "read",
    params: siteParams,
    query: searchQuery,
  }),
  watch: route({
    method: "PUT",
    path: "/api/v1/wikis/{site}/watchlist/{title}",
    operationId: "watchPage",
    summary: "Add a page to the user's watchlist",
    scope: "watch",
    params: pageParams,
  }),
  unwatch: route({
    method: "DELETE",
    path: "/api/v1/wikis/{site}/watchlist/{title}",
    operationId: "unwatchPage",
    summary: "Remove a page from the user's watchlist",
    scope: "watch",
    params: pageParams,
  }),
} as const satisfies Record<string, ApiRoute>;

/** How every schema becomes JSON Schema, here and in the test that checks the document. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  // `input`: the document describes what a client sends, before defaults and coercion apply.
  return z.toJSONSchema(schema, { io: "input", target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
}
