/**
 * deploy/nginx/wikiport.conf, run by Debian's nginx in front of three plain HTTP servers standing in for
 * Wikiport instances (real sockets, real nginx): what the operator's file promises the app.
 */
import { readFileSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./postgres-cluster";
import { renderSiteConfig, SITE_CONFIG, startNginx, type Nginx } from "./nginx";

interface Seen {
  instance: number;
  method: string;
  headers: IncomingHttpHeaders;
}

const seen: Seen[] = [];
const backends: Server[] = [];
let nginx: Nginx;

function backend(instance: number): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    req.once("end", () => {
      seen.push({ instance, method: req.method ?? "", headers: req.headers });
      // Wikiport's own answer when Wikimedia is unavailable (lib/api/problem.ts).
      if (req.url === "/wikimedia-down") {
        res.writeHead(503, { "content-type": "application/problem+json" }).end('{"code":"wikimedia_unavailable"}');
        return;
      }
      res.writeHead(200, { "content-type": "text/plain" }).end(`instance ${instance}\n`);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** One request to nginx from a loopback address of our choosing, as a client on another machine would come. */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<{ status: number; text: string }> {
  const url = new URL(nginx.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: Number(url.port), localAddress: "127.0.0.5", method, path, headers: { ...headers, ...(body ? { "content-length": String(body.length) } : {}) } },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
        res.once("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.once("error", reject);
    req.end(body);
  });
}

beforeAll(async () => {
  backends.push(await backend(0), await backend(1), await backend(2));
  nginx = await startNginx(process.cwd(), {
    listenPort: await freePort(),
    upstreams: backends.map((server) => `127.0.0.1:${(server.address() as AddressInfo).port}`),
  });
});

afterAll(async () => {
  await nginx?.stop();
  await Promise.all(backends.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe("deploy/nginx/wikiport.conf", () => {
  it("spreads requests round robin over every instance, as the access log shows", async () => {
    seen.length = 0;
    for (let i = 0; i < 6; i++) expect((await send("GET", `/wiki/${i}`)).status).toBe(200);
    expect(seen.map((entry) => entry.instance).sort()).toEqual([0, 0, 1, 1, 2, 2]);
    const logged = nginx.readAccessLog().filter((entry) => entry.path.startsWith("/wiki/"));
    expect(new Set(logged.map((entry) => entry.upstreams[0])).size).toBe(3);
  });

  it("appends the connecting address to X-Forwarded-For and sets the scheme itself", async () => {
    seen.length = 0;
    await send("GET", "/", { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https", host: "wikiport.example.org" });
    const [request] = seen;
    // WIKIPORT_TRUSTED_PROXY_HOPS=1 reads the last entry: the address nginx saw, never the client's claim.
    expect(request?.headers["x-forwarded-for"]).toBe("203.0.113.9, 127.0.0.5");
    expect(request?.headers["x-forwarded-proto"]).toBe("http");
    expect(request?.headers.host).toBe("wikiport.example.org");
  });

  it("passes the Host the browser sent, port included, which Next.js checks a server action's Origin against", async () => {
    seen.length = 0;
    await send("POST", "/", { host: "wikiport.example.org:8443", origin: "http://wikiport.example.org:8443" });
    // nginx's $host drops the port: every sign-in button (a server action) then failed as "Invalid Server Actions request".
    expect(seen[0]?.headers.host).toBe("wikiport.example.org:8443");
    expect(seen[0]?.headers["x-forwarded-host"]).toBe("wikiport.example.org:8443");
  });

  it("hands Wikiport's own 502/503 to the client instead of retrying it on every instance", async () => {
    seen.length = 0;
    const answer = await send("GET", "/wikimedia-down");
    expect(answer.status).toBe(503);
    expect(answer.text).toContain("wikimedia_unavailable");
    // Retrying would triple the calls to a Wikimedia that is already failing.
    expect(seen).toHaveLength(1);
  });

  it("refuses a body above its limit, and passes one below it", async () => {
    expect((await send("POST", "/api/v1/x", {}, Buffer.alloc(7 * 1024 * 1024, 97))).status).toBe(200);
    expect((await send("POST", "/api/v1/x", {}, Buffer.alloc(9 * 1024 * 1024, 97))).status).toBe(413);
  });

  it("moves on from an instance that is down, for GET and for a POST it could not deliver", async () => {
    const down = backends[1]!;
    await new Promise((resolve) => down.close(resolve));
    seen.length = 0;
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await send(i % 2 ? "POST" : "GET", "/after")).status);
    expect(answers).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(seen.map((entry) => entry.instance))).toEqual(new Set([0, 2]));
  });

  it("fails loudly when the file no longer has the shape the rendering replaces", () => {
    const template = readFileSync(SITE_CONFIG, "utf8");
    expect(() => renderSiteConfig(template.replace(/^\s*listen .*$/m, ""), { listenPort: 1, upstreams: ["127.0.0.1:2"], accessLog: "/x" })).toThrow(
      /exactly one `listen` line/,
    );
  });
});
