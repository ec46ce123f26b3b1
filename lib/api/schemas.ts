/**
 * The API's routes as data: method, path, scope, and the zod schemas that validate each request. The
 * handler (handler.ts) validates with these very objects and the OpenAPI document (openapi.ts) is
 * generated from them, so the documentation cannot drift from what the server accepts.
 */
import { z } from "zod";
import { API_TOKEN_SCOPES, type ApiTokenScope } from "@/lib/api-tokens";
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
      .nullable()
      .optional()
      .describe(
        "The revision the new text is based on; a newer revision by someone else answers 409 edit_conflict. " +
          "null or left out means the page should not exist yet: an existing page then answers 409 page_exists.",
      ),
  })
  .strict();

// What the endpoints answer. The handler parses every success body with its route's schema before
// sending it, and the OpenAPI document is generated from the same objects.
const licence = z.object({ title: z.string(), url: z.string() }).describe("The page's content licence.");

export const meResponse = z.object({
  user: z.object({
    name: z.string().nullable().describe("The name Wikiport knows the user by."),
    wikimediaUsername: z.string().nullable().describe("The Wikimedia account the token acts for."),
  }),
  token: z.object({ scopes: z.array(z.enum(API_TOKEN_SCOPES)) }),
});

const pageCommon = {
  site: z.string(),
  title: z.string().describe("The title after normalization and a followed redirect."),
  key: z.string().describe("The prefixed title with underscores, as in URLs."),
  revisionId: z.number().int().describe("The latest revision: send it as baseRevisionId when you edit."),
  lastModified: z.string().describe("ISO 8601 timestamp of the latest revision."),
  redirectedFrom: z.string().nullable().describe("The redirect that led here, if one was followed."),
  licence,
};

export const pageSourceResponse = z.object({
  ...pageCommon,
  format: z.literal("source"),
  pageId: z.number().int(),
  contentModel: z.string(),
  source: z.string().describe("The page's wikitext."),
});

export const pageHtmlResponse = z.object({
  ...pageCommon,
  format: z.literal("html"),
  html: z.string().describe("Wikiport's sanitized HTML of the page."),
  wikiUrl: z.string().describe("The page on the wiki itself."),
});

export const readPageResponse = z.discriminatedUnion("format", [pageSourceResponse, pageHtmlResponse]);

export const searchResponse = z.object({
  site: z.string(),
  query: z.string(),
  results: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      excerptHtml: z.string().nullable().describe('Sanitized: only <span class="searchmatch"> is kept.'),
      description: z.string().nullable(),
    }),
  ),
});

export const editPageResponse = z.object({
  site: z.string(),
  title: z.string(),
  revisionId: z
    .number()
    .int()
    .nullable()
    .describe("The new revision, or the latest one when the text was unchanged; null when the wiki did not report one."),
});

export const watchResponse = z.object({ site: z.string(), title: z.string(), watched: z.boolean() });

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
  /** The success body, and its status. */
  response: z.ZodType;
  status: 200;
  /**
   * Error statuses this route's own work can answer (Wikimedia's refusals), besides those every route
   * shares (openapi.ts `COMMON_ERRORS`).
   */
  errors: readonly ErrorStatus[];
  /** Valid input for the API guide's curl example; a test parses it with the route's own schemas. */
  example: { params?: Record<string, string>; query?: Record<string, string>; body?: Record<string, unknown> };
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 502 | 503;

/** Where the examples point: a page any Wikipedia keeps for trying out edits. */
export const EXAMPLE_SITE = "en.wikipedia.org";
export const EXAMPLE_TITLE = "Wikipedia:Sandbox";
const examplePage = { site: EXAMPLE_SITE, title: EXAMPLE_TITLE };
/** Acting for the user on a wiki: the grant can be gone (403 reconnect_needed) and the wiki can fail. */
const WIKIMEDIA_ERRORS = [403, 502, 503] as const;

function route<const R extends ApiRoute>(definition: R): R {
  return definition;
}

/** Watching and unwatching differ only in method and words. */
const watchlistEntry = {
  path: "/api/v1/wikis/{site}/watchlist/{title}",
  scope: "watch",
  params: pageParams,
  response: watchResponse,
  status: 200,
  errors: [...WIKIMEDIA_ERRORS, 404, 422],
  example: { params: examplePage },
} as const;

export const API_ROUTES = {
  me: route({
    method: "GET",
    path: "/api/v1/me",
    operationId: "getMe",
    summary: "Who the token acts for, and its scopes",
    scope: null,
    response: meResponse,
    status: 200,
    errors: [],
    example: {},
  }),
  readPage: route({
    method: "GET",
    path: "/api/v1/wikis/{site}/pages/{title}",
    operationId: "readPage",
    summary: "A page's wikitext (or sanitized HTML) and latest revision",
    scope: "read",
    params: pageParams,
    query: readPageQuery,
    response: readPageResponse,
    status: 200,
    errors: [...WIKIMEDIA_ERRORS, 404],
    example: { params: examplePage, query: {} },
  }),
  editPage: route({
    method: "PUT",
    path: "/api/v1/wikis/{site}/pages/{title}",
    operationId: "editPage",
    summary: "Save a page's new wikitext as the token's user",
    scope: "edit",
    params: pageParams,
    body: editPageBody,
    response: editPageResponse,
    status: 200,
    errors: [...WIKIMEDIA_ERRORS, 404, 409, 422],
    example: {
      params: examplePage,
      body: { source: "Hello from my script, through Wikiport.", comment: "Trying the Wikiport API", baseRevisionId: 123456 },
    },
  }),
  search: route({
    method: "GET",
    path: "/api/v1/wikis/{site}/search",
    operationId: "searchPages",
    summary: "Search a wiki's pages",
    scope: "read",
    params: siteParams,
    query: searchQuery,
    response: searchResponse,
    status: 200,
    errors: [...WIKIMEDIA_ERRORS],
    example: { params: { site: EXAMPLE_SITE }, query: { q: "solar system", limit: "5" } },
  }),
  watch: route({ ...watchlistEntry, method: "PUT", operationId: "watchPage", summary: "Add a page to the user's watchlist" }),
  unwatch: route({ ...watchlistEntry, method: "DELETE", operationId: "unwatchPage", summary: "Remove a page from the user's watchlist" }),
} as const satisfies Record<string, ApiRoute>;

/**
 * How every schema becomes JSON Schema, here and in the test that checks the document. Requests as
 * `input` (what a client sends, before defaults and coercion apply); responses as `output`.
 */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output" = "input"): Record<string, unknown> {
  return z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
}
