/**
 * A signed-in reader's article view (docs/decisions/021-signed-in-reads.md): once the app has read a page,
 * Ada's next view of it costs one request to the wiki, a revision check made with her own token, from
 * which the watch button also takes its state; after she edits the page in Wikiport, her very next view
 * shows her text. The measured views are plain GETs with her session cookie, so no prefetch of the
 * browser's adds requests of its own to the sandbox's log.
 */
import type { APIRequestContext } from "@playwright/test";
import { E2E } from "./environment";
import { expect, test } from "./support/fixtures";
import { ADA, latestRequestSeq } from "./support/sandbox";
import { signIn } from "./support/sign-in";

const ARTICLE = "/wiki/en.wikipedia.org/Sun";

interface Logged {
  method: string;
  endpoint: string;
  status: number;
  credential: string | null;
}

async function upstreamSince(request: APIRequestContext, seq: number): Promise<Logged[]> {
  const response = await request.get(`${E2E.sandboxUrl}/__sandbox/requests?since=${seq}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { requests: Logged[] }).requests;
}

test("a warm signed-in view is one revision check with the reader's token, and her edit shows on the very next view", async ({ page, request }) => {
  await signIn(page, ADA);
  // The dashboard's own requests (and any prefetch) are over before anything is counted.
  await page.waitForLoadState("networkidle");
  await page.goto("about:blank");

  const first = await page.request.get(ARTICLE);
  expect(first.status()).toBe(200);
  await first.text();
  const seq = await latestRequestSeq(request);
  const second = await page.request.get(ARTICLE);
  expect(second.status()).toBe(200);
  const html = await second.text();
  expect(html).toContain("Signed in as");
  expect(html).toMatch(/aria-label="(Watch|Unwatch) Sun"/);
  const upstream = await upstreamSince(request, seq);
  expect(upstream.map(({ method, endpoint, status, credential }) => ({ method, endpoint, status, credential }))).toEqual([
    { method: "GET", endpoint: "api/query", status: 200, credential: `user:${ADA.name}` },
  ]);

  await page.goto(`${ARTICLE}?action=edit`);
  const textarea = page.getByLabel("Wikitext");
  const line = "A sentence Ada added to see it at once.";
  await textarea.fill(`${await textarea.inputValue()}\n\n${line}`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as revision");
  const after = await page.request.get(ARTICLE);
  expect(after.status()).toBe(200);
  expect(await after.text()).toContain(line);
});
