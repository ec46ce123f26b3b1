import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasMalformedEncoding, isKnownMethod, malformedPathResponse, methodNotAllowedResponse } from "./request-line";
import { refusalLanguage } from "./refusal-language";
import { refuseTraceRequests } from "./trace-method";

describe("hasMalformedEncoding", () => {
  it("finds escapes that do not decode to UTF-8, as Next.js's routing would fail on them", () => {
    for (const path of ["/wiki/en.wikipedia.org/%E0%A4%A", "/wiki/%zz/x", "/api/auth/%zz", "/embed/en.wikipedia.org/100%", "/a/%C3", "/%FF"]) {
      expect(hasMalformedEncoding(path), path).toBe(true);
    }
  });

  it("accepts well-formed escapes, `%25` included", () => {
    for (const path of ["/", "/embed/en.wikipedia.org/100%25", "/wiki/en.wikipedia.org/%C3%89clair", "/wiki/en.wikipedia.org/A%2FB", "/wiki/x/%E0%A4%A4"]) {
      expect(hasMalformedEncoding(path), path).toBe(false);
    }
  });
});

describe("method refusals", () => {
  it("knows the methods pages and route handlers answer, and nothing else", () => {
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) expect(isKnownMethod(method)).toBe(true);
    for (const method of ["TRACE", "PROPFIND", "MKCOL", "get", "CONNECT"]) expect(isKnownMethod(method)).toBe(false);
  });

  it("answers 405 with Allow, and 400 with a sentence, never a stack", async () => {
    const refused = methodNotAllowedResponse("PROPFIND");
    expect(refused.status).toBe(405);
    expect(refused.headers.get("allow")).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    expect(await refused.text()).toContain("does not answer PROPFIND requests");
    const malformed = malformedPathResponse();
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toMatch(/broken percent-encoding/);
  });

  it("refuses in the language the browser asks for", async () => {
    const german = methodNotAllowedResponse("PROPFIND", refusalLanguage(new Headers({ "accept-language": "de-DE,de;q=0.9" })));
    expect(await german.text()).toBe("Wikiport beantwortet keine PROPFIND-Anfragen. Verwende eine dieser Methoden: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.\n");
    expect(german.headers.get("content-language")).toBe("de");
    expect(german.headers.get("vary")).toBe("Accept-Language");
    const arabic = malformedPathResponse(refusalLanguage(new Headers({ "accept-language": "ar" })));
    expect(await arabic.text()).toMatch(/^هذا العنوان غير صالح/);
    expect(arabic.headers.get("content-language")).toBe("ar");
  });
});

describe("refuseTraceRequests", () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    refuseTraceRequests();
    refuseTraceRequests(); // installing twice must not wrap twice
    server = createServer((_request, response) => response.end("handled"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function send(method: string): Promise<{ status: number; allow: string | undefined; body: string }> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest({ host: "127.0.0.1", port, method, path: "/" }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, allow: response.headers.allow, body }));
      });
      outgoing.on("error", reject);
      outgoing.end();
    });
  }

  it("answers TRACE with 405 before any handler runs, and leaves other methods to the handler", async () => {
    expect(await send("TRACE")).toEqual({ status: 405, allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS", body: expect.stringContaining("does not answer TRACE requests") });
    expect(await send("GET")).toMatchObject({ status: 200, body: "handled" });
    expect(await send("PROPFIND")).toMatchObject({ status: 200, body: "handled" });
  });
});
