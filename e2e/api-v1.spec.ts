/**
 * Wikiport's JSON API (/api/v1) as a script uses it: an API token made on the dashboard, sent as a bearer
 * token, acting on the sandbox wiki with Ada's own grant; failures as problem+json with stable codes.
 */
import type { APIResponse, Page } from "@playwright/test";
import { generateApiToken } from "../lib/api-tokens/format";
import { E2E } from "./environment";
import { expect, test } from "./support/fixtures";
import { fromAddress } from "./support/from-address";
import { ADA } from "./support/sandbox";
import { signIn } from "./support/sign-in";

const WIKI = "/api/v1/wikis/en.wikipedia.org";
const REST = `${E2E.sandboxUrl}/en.wikipedia.org/w/rest.php/v1`;
const SCOPE_LABELS = { edit: "Edit pages as you", watch: "Change your watchlist" } as const;

/** Creates a token on the dashboard ("read" is ticked by default) and returns the one-time plaintext. */
async function createToken(page: Page, name: string, extraScopes: (keyof typeof SCOPE_LABELS)[]): Promise<string> {
  await page.goto("/dashboard");
  const section = page.getByRole("region", { name: "Tokens for Wikiport's API" });
  await section.getByLabel("Token name").fill(name);
  for (const scope of extraScopes) await section.getByLabel(SCOPE_LABELS[scope]).check();
  await section.getByRole("button", { name: "Create token" }).click();
  await expect(section.getByRole("status")).toContainText("Wikiport will not show it again");
  const token = await section.getByLabel("New token").inputValue();
  expect(token).toMatch(/^wkp_/);
  return token;
}

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

type ProblemResponse = Pick<APIResponse, "status" | "headers" | "json">;

async function expectProblem(response: ProblemResponse, status: number, code: string) {
  expect(response.status()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |node_modules/);
  return body;
}

test("a token reads who it acts for, a page (source and HTML) and search results", async ({ page, request }) => {
  await signIn(page, ADA);
  const token = await createToken(page, "Reader bot", []);

  const me = await request.get("/api/v1/me", { headers: bearer(token) });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ user: { wikimediaUsername: ADA.name }, token: { scopes: ["read"] } });

  const moon = await request.get(`${WIKI}/pages/Moon`, { headers: bearer(token) });
  expect(moon.status()).toBe(200);
  const source = (await moon.json()) as { title: string; revisionId: number; lastModified: string; source: string };
  const wiki = (await (await request.get(`${REST}/page/Moon`)).json()) as { source: string; latest: { id: number } };
  expect(source).toMatchObject({ title: "Moon", revisionId: wiki.latest.id, source: wiki.source, format: "source" });
  expect(Number.isNaN(Date.parse(source.lastModified))).toBe(false);

  const html = await request.get(`${WIKI}/pages/Moon?format=html`, { headers: bearer(token) });
  expect(html.status()).toBe(200);
  const article = (await html.json()) as { html: string; revisionId: number };
  expect(article.revisionId).toBe(wiki.latest.id);
  expect(article.html).not.toMatch(/<script/i);
  expect(article.html.length).toBeGreaterThan(0);

  const search = await request.get(`${WIKI}/search?q=Moon&limit=5`, { headers: bearer(token) });
  expect(search.status()).toBe(200);
  const hits = (await search.json()) as { results: { title: string }[] };
  expect(hits.results.map((hit) => hit.title)).toContain("Moon");

  await expectProblem(await request.get(`${WIKI}/pages/No_such_page_for_the_API`, { headers: bearer(token) }), 404, "not_found");
  const badQuery = await expectProblem(await request.get(`${WIKI}/search?limit=500`, { headers: bearer(token) }), 400, "invalid_request");
  expect(badQuery.errors).toEqual(expect.arrayContaining([expect.objectContaining({ in: "query", path: ["q"] })]));
});

test("a token edits as Ada; a stale base is a 409 with both revision ids; scopes and bodies are checked", async ({ page, request }) => {
  await signIn(page, ADA);
  const editor = await createToken(page, "Editor bot", ["edit", "watch"]);
  const reader = await createToken(page, "Read-only bot", []);
  const title = `API_page_${Date.now()}`;

  const created = await request.put(`${WIKI}/pages/${title}`, { headers: bearer(editor), data: { source: "First text.", comment: "Create via API" } });
  expect(created.status()).toBe(200);
  const first = (await created.json()) as { revisionId: number };

  const edited = await request.put(`${WIKI}/pages/${title}`, {
    headers: bearer(editor),
    data: { source: "Second text, from the API.", comment: "Edit via API", baseRevisionId: first.revisionId },
  });
  expect(edited.status()).toBe(200);
  const second = (await edited.json()) as { revisionId: number };
  const wiki = (await (await request.get(`${REST}/page/${title}`)).json()) as { source: string; latest: { id: number } };
  expect(wiki.source).toBe("Second text, from the API.");
  expect(wiki.latest.id).toBe(second.revisionId);

  // Ana changes the page on the wiki. (Ada's own later edits never conflict: MediaWiki lets a user's edit
  // through when they made every change since its base.)
  const ana = await request.post(`${E2E.sandboxUrl}/__sandbox/tokens`, { data: { user: "Ana Admin", grants: ["basic", "editpage"] } });
  expect(ana.ok()).toBe(true);
  const { access_token: anaToken } = (await ana.json()) as { access_token: string };
  const anaPut = await request.put(`${REST}/page/${title}`, {
    headers: { authorization: `Bearer ${anaToken}` },
    data: { source: "Ana's text.", comment: "Ana's change", latest: { id: second.revisionId } },
  });
  expect(anaPut.status()).toBe(200);
  const anaRevision = ((await anaPut.json()) as { latest: { id: number } }).latest.id;

  const stale = await request.put(`${WIKI}/pages/${title}`, {
    headers: bearer(editor),
    data: { source: "Third text, from an old base.", comment: "Stale", baseRevisionId: second.revisionId },
  });
  const conflict = await expectProblem(stale, 409, "edit_conflict");
  expect(conflict).toMatchObject({ baseRevisionId: second.revisionId, currentRevisionId: anaRevision });

  const refused = await expectProblem(
    await request.put(`${WIKI}/pages/${title}`, { headers: bearer(reader), data: { source: "x", comment: "x", baseRevisionId: second.revisionId } }),
    403,
    "insufficient_scope",
  );
  expect(refused.requiredScope).toBe("edit");

  const invalid = await expectProblem(
    await request.put(`${WIKI}/pages/${title}`, { headers: bearer(editor), data: { source: 42, comment: "x", surprise: true } }),
    400,
    "invalid_request",
  );
  expect(invalid.errors).toEqual(expect.arrayContaining([expect.objectContaining({ in: "body", path: ["source"] })]));
  await expectProblem(
    await request.put(`${WIKI}/pages/${title}`, { headers: { ...bearer(editor), "content-type": "application/json" }, data: "{not json" }),
    400,
    "invalid_request",
  );
  const after = (await (await request.get(`${REST}/page/${title}`)).json()) as { source: string };
  expect(after.source).toBe("Ana's text.");

  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: "Recent activity" })).toContainText(`Edited ${title.replaceAll("_", " ")} on en.wikipedia.org`);
});

test("without a valid bearer token the API answers 401 problem+json, also for a signed-in browser's cookie", async ({ page, request }) => {
  await signIn(page, ADA);
  const token = await createToken(page, "Soon revoked", []);

  const missing = await expectProblem(await request.get("/api/v1/me"), 401, "unauthorized");
  expect(missing.detail).toContain("Bearer");
  expect((await request.get("/api/v1/me")).headers()["www-authenticate"]).toMatch(/^Bearer/);
  await expectProblem(await request.get("/api/v1/me", { headers: { authorization: "Bearer not-a-token" } }), 401, "malformed_token");
  await expectProblem(await request.get("/api/v1/me", { headers: { authorization: `Basic ${token}` } }), 401, "unauthorized");

  // page.request carries the browser context's session cookie: it must not authenticate (CSRF).
  const withCookie = await page.request.get("/api/v1/me");
  await expectProblem(withCookie, 401, "unauthorized");
  await expectProblem(await page.request.put(`${WIKI}/watchlist/Moon`), 401, "unauthorized");

  expect((await request.get("/api/v1/me", { headers: bearer(token) })).status()).toBe(200);
  // The token list shows the new token after a reload (the creation answer only shows the plaintext).
  await page.reload();
  const section = page.getByRole("region", { name: "Tokens for Wikiport's API" });
  await section.getByRole("row", { name: /Soon revoked/ }).getByRole("button", { name: "Revoke Soon revoked" }).click();
  // The token's name holds "revoked" too, so the row's text alone does not say the revocation is done.
  await expect(page.getByText("The token was revoked: scripts using it can no longer call Wikiport's API.")).toBeVisible();
  await expectProblem(await request.get("/api/v1/me", { headers: bearer(token) }), 401, "unauthorized");
});

test("a watch-scoped token watches and unwatches a page", async ({ page, request }) => {
  await signIn(page, ADA);
  const token = await createToken(page, "Watcher bot", ["watch"]);

  const watched = await request.put(`${WIKI}/watchlist/Sun`, { headers: bearer(token) });
  expect(watched.status()).toBe(200);
  expect(await watched.json()).toMatchObject({ title: "Sun", watched: true });
  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: "Recent activity" })).toContainText("Watched Sun on en.wikipedia.org");

  const unwatched = await request.delete(`${WIKI}/watchlist/Sun`, { headers: bearer(token) });
  expect(unwatched.status()).toBe(200);
  expect(await unwatched.json()).toMatchObject({ title: "Sun", watched: false });
  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: "Recent activity" })).toContainText("Stopped watching Sun on en.wikipedia.org");
});

test("openapi.json is an OpenAPI 3.1 document with every route", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const document = JSON.parse(await response.text()) as { openapi: string; servers: { url: string }[]; paths: Record<string, Record<string, unknown>> };
  expect(document.openapi).toBe("3.1.0");
  expect(document.servers.map((server) => server.url)).toEqual([E2E.appUrl]);
  const operations = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`));
  expect(operations.sort()).toEqual(
    [
      "get /api/v1/me",
      "get /api/v1/openapi.json",
      "get /api/v1/wikis/{site}/pages/{title}",
      "put /api/v1/wikis/{site}/pages/{title}",
      "get /api/v1/wikis/{site}/search",
      "put /api/v1/wikis/{site}/watchlist/{title}",
      "delete /api/v1/wikis/{site}/watchlist/{title}",
    ].sort(),
  );
});

/** A client's own claim of an address: ignored, as npm start's front door appends the real one. */
function claiming(address: string) {
  return { "x-forwarded-for": address };
}

async function expectRetryAfter(response: ProblemResponse) {
  const body = await expectProblem(response, 429, "rate_limited");
  const retryAfter = Number(response.headers()["retry-after"]);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
  expect(body.retryAfterSeconds).toBe(retryAfter);
}

test("one token's requests beyond its limit get 429 with Retry-After; other tokens go on", async ({ page, request }) => {
  await signIn(page, ADA);
  const busy = await createToken(page, "Busy bot", []);
  const calm = await createToken(page, "Calm bot", []);
  // The run's bucket refills once an hour (e2e/environment.ts): exactly the request after the capacity is refused.
  for (let sent = 0; sent < E2E.limits.api.capacity; sent++) {
    expect((await request.get("/api/v1/me", { headers: bearer(busy) })).status()).toBe(200);
  }
  const limited = await request.get("/api/v1/me", { headers: bearer(busy) });
  await expectRetryAfter(limited);
  expect((await request.get("/api/v1/me", { headers: bearer(calm) })).status()).toBe(200);
});

test("repeated failed authentications from one address get 429 with Retry-After, before any lookup; other clients go on", async ({ page, request }) => {
  await signIn(page, ADA);
  const token = await createToken(page, "Innocent bot", []);
  // Connections of their own (e2e/support/from-address.ts), so that 127.0.0.1's budget stays whole.
  const scanner = fromAddress("127.0.2.50");
  // Malformed look-alikes and well-formed unknown tokens both count, up to the run's capacity (e2e/environment.ts).
  for (let i = 0; i < E2E.limits.apiAuthFailures.capacity; i++) {
    const presented = i % 2 === 0 ? `wkp_${"x".repeat(38)}` : generateApiToken();
    await expectProblem(await scanner.get("/api/v1/me", bearer(presented)), 401, i % 2 === 0 ? "malformed_token" : "unauthorized");
  }
  await expectRetryAfter(await scanner.get("/api/v1/me", bearer(generateApiToken())));
  // Blocked means blocked, even with a valid token, and even when the client claims another address.
  await expectRetryAfter(await scanner.get("/api/v1/me", bearer(token)));
  await expectRetryAfter(await scanner.get(`${WIKI}/pages/Moon`, { ...bearer(token), ...claiming("127.0.2.51") }));

  const neighbour = await fromAddress("127.0.2.51").get("/api/v1/me", bearer(token));
  expect(neighbour.status()).toBe(200);
  expect((await request.get("/api/v1/me", { headers: bearer(token) })).status()).toBe(200);
});
