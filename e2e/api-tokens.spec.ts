/** Tokens for Wikiport's own JSON API: created on the dashboard, shown once, then only masked; revocable. */
import { execFileSync } from "node:child_process";
import { E2E } from "./environment";

const REST = `${E2E.sandboxUrl}/en.wikipedia.org/w/rest.php/v1`;
import { expect, test } from "./support/fixtures";
import { ADA } from "./support/sandbox";
import { signIn } from "./support/sign-in";

test("an API token is shown once, then only masked, and can be revoked", async ({ page }) => {
  await signIn(page, ADA);
  const section = page.getByRole("region", { name: "Tokens for Wikiport's API" });
  await section.getByLabel("Token name").fill("My bot");
  await section.getByLabel("Edit pages as you").check();
  await section.getByLabel("Expires").selectOption("30");
  await section.getByRole("button", { name: "Create token" }).click();

  const shown = section.getByRole("status");
  await expect(shown).toContainText("Wikiport will not show it again");
  const token = await section.getByLabel("New token").inputValue();
  expect(token).toMatch(/^wkp_[0-9A-Za-z]{38}$/);

  await page.reload();
  expect(await page.content()).not.toContain(token);
  const row = section.getByRole("row", { name: /My bot/ });
  await expect(row).toContainText(`wkp_…${token.slice(-4)}`);
  await expect(row).toContainText("read, edit");

  await row.getByRole("button", { name: "Revoke My bot" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The token was revoked" })).toBeVisible();
  await expect(section.getByRole("row", { name: /My bot/ })).toContainText("revoked");
  await expect(page.getByRole("region", { name: "Recent activity" })).toContainText("Created an API token “My bot”");
});

test("the API guide shows how to call the API, and its edit example edits the sandbox wiki as is", async ({ page, request }) => {
  await signIn(page, ADA);
  const tokens = page.getByRole("region", { name: "Tokens for Wikiport's API" });
  await tokens.getByLabel("Token name").fill("Guide bot");
  await tokens.getByLabel("Edit pages as you").check();
  await tokens.getByRole("button", { name: "Create token" }).click();
  const token = await tokens.getByLabel("New token").inputValue();

  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Wikiport API" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wikiport API" })).toBeVisible();
  const basics = page.getByRole("region", { name: "Calling the API" });
  await expect(basics).toContainText(`${E2E.appUrl}/api/v1`);
  await expect(basics).toContainText("Authorization: Bearer wkp_…");
  await expect(basics).toContainText("429 rate_limited");
  await expect(basics).toContainText("application/problem+json");
  await expect(basics.getByRole("link", { name: `${E2E.appUrl}/api/v1/openapi.json` })).toHaveAttribute("href", "/api/v1/openapi.json");
  await expect(basics.getByRole("link", { name: "Tokens for Wikiport's API" })).toHaveAttribute("href", "/dashboard#api-tokens");
  expect(await page.content()).not.toContain(token);

  // One copyable curl per documented operation (the OpenAPI document lists the same routes).
  const openapi = (await (await request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  const operations = Object.entries(openapi.paths)
    .filter(([path]) => path !== "/api/v1/openapi.json")
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
  const endpoints = page.getByRole("region", { name: "Endpoints" });
  const headings = (await endpoints.getByRole("heading", { level: 3 }).allInnerTexts()).map((text) => text.trim());
  expect(headings.sort()).toEqual(operations.sort());
  for (const command of await endpoints.locator("pre").allInnerTexts()) {
    expect(command).toMatch(new RegExp(`^curl .*"${E2E.appUrl}/api/v1/`));
    expect(command).toContain('Authorization: Bearer $WIKIPORT_TOKEN');
  }

  // Ana gives the sandbox a Wikipedia:Sandbox page; the guide's script reads its revision and edits on top of it.
  const ana = await request.post(`${E2E.sandboxUrl}/__sandbox/tokens`, { data: { user: "Ana Admin", grants: ["basic", "editpage", "createeditmovepage"] } });
  const { access_token: anaToken } = (await ana.json()) as { access_token: string };
  const created = await request.put(`${REST}/page/Wikipedia:Sandbox`, {
    headers: { authorization: `Bearer ${anaToken}` },
    data: { source: "Try edits here.", comment: "Sandbox page" },
  });
  expect(created.status()).toBe(201);
  const anaRevision = ((await created.json()) as { latest: { id: number } }).latest.id;

  const example = page.getByRole("region", { name: "Edit Wikipedia:Sandbox from a script" });
  const script = await example.getByRole("figure", { name: "Edit a page" }).locator("pre").innerText();
  const output = execFileSync("bash", ["-c", script], { env: { ...process.env, WIKIPORT_TOKEN: token }, encoding: "utf8" });
  const saved = JSON.parse(output) as { title: string; revisionId: number };
  expect(saved.title).toBe("Wikipedia:Sandbox");
  expect(saved.revisionId).toBeGreaterThan(anaRevision);
  const wiki = (await (await request.get(`${REST}/page/Wikipedia:Sandbox`)).json()) as { source: string; latest: { id: number } };
  expect(wiki).toMatchObject({ source: "Hello from my script, through Wikiport.", latest: { id: saved.revisionId } });

  const conflict = JSON.parse(await example.getByRole("figure", { name: "The answer to a conflicting edit (409)" }).locator("pre").innerText()) as Record<string, unknown>;
  expect(conflict).toMatchObject({ status: 409, code: "edit_conflict", baseRevisionId: expect.any(Number), currentRevisionId: expect.any(Number) });
});

test("without a clipboard (an http page in some browsers), Copy selects the code and says to copy it by hand", async ({ page }) => {
  // No `navigator.clipboard` at all, as in an insecure context: simulated in the page, not in Wikiport's code.
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "clipboard", { configurable: true, get: () => undefined });
  });
  await signIn(page, ADA);
  await page.goto("/dashboard/api");
  const example = page.getByRole("figure", { name: "Edit a page" });
  await example.getByRole("button", { name: "Copy: Edit a page" }).click();
  await expect(example.getByRole("status")).toHaveText("Copy failed — select the text and copy it yourself");
  const code = await example.locator("pre").innerText();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(code);
});
