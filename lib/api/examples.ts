/**
 * Ready-to-copy `curl` commands for the API guide, generated from API_ROUTES (path, method, scope and each
 * route's example input), so the guide cannot drift from the routes. They carry `$WIKIPORT_TOKEN`, never a
 * token: the page that shows them must not hold a secret.
 */
import { titleSegment } from "@/lib/wikimedia/titles";
import { API_ROUTES, EXAMPLE_SITE, EXAMPLE_TITLE, type ApiRoute } from "./schemas";

export const TOKEN_VARIABLE = "$WIKIPORT_TOKEN";
const AUTH_HEADER = `-H "Authorization: Bearer ${TOKEN_VARIABLE}"`;

export interface CurlExample {
  operationId: string;
  method: ApiRoute["method"];
  path: string;
  summary: string;
  scope: ApiRoute["scope"];
  command: string;
}

/** A JSON text inside single quotes for a POSIX shell. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export function exampleUrl(baseUrl: string, route: ApiRoute): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => titleSegment(route.example.params?.[name] ?? name));
  const query = new URLSearchParams(route.example.query ?? {}).toString();
  return `${baseUrl}${path}${query ? `?${query}` : ""}`;
}

export function curlCommand(baseUrl: string, route: ApiRoute): string {
  const lines = [`curl${route.method === "GET" ? "" : ` -X ${route.method}`} "${exampleUrl(baseUrl, route)}"`, `  ${AUTH_HEADER}`];
  if (route.body && route.example.body) {
    lines.push(`  -H "Content-Type: application/json"`, `  --data ${shellQuote(JSON.stringify(route.example.body))}`);
  }
  return lines.join(" \\\n");
}

export function curlExamples(baseUrl: string): CurlExample[] {
  return (Object.values(API_ROUTES) as ApiRoute[]).map((route) => ({
    operationId: route.operationId,
    method: route.method,
    path: route.path,
    summary: route.summary,
    scope: route.scope,
    command: curlCommand(baseUrl, route),
  }));
}

/**
 * The whole "edit a page" walk-through: read the latest revision, then save new text based on it. `jq`
 * carries the revision id over (null when the page does not exist yet, which creates it). Runs as is in
 * bash with WIKIPORT_TOKEN set.
 */
export function editWalkthrough(baseUrl: string): string {
  const read = API_ROUTES.readPage;
  const edit = API_ROUTES.editPage;
  const body = { ...edit.example.body, baseRevisionId: "$base" };
  const filter = `{${Object.entries(body)
    .map(([key, value]) => `${key}: ${value === "$base" ? "$base" : JSON.stringify(value)}`)
    .join(", ")}}`;
  return [
    `# 1. The page's latest revision (null if ${EXAMPLE_TITLE} does not exist on ${EXAMPLE_SITE} yet)`,
    `BASE_REVISION=$(curl -s "${exampleUrl(baseUrl, read)}" \\`,
    `  ${AUTH_HEADER} | jq '.revisionId // null')`,
    "",
    "# 2. Save new wikitext based on that revision",
    `jq -n --argjson base "$BASE_REVISION" ${shellQuote(filter)} |`,
    `  curl -s -X PUT "${exampleUrl(baseUrl, edit)}" \\`,
    `  ${AUTH_HEADER} \\`,
    `  -H "Content-Type: application/json" \\`,
    "  --data @-",
  ].join("\n");
}
