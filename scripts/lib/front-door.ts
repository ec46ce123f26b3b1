/**
 * The front door of `npm start`: a small reverse proxy on the public port, in front of `next start` on a
 * loopback port. It exists for one header. Route handlers never see the socket, and Next.js copies the
 * peer's address into `X-Forwarded-For` only when a client sent none, so without a proxy a client picks
 * its own address and escapes every per-address limit. The front door appends the address of each
 * connection, as nginx's `$proxy_add_x_forwarded_for` does, and the launcher tells the app to trust one
 * more hop than the operator configured (lib/security/client-address.ts,
 * docs/decisions/011-client-address.md).
 *
 * Everything else passes through as it came: method, path, headers (the Host too, so the app sees its
 * public host), bodies streamed both ways.
 */
import type { AddressInfo } from "node:net";
import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** RFC 9110 §7.6.1: connection-specific headers, which a proxy does not forward. */
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"];

export interface FrontDoorOptions {
  /** The public port clients connect to. */
  port: number;
  /** Where the public port listens; Node's default (every interface) when not given, as `next start`. */
  host?: string;
  /** The app's own port on 127.0.0.1. */
  appPort: number;
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = (headers.connection ?? "").split(",").map((name) => name.trim().toLowerCase());
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.includes(name) && !named.includes(name)));
}

/** The request's headers as the app should see them: the connection's address appended to X-Forwarded-For. */
export function forwardedHeaders(incoming: IncomingMessage, publicPort: number): IncomingHttpHeaders {
  const headers = withoutHopByHop(incoming.headers);
  const peer = incoming.socket.remoteAddress ?? "unknown";
  const prior = incoming.headers["x-forwarded-for"];
  headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
  // Next.js fills this with its own (loopback) port when absent; the public one is what it would have said.
  headers["x-forwarded-port"] ??= String(publicPort);
  return headers;
}

const UNAVAILABLE = "Wikiport's app server is not answering (it may be starting or stopping). Try again in a moment.\n";

/**
 * How long a kept-alive connection to the app may sit idle. Its real job: Node lets a pooled socket go
 * when the app's `Keep-Alive: timeout=N` says (1 s early) only if the agent has a timeout of its own
 * (node/lib/_http_agent.js, keepSocketAlive). Without one, a connection that `next start` closes after its
 * 5 s keep-alive timeout stays in the pool, the next request is sent on it as the app closes it, and the
 * person gets this front door's 502 (seen under load in the end-to-end suite, on a server action's POST).
 */
const IDLE_CONNECTION_MS = 60_000;

export function startFrontDoor(options: FrontDoorOptions): Promise<Server> {
  const agent = new Agent({ keepAlive: true, timeout: IDLE_CONNECTION_MS });
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const upstream = request(
      { host: "127.0.0.1", port: options.appPort, method: incoming.method, path: incoming.url, headers: forwardedHeaders(incoming, (server.address() as AddressInfo).port), agent },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.statusMessage, withoutHopByHop(answer.headers));
        answer.pipe(outgoing);
        answer.once("error", () => outgoing.destroy());
      },
    );
    upstream.once("error", () => {
      if (outgoing.headersSent) {
        outgoing.destroy();
        return;
      }
      outgoing.writeHead(502, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }).end(UNAVAILABLE);
    });
    // A client that goes away takes its upstream request with it.
    outgoing.once("close", () => {
      if (!outgoing.writableFinished) upstream.destroy();
    });
    incoming.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: options.port, host: options.host }, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
