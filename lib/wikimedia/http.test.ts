import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox, watchOpenRequests } from "@/sandbox/testing";
import { createActionClient } from "./action";
import { appCredential, createAppToken } from "./app-token";
import { failure, siteOf } from "./testing";
import type { Site } from "./sites";
import { anonymousCredential, createWikimediaHttp, type HttpOptions } from "./http";
import { KeyedSemaphore } from "./slots";
import { createTokenClient } from "./oauth";
import { createRestClient } from "./rest";

const sb = useSandbox();

const EN = siteOf("en.wikipedia.org");


function clients(overrides: Partial<HttpOptions> = {}) {
  const http = createWikimediaHttp({
    wikiUrlTemplate: `${sb.url}/{host}/w`,
    userAgent: "Wikiport/test (http tests) node",
    requestTimeoutMs: 2_000,
    deadlineMs: 6_000,
    ...overrides,
  });
  return { http, rest: createRestClient({ http }), action: createActionClient({ http }) };
}


async function requestLog(endpoint?: string): Promise<{ endpoint: string; status: number; fault: string | null; path: string }[]> {
  const { requests } = await sb.control("GET", `/requests${endpoint ? `?endpoint=${encodeURIComponent(endpoint)}` : ""}`);
  return requests;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

async function listen(handler: (req: IncomingMessage, res: import("node:http").ServerResponse) => void): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

describe("bearer tokens only to allow-listed wikis (docs/security-requirements.md items 9, 36)", () => {
  it("refuses a host outside the allow-list before any request, token fetch included", async () => {
    const { rest } = clients();
    const evil: Site = { host: "evil.example", lang: "en", dir: "ltr" };
    const error = await failure(rest.getPageSource(anonymousCredential, evil, "Earth"));
    expect(error.code).toBe("forbidden_host");
    expect(await requestLog()).toEqual([]);
  });

  it("refuses a URL on another origin (a port nothing listens on) with forbidden_host, not a connection error", async () => {
    const { http } = clients();
    const error = await failure(http.send(anonymousCredential, { url: "http://127.0.0.1:1/en.wikipedia.org/w/rest.php/v1/page/Earth" }));
    expect(error.code).toBe("forbidden_host");
    const userinfo = await failure(http.send(anonymousCredential, { url: `${sb.url.replace("http://", "http://user@")}/en.wikipedia.org/w/api.php` }));
    expect(userinfo.code).toBe("forbidden_host");
    expect(await requestLog()).toEqual([]);
  });

  it("does not follow a redirect to a host outside the allow-list, and sends it nothing", async () => {
    const evilRequests: IncomingMessage[] = [];
    const evilPort = await listen((req, res) => {
      evilRequests.push(req);
      res.end("{}");
    });
    const seenAuthorization: (string | undefined)[] = [];
    const wikiPort = await listen((req, res) => {
      seenAuthorization.push(req.headers.authorization);
      res.writeHead(301, { location: `http://127.0.0.1:${evilPort}/en.wikipedia.org/w/rest.php/v1/page/Earth` });
      res.end();
    });
    const http = createWikimediaHttp({ wikiUrlTemplate: `http://127.0.0.1:${wikiPort}/{host}/w`, userAgent: "Wikiport/test" });
    const credential = { kind: "user" as const, key: "user:test", run: (send: (bearer: string | null) => Promise<never>) => send("secret-token") };
    const error = await failure(createRestClient({ http }).getPageSource(credential, EN, "Earth"));
    expect(error.code).toBe("forbidden_host");
    expect(seenAuthorization).toEqual(["Bearer secret-token"]);
    expect(evilRequests).toEqual([]);
  });

  it("does not carry a token through a redirect to another wiki on the same origin", async () => {
    const wikiPort = await listen((_req, res) => {
      res.writeHead(301, { location: "/de.wikipedia.org/w/rest.php/v1/page/Erde" });
      res.end();
    });
    const http = createWikimediaHttp({ wikiUrlTemplate: `http://127.0.0.1:${wikiPort}/{host}/w`, userAgent: "Wikiport/test" });
    const error = await failure(createRestClient({ http }).getPageSource(anonymousCredential, EN, "Earth"));
    expect(error.code).toBe("forbidden_host");
  });
});

describe("what a successful body must be", () => {
  it("json-body takes JSON whatever its Content-Type says (the profile endpoint's quirk), but not an HTML page", async () => {
    const bodies = [
      { type: "text/plain", body: JSON.stringify({ sub: "1" }) },
      { type: "text/html; charset=UTF-8", body: "<!DOCTYPE html><p>Wikimedia Error</p>" },
    ];
    let next = 0;
    const port = await listen((_req, res) => {
      const answer = bodies[next++]!;
      res.writeHead(200, { "content-type": answer.type });
      res.end(answer.body);
    });
    const http = createWikimediaHttp({ wikiUrlTemplate: `http://127.0.0.1:${port}/{host}/w`, userAgent: "Wikiport/test" });
    const url = `http://127.0.0.1:${port}/meta.wikimedia.org/w/rest.php/oauth2/resource/profile`;
    const answer = await http.send(anonymousCredential, { url, expect: "json-body" });
    expect(JSON.parse(answer.body)).toEqual({ sub: "1" });
    expect((await failure(http.send(anonymousCredential, { url, expect: "json-body" }))).code).toBe("bad_response");
  });
});

describe("policy headers", () => {
  it("sends the policy User-Agent and a case-sensitive Bearer header", async () => {
    const seen: IncomingMessage["headers"][] = [];
    const port = await listen((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    const http = createWikimediaHttp({ wikiUrlTemplate: `http://127.0.0.1:${port}/{host}/w`, userAgent: "Wikiport/9.9 (ops@example.org) node/22" });
    const credential = { kind: "app" as const, key: "app", run: (send: (bearer: string | null) => Promise<never>) => send("tok") };
    await http.send(credential, { url: `http://127.0.0.1:${port}/en.wikipedia.org/w/api.php`, headers: { "user-agent": "curl/8" } });
    expect(seen[0]).toMatchObject({ "user-agent": "Wikiport/9.9 (ops@example.org) node/22", authorization: "Bearer tok" });
  });
});

describe("faults on a read (rest/page) map to error codes within the deadline", () => {
  it.each([
    ["status", { status: 500 }, "wikimedia_unavailable"],
    ["status", { status: 503 }, "wikimedia_unavailable"],
    ["html", { status: 502 }, "wikimedia_unavailable"],
    ["non-json", {}, "bad_response"],
    ["truncated", {}, "bad_response"],
    ["hang", {}, "timeout"],
  ] as const)("%s %j → %s", async (kind, extra, code) => {
    const { rest } = clients({ requestTimeoutMs: 500 });
    await sb.control("POST", "/faults", { endpoint: "rest/page", kind, ...extra });
    const error = await failure(rest.getPageSource(anonymousCredential, EN, "Earth"));
    expect(error.code).toBe(code);
    expect(error.host).toBe("en.wikipedia.org");
    expect(error.message).not.toMatch(/at .*\.ts|Error:/);
  });

  it("slow but within the timeout → the page", async () => {
    const { rest } = clients();
    await sb.control("POST", "/faults", { endpoint: "rest/page", kind: "slow", delayMs: 300 });
    expect((await rest.getPageSource(anonymousCredential, EN, "Earth")).title).toBe("Earth");
    expect((await requestLog("rest/page")).map((r) => r.fault)).toEqual(["slow"]);
  });

  it("429 with Retry-After: 1 → waits, retries once and succeeds", async () => {
    const { rest } = clients();
    await sb.control("POST", "/faults", { endpoint: "rest/page", kind: "rate-limit", retryAfter: 1 });
    expect((await rest.getPageSource(anonymousCredential, EN, "Earth")).title).toBe("Earth");
    expect((await requestLog("rest/page")).map((r) => [r.status, r.fault])).toEqual([
      [429, "rate-limit"],
      [200, null],
    ]);
  });

  it("429 whose Retry-After passes the deadline → rate_limited carrying the wait, without waiting", async () => {
    const { rest } = clients();
    await sb.control("POST", "/faults", { endpoint: "rest/page", kind: "rate-limit", retryAfter: 120 });
    const error = await failure(rest.getPageSource(anonymousCredential, EN, "Earth"));
    expect(error).toMatchObject({ code: "rate_limited", retryAfterSeconds: 120, status: 429 });
    expect(error.message).toContain("2 minutes");
    expect(await requestLog("rest/page")).toHaveLength(1);
  });

  it("REST maxlag (503 + Retry-After) past the deadline → maxlag", async () => {
    const { rest } = clients({ deadlineMs: 2_000 });
    await sb.control("POST", "/faults", { endpoint: "rest/page", kind: "maxlag", retryAfter: 7 });
    const error = await failure(rest.getPageSource(anonymousCredential, EN, "Earth"));
    expect(error).toMatchObject({ code: "maxlag", retryAfterSeconds: 7 });
  });

  it("an Action API read with an edge HTML page → unavailable", async () => {
    const { action } = clients();
    await sb.control("POST", "/faults", { endpoint: "api/query", kind: "html", status: 503 });
    const error = await failure(action.get(anonymousCredential, EN, { action: "query", titles: "Earth" }, z.unknown()));
    expect(error.code).toBe("wikimedia_unavailable");
  });
});

describe("at most 3 requests in flight per token", () => {
  it("queues the rest: 10 parallel reads with one token never have more than 3 open at the wiki", async () => {
    const open = watchOpenRequests(sb, "/rest.php/v1/page/");
    try {
      const { rest } = clients({ deadlineMs: 15_000 });
      await sb.control("POST", "/faults", { endpoint: "rest/page", kind: "slow", delayMs: 150, count: 10 });
      const tokens = createTokenClient({
        oauthUrl: `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`,
        clientId: WIKIPORT_CLIENT.key,
        clientSecret: WIKIPORT_CLIENT.secret,
        userAgent: "Wikiport/test",
      });
      const credential = appCredential(createAppToken({ tokens }));
      const pages = await Promise.all(Array.from({ length: 10 }, () => rest.getPageSource(credential, EN, "Moon")));
      expect(pages.map((page) => page.title)).toEqual(Array(10).fill("Moon"));
      expect(open.max()).toBe(3);
      expect((await requestLog("rest/page")).filter((r) => r.fault === "slow")).toHaveLength(10);
    } finally {
      open.stop();
    }
  });

  it("keys are independent: a full key does not hold up another", async () => {
    const semaphore = new KeyedSemaphore(3);
    const deadline = Date.now() + 60_000;
    const held = await Promise.all([1, 2, 3].map(() => semaphore.acquire("user:1", deadline)));
    let fourthGranted = false;
    const fourth = semaphore.acquire("user:1", deadline).then((release) => {
      fourthGranted = true;
      return release;
    });
    const other = await semaphore.acquire("app", deadline);
    expect(semaphore.inFlight("app")).toBe(1);
    expect(semaphore.inFlight("user:1")).toBe(3);
    expect(fourthGranted).toBe(false);
    held[0]!();
    (await fourth)();
    expect(fourthGranted).toBe(true);
    other();
    held.slice(1).forEach((release) => release());
    expect(semaphore.inFlight("user:1")).toBe(0);
  });

  it("gives up waiting for a slot at the deadline", async () => {
    const semaphore = new KeyedSemaphore(1);
    const release = await semaphore.acquire("k", Date.now() + 60_000);
    await expect(semaphore.acquire("k", Date.now() + 20)).rejects.toThrow();
    release();
    expect(semaphore.inFlight("k")).toBe(0);
  });
});
