/**
 * `TRACE` gets a 405 like any other method Wikiport does not answer. It needs its own hook: Next.js turns
 * every request into a Fetch `Request` before proxy.ts or a route runs, and the Fetch standard forbids
 * TRACE there (undici throws "'TRACE' HTTP method is unsupported"), so Next.js answered a bare 500 and
 * logged an error per request. Node's HTTP parser is the last place that sees the request before that, so
 * instrumentation-node.ts installs this on Node's server when the process starts, however it was started.
 * (CONNECT never reaches a request handler, and Node's parser already refuses unknown names with a 400.)
 */
import { Server, type IncomingMessage, type ServerResponse } from "node:http";
import { STATIC_SECURITY_HEADERS } from "./headers";
import { KNOWN_METHODS, methodNotAllowedText } from "./request-line";

const INSTALLED = Symbol.for("wikiport.refuse-trace");

export function refuseTraceRequests(): void {
  const prototype = Server.prototype as Server & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const emit = prototype.emit;
  prototype.emit = function emitRefusingTrace(this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      if (request.method === "TRACE") {
        response.writeHead(405, {
          ...Object.fromEntries(STATIC_SECURITY_HEADERS.map(({ key, value }) => [key, value])),
          Allow: KNOWN_METHODS.join(", "),
          "Content-Type": "text/plain; charset=utf-8",
          "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
          "X-Frame-Options": "DENY",
          "Cache-Control": "no-store",
        });
        response.end(methodNotAllowedText("TRACE"));
        return true;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as Server["emit"];
}
