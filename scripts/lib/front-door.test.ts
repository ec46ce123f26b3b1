import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/security/client-address";
import { startFrontDoor } from "./front-door";

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  })));
});

function listen(server: Server, host?: string): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen({ port: 0, host }, () => resolve((server.address() as AddressInfo).port)));
}

/** An app stand-in that answers with what it received: the front door's only job is what it forwards. */
async function echoApp(): Promise<number> {
  return listen(
    createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        res.setHeader("set-cookie", ["a=1; Path=/", "b=2; Path=/"]);
        res.writeHead(req.url?.startsWith("/missing") ? 404 : 200, { "content-type": "application/json" });
        res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") }));
      });
    }),
    "127.0.0.1",
  );
}

async function frontDoor(appPort: number): Promise<number> {
  const server = await startFrontDoor({ port: 0, appPort });
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  echoed: { method: string; url: string; headers: IncomingHttpHeaders; body: string };
}

/** A request from a given loopback address (the whole 127.0.0.0/8 is this machine on Linux). */
function send(port: number, from: string, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, localAddress: from, method: options.method ?? "GET", path: options.path ?? "/", headers: options.headers },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, echoed: JSON.parse(text) as Answer["echoed"] }));
      },
    );
    req.once("error", reject);
    req.end(options.body);
  });
}

describe("the front door of npm start", () => {
  it("appends the connection's real address, so the app's key is the client's whatever it claims", async () => {
    const port = await frontDoor(await echoApp());
    const keys = new Set<string>();
    for (const claimed of ["203.0.113.1", "203.0.113.2", "198.51.100.7, 10.0.0.1", "garbage"]) {
      const answer = await send(port, "127.0.0.3", { headers: { "x-forwarded-for": claimed } });
      expect(answer.echoed.headers["x-forwarded-for"]).toMatch(new RegExp(`^${claimed.replaceAll(".", "\\.")}, (::ffff:)?127\\.0\\.0\\.3$`));
      // The launcher runs the app with one more trusted hop than the operator configured (0 by default).
      keys.add(clientAddress(new Headers({ "x-forwarded-for": answer.echoed.headers["x-forwarded-for"] as string }), 1));
    }
    expect([...keys]).toEqual(["127.0.0.3"]);
    const other = await send(port, "127.0.0.4");
    expect(other.echoed.headers["x-forwarded-for"]).toMatch(/^(::ffff:)?127\.0\.0\.4$/);
  });

  it("passes method, path, Host, body, status and every Set-Cookie through", async () => {
    const port = await frontDoor(await echoApp());
    const answer = await send(port, "127.0.0.1", {
      method: "POST",
      path: "/missing?x=%zz",
      headers: { host: "localhost:3000", "content-type": "text/plain", "x-forwarded-port": "443" },
      body: "hello",
    });
    expect(answer.status).toBe(404);
    expect(answer.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(answer.echoed).toMatchObject({ method: "POST", url: "/missing?x=%zz", body: "hello" });
    expect(answer.echoed.headers).toMatchObject({ host: "localhost:3000", "x-forwarded-port": "443" });
    expect((await send(port, "127.0.0.1")).echoed.headers["x-forwarded-port"]).toBe(String(port));
  });

  it("lets go of an idle connection before the app's keep-alive timeout, so no request is sent on one the app is closing", async () => {
    const app = createServer((_req, res) => res.end("ok"));
    // Announced on every answer as `Keep-Alive: timeout=3`, as `next start` announces its 5 s.
    app.keepAliveTimeout = 3_000;
    // The app closing an idle connection itself ends it without the peer's FIN ("end") first.
    const closedBy = new Promise<string>((resolve) =>
      app.on("connection", (socket: Socket) => {
        let peerEnded = false;
        socket.once("end", () => (peerEnded = true));
        socket.once("close", () => resolve(peerEnded ? "front door" : "app"));
      }),
    );
    const port = await frontDoor(await listen(app, "127.0.0.1"));
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request({ host: "127.0.0.1", port }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode));
      }).once("error", reject).end();
    });
    expect(status).toBe(200);
    expect(await closedBy).toBe("front door");
  });

  it("answers 502 with a message when the app is not listening", async () => {
    const closed = await listen(createServer(), "127.0.0.1");
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    const port = await frontDoor(closed);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      request({ host: "127.0.0.1", port }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode!, text }));
      }).once("error", reject).end();
    });
    expect(answer.status).toBe(502);
    expect(answer.text).toContain("not answering");
  });
});
