/**
 * The sandbox wiki's HTTP server: one process serving several wikis at base paths that mirror their
 * hosts (`/en.wikipedia.org/w/rest.php/...`), the OAuth 2.0 server on Meta, the sandbox's own pages and
 * the `/__sandbox/` control API that tests drive it with.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { registerAction } from "./action/routes";
import { callerName, credentialOf } from "./caller";
import type { SandboxConfig } from "./config";
import { registerControl } from "./control";
import { edgeErrorPage, notFoundPage, requestId, restError, restException } from "./errors";
import { contentType, json, parseCookies, readBody, text, type Ctx, type SandboxResponse } from "./http";
import { registerOAuth } from "./oauth/routes";
import { registerPages } from "./pages/routes";
import { registerRest } from "./rest/routes";
import { Router } from "./router";
import { SandboxStore, type Fault } from "./store";
import { gatewayAnswer } from "./gateway";
import { withSessionJwtCookie } from "./session-jwt";
import { findWiki } from "./wikis";

export interface Sandbox {
  url: string;
  store: SandboxStore;
  server: Server;
  close(): Promise<void>;
}

export function buildRouter(): Router {
  const router = new Router();
  registerControl(router);
  registerOAuth(router);
  registerRest(router);
  registerAction(router);
  registerPages(router);
  return router;
}

type Scope = "rest" | "api" | "oauth" | "page";

function scopeOf(path: string): Scope {
  if (path.includes("/w/rest.php/oauth2/")) return "oauth";
  if (path.includes("/w/rest.php/")) return "rest";
  if (path.endsWith("/w/api.php")) return "api";
  return "page";
}

function faultResponse(fault: Fault, scope: Scope): SandboxResponse | null {
  const status = fault.status ?? 503;
  switch (fault.kind) {
    case "status":
      if (scope === "rest") return restException(status);
      if (scope === "oauth") {
        return json(status, {
          error: "server_error",
          error_description: "The authorization server encountered an unexpected condition which prevented it from fulfilling the request.",
        });
      }
      if (scope === "api") {
        const id = requestId();
        return json(
          status,
          { error: { code: `internal_api_error_DBQueryError`, info: `[${id}] Exception caught: A database query error has occurred.` }, servedby: "sandbox" },
          { "mediawiki-api-error": "internal_api_error_DBQueryError" },
        );
      }
      return edgeErrorPage(status);
    case "html":
      return edgeErrorPage(status);
    case "rate-limit":
      return text(429, "Too many requests. Please contact noc@wikimedia.org with the reason for your scripted requests.\n", {
        "retry-after": String(fault.retryAfter ?? 5),
      });
    case "maxlag": {
      const lag = fault.retryAfter ?? 7;
      const headers = { "retry-after": String(Math.max(lag, 5)), "x-database-lag": String(lag), "mediawiki-api-error": "maxlag" };
      if (scope === "rest") return restError(503, "maxlag", `Waiting for a database server: ${lag} seconds lagged.`, {}, headers);
      return json(200, { error: { code: "maxlag", info: `Waiting for 10.64.0.1: ${lag} seconds lagged.`, host: "10.64.0.1", lag, type: "db" }, servedby: "sandbox" }, headers);
    }
    case "readonly": {
      const reason = "The database has been automatically locked while the replica database servers catch up to the primary.";
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
      if (scope === "rest") return restError(503, "readonly", `The wiki is currently in read-only mode: ${reason}`, {}, headers);
      return json(
        200,
        { error: { code: "readonly", info: "The wiki is currently in read-only mode.", readonlyreason: reason }, servedby: "sandbox" },
        { ...headers, "mediawiki-api-error": "readonly" },
      );
    }
    default:
      return null;
  }
}

function mangle(response: SandboxResponse, fault: Fault): SandboxResponse {
  const body = Buffer.isBuffer(response.body) ? response.body.toString("utf8") : response.body;
  if (fault.kind === "truncated") return { ...response, body: body.slice(0, Math.floor(body.length / 2)) };
  if (fault.kind === "non-json") {
    return { ...response, headers: { ...response.headers, "content-type": "text/plain; charset=utf-8" }, body: "upstream connect error or disconnect/reset before headers" };
  }
  return response;
}

export async function handle(
  router: Router,
  store: SandboxStore,
  req: IncomingMessage,
  hung: Set<ServerResponse>,
  res: ServerResponse,
): Promise<void> {
  const started = store.preciseNow();
  const url = new URL(req.url ?? "/", store.config.publicUrl);
  const method = (req.method ?? "GET").toUpperCase();
  const rawPath = url.pathname;
  const firstSegment = decodeURIComponent(rawPath.split("/")[1] ?? "");
  const wiki = findWiki(firstSegment) ?? null;
  const scope = scopeOf(rawPath);
  const details: Record<string, string | number | boolean | null> = {};
  let bodyPromise: Promise<Buffer> | null = null;

  const match = router.match(method, rawPath);
  const ctx: Ctx = {
    req, method, url, wiki, store,
    params: match.kind === "found" ? match.params : {},
    body: () => (bodyPromise ??= readBody(req)),
    form: async () => {
      if (contentType(req) !== "application/x-www-form-urlencoded") return new URLSearchParams();
      return new URLSearchParams((await ctx.body()).toString("utf8"));
    },
    cookies: parseCookies(req.headers.cookie),
    logDetails: (more) => Object.assign(details, more),
  };
  const credential = credentialOf(ctx);

  let endpoint = "unmatched";
  let response: SandboxResponse;
  let appliedFault: Fault | null = null;
  try {
    const gate = (scope === "api" || scope === "rest") && wiki ? await gatewayAnswer(store, req, url) : null;
    if (gate) {
      endpoint = "gateway";
      response = gate;
    } else if (match.kind === "found" && (!match.params.wiki || wiki)) {
      endpoint = typeof match.route.endpoint === "string" ? match.route.endpoint : await match.route.endpoint(ctx);
      const caller = store.hasUserFaults() ? await callerName(ctx, endpoint) : null;
      appliedFault = store.takeFault(endpoint, wiki?.host ?? null, caller);
      if (appliedFault?.kind === "hang") {
        hung.add(res);
        // With `delayMs`, the connection is dropped (no answer) once the client has surely given up.
        if (appliedFault.delayMs !== undefined) {
          setTimeout(() => {
            hung.delete(res);
            res.destroy();
          }, appliedFault.delayMs).unref();
        }
        store.log({ time: store.now(), started, ended: null, credential, method, path: rawPath, wiki: wiki?.host ?? null, endpoint, status: 0, details, fault: "hang" });
        return;
      }
      if (appliedFault?.kind === "slow") await new Promise((r) => setTimeout(r, appliedFault?.delayMs ?? 3000));
      response = (appliedFault && faultResponse(appliedFault, scope)) ?? (await match.route.handler(ctx));
      if (appliedFault) response = mangle(response, appliedFault);
      if ((scope === "api" || scope === "rest") && wiki) response = await withSessionJwtCookie(store, req, wiki, response);
    } else if (match.kind === "wrong-method" && scope !== "page") {
      response = restError(405, "rest-wrong-method", "The request method is not supported by this endpoint.");
    } else if (scope === "rest" || scope === "oauth") {
      response = restError(404, "rest-no-match", "The requested relative path did not match any known handler.");
    } else {
      response = notFoundPage(wiki || !firstSegment ? "No such page on the sandbox wiki." : `There is no wiki at "${firstSegment}" in the sandbox.`);
    }
  } catch (error) {
    console.error("sandbox: handler failed", error);
    response = scope === "rest" || scope === "oauth" ? restException(500) : edgeErrorPage(500);
  }

  store.log({
    time: store.now(), started, ended: store.preciseNow(), credential,
    method, path: rawPath, wiki: wiki?.host ?? null, endpoint, status: response.status, details, fault: appliedFault?.kind ?? null,
  });
  res.writeHead(response.status, { "x-sandbox-endpoint": endpoint, ...response.headers, ...store.deprecationHeaders(endpoint) });
  res.end(method === "HEAD" ? undefined : response.body);
}

/** Starts a sandbox. `port: 0` picks a free port (tests); the URL it listens on is returned. */
export async function startSandbox(config: SandboxConfig, store = SandboxStore.open(config)): Promise<Sandbox> {
  const router = buildRouter();
  const hung = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    handle(router, store, req, hung, res).catch((error: unknown) => {
      console.error("sandbox: request failed", error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  if (config.port === 0) {
    store.config.port = port;
    store.config.publicUrl = `http://127.0.0.1:${port}`;
  }
  return {
    url: store.config.publicUrl,
    store,
    server,
    close: async () => {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.flush();
    },
  };
}
