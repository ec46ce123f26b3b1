/**
 * Every way an address reaches Wikiport, as raw HTTP: percent-encoding Next.js cannot decode is a 400 with
 * a message in each route's own form (never a bare 500), a title is decoded exactly once, unknown methods
 * are a 405 with `Allow`, and every path outside the build's static files gets the proxy's headers.
 */
import type { APIResponse } from "@playwright/test";
import { E2E } from "./environment";
import { expect, test } from "./support/fixtures";

const REST = `${E2E.sandboxUrl}/en.wikipedia.org/w/rest.php/v1`;
const BROKEN_ENCODING = /broken percent-encoding/;

function expectPageHeaders(response: APIResponse): void {
  const headers = response.headers();
  expect(headers["content-security-policy"], `CSP of ${response.url()}`).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"], `X-Frame-Options of ${response.url()}`).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
}

async function expectNoStackTrace(response: APIResponse): Promise<string> {
  const body = await response.text();
  expect(body).not.toMatch(/\n\s+at |node_modules|URIError|Internal Server Error/);
  return body;
}

test("a path with broken percent-encoding is a 400 that says why, in each route's own form", async ({ request }) => {
  for (const path of ["/wiki/en.wikipedia.org/%E0%A4%A", "/wiki/%zz/x", "/api/auth/%zz", "/search/%zz", "/%zz"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(400);
    expect(response.headers()["content-type"], path).toMatch(/^text\/plain/);
    expect(await expectNoStackTrace(response), path).toMatch(BROKEN_ENCODING);
    expectPageHeaders(response);
  }

  const api = await request.get("/api/v1/wikis/en.wikipedia.org/pages/%zz");
  expect(api.status()).toBe(400);
  expect(api.headers()["content-type"]).toContain("application/problem+json");
  expect(await api.json()).toMatchObject({ status: 400, code: "invalid_request", detail: expect.stringMatching(BROKEN_ENCODING) });

  const card = await request.get("/embed/en.wikipedia.org/%zz?lang=de");
  expect(card.status()).toBe(400);
  expect(card.headers()["content-type"]).toMatch(/^text\/html/);
  expect(card.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(card.headers()["content-security-policy"]).toContain("frame-ancestors *");
  const cardHtml = await expectNoStackTrace(card);
  expect(cardHtml).toContain("Die Adresse dieser Karte ist ungültig");
  expect(cardHtml).toContain('class="card message"');

  const widget = await request.get("/embed/w/%E0%A4%A");
  expect(widget.status()).toBe(400);
  expect(widget.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(await expectNoStackTrace(widget)).toContain("This card&#39;s address is not valid");
});

test("a title is decoded exactly once: /embed/…/100%25 and /wiki/…/100%25 show the page 100%", async ({ request }) => {
  const token = await request.post(`${E2E.sandboxUrl}/__sandbox/tokens`, { data: { user: "Ana Admin", grants: ["basic", "editpage", "createeditmovepage"] } });
  expect(token.ok()).toBe(true);
  const { access_token: anaToken } = (await token.json()) as { access_token: string };
  // Each run starts a fresh sandbox wiki, so the page is new.
  const created = await request.put(`${REST}/page/100%25`, {
    headers: { authorization: `Bearer ${anaToken}` },
    data: { source: "100 percent is all of it.", comment: "A title with a percent sign" },
  });
  expect(created.status()).toBe(201);

  const card = await request.get("/embed/en.wikipedia.org/100%25");
  expect(card.status()).toBe(200);
  const html = await card.text();
  expect(html).toContain("<title>100% — en.wikipedia.org</title>");
  expect(html).toContain("is all of it.");

  // The page component and generateMetadata get their params in different forms (lib/ui/wiki/address.ts).
  const article = await request.get("/wiki/en.wikipedia.org/100%25");
  expect(article.status()).toBe(200);
  const articleHtml = await article.text();
  expect(articleHtml).toMatch(/<title>100% — en\.wikipedia\.org/);
  expect(articleHtml).toMatch(/<h1[^>]*>100%<\/h1>/);
  expect(articleHtml).toContain("100 percent is all of it.");
});

test("a method Wikiport does not know is a 405 with Allow, on pages and route handlers alike", async ({ request }) => {
  for (const method of ["TRACE", "PROPFIND"]) {
    for (const path of ["/", "/wiki/en.wikipedia.org/Earth", "/sign-in", "/api/v1/me", "/api/auth/session", "/embed/en.wikipedia.org/Earth"]) {
      const response = await request.fetch(path, { method });
      expect(response.status(), `${method} ${path}`).toBe(405);
      expect(response.headers()["allow"], `${method} ${path}`).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      expect(await expectNoStackTrace(response)).toContain(`does not answer ${method} requests`);
    }
  }
});

test("every path but the build's static files gets the proxy's headers, and static files still serve", async ({ request }) => {
  for (const path of ["/favicon.ico.x", "/_next/staticfoo", "/_next/static", "/_next/image?url=/dashboard&w=64&q=75", "/_next/image?url=/sign-in"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBeLessThan(500);
    expectPageHeaders(response);
  }

  const home = await request.get("/");
  const script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(await home.text())?.[1];
  expect(script, "a build script on the home page").toBeTruthy();
  const asset = await request.get(script!);
  expect(asset.status()).toBe(200);
  expect(asset.headers()["content-type"]).toMatch(/javascript/);
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
});

test("an unknown sign-in error code shows the generic explanation, not an empty heading", async ({ request }) => {
  for (const code of ["constructor", "toString", "hasOwnProperty", "NoSuchCode"]) {
    const response = await request.get(`/sign-in?error=${code}`);
    expect(response.status()).toBe(200);
    expect(await response.text(), code).toMatch(/<h1[^>]*>The sign-in could not be completed<\/h1>/);
  }
});
