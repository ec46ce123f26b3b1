/**
 * A small path router. Patterns are matched against the raw (still percent-encoded) path, so a title
 * containing an encoded slash (`%2F`) stays one segment; parameters are decoded afterwards.
 */
import type { Ctx, SandboxResponse } from "./http";

export type Handler = (ctx: Ctx) => Promise<SandboxResponse> | SandboxResponse;

/** A stable name for fault injection and the request log, e.g. `oauth2/access_token`, `api/edit`. */
export type EndpointName = string | ((ctx: Ctx) => Promise<string> | string);

export interface RouteSpec {
  /** HTTP method, or `*` for any. */
  method: string;
  /** e.g. `/:wiki/w/rest.php/v1/page/:title/html`; `:name` matches one segment, `*rest` the remainder. */
  path: string;
  endpoint: EndpointName;
  handler: Handler;
}

interface CompiledRoute extends RouteSpec {
  regex: RegExp;
  keys: string[];
}

export type RouteMatch =
  | { kind: "found"; route: RouteSpec; params: Record<string, string> }
  | { kind: "wrong-method"; allowed: string[] }
  | { kind: "none" };

function compile(spec: RouteSpec): CompiledRoute {
  const keys: string[] = [];
  const source = spec.path
    .split("/")
    .map((segment) => {
      if (segment.startsWith(":")) {
        keys.push(segment.slice(1));
        return "([^/]+)";
      }
      if (segment.startsWith("*")) {
        keys.push(segment.slice(1));
        return "(.*)";
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { ...spec, regex: new RegExp(`^${source}$`), keys };
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(spec: RouteSpec): void {
    this.routes.push(compile(spec));
  }

  match(method: string, rawPath: string): RouteMatch {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const found = route.regex.exec(rawPath);
      if (!found) continue;
      if (route.method !== "*" && route.method !== method && !(method === "HEAD" && route.method === "GET")) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        params[key] = decode(found[i + 1] ?? "");
      });
      return { kind: "found", route, params };
    }
    return allowed.length > 0 ? { kind: "wrong-method", allowed } : { kind: "none" };
  }
}
