/**
 * Every server action goes through one boundary (lib/server-actions), whatever path it is posted to: a
 * Watch action captured on an article page and replayed against `/watchlist` meets the per-user action
 * limit and the proxy's per-session backstop (429 with Retry-After), and the wiki hears one watch per
 * replay that was let through, no more.
 *
 * The replays run concurrently; the run's limits (e2e/environment.ts) refill once an hour, and the bound
 * on what may pass is computed from the time the burst really took, so how slow the machine is cannot
 * change the outcome. Nico's action bucket is spent here and by the edit-limit burst in
 * security-headers.spec.ts; no later spec acts as him.
 */
import type { Request } from "@playwright/test";
import { E2E } from "./environment";
import { expect, test } from "./support/fixtures";
import { latestRequestSeq } from "./support/sandbox";
import { signIn } from "./support/sign-in";

const NICO = { name: "Nico Newcomer", password: "newcomer-demo-2" } as const;
const REPLAYS = 100;

test("a captured Watch action replayed 100 times against /watchlist is limited, and the wiki hears only what passed", async ({ page, request }) => {
  const article = "/wiki/en.wikipedia.org/Moon";
  await signIn(page, NICO);
  await page.goto(article);
  const watch = page.getByRole("button", { name: /^(Watch|Unwatch) Moon$/ });
  await expect(watch).toBeVisible();

  // The browser's own action request, held back, then replayed.
  const captured = new Promise<Request>((resolve) => {
    void page.route(`**${article}`, async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      resolve(route.request());
      await route.abort();
    });
  });
  await watch.click();
  const action = await captured;
  await page.unrouteAll({ behavior: "ignoreErrors" });
  const headers = action.headers();
  expect(headers["next-action"]).toBeTruthy();

  const seq = await latestRequestSeq(request);
  const started = Date.now();
  const answers = await Promise.all(
    Array.from({ length: REPLAYS }, async () => {
      const response = await page.request.post("/watchlist", {
        headers: {
          "next-action": headers["next-action"] ?? "",
          "content-type": headers["content-type"] ?? "",
          accept: "text/x-component",
          origin: E2E.appUrl,
        },
        data: action.postDataBuffer() ?? Buffer.alloc(0),
        maxRedirects: 0,
      });
      return { status: response.status(), retryAfter: response.headers()["retry-after"], body: await response.text() };
    }),
  );
  const elapsedSeconds = (Date.now() - started) / 1000;

  const refusedByProxy = answers.filter((answer) => answer.status === 429);
  const refusedByAction = answers.filter((answer) => answer.status === 200 && answer.body.includes('"code":"rate_limited"'));
  const watched = answers.filter((answer) => answer.status === 200 && /"ok":true[^}]*"watched":true/.test(answer.body));
  expect(refusedByProxy.length + refusedByAction.length + watched.length, "every replay was watched or refused").toBe(REPLAYS);
  expect(refusedByProxy.length + refusedByAction.length, "some replays were refused").toBeGreaterThan(0);
  for (const refusal of refusedByProxy) expect(Number(refusal.retryAfter)).toBeGreaterThanOrEqual(1);
  for (const refusal of refusedByAction) expect(refusal.body).toContain("Too many changes from your account in a short time");

  // What passed is what the per-user bucket held plus what it refilled while the burst ran.
  const passable = (limit: { capacity: number; perHour: number }) => limit.capacity + Math.ceil((elapsedSeconds * limit.perHour) / 3600);
  const allowed = Math.min(passable(E2E.limits.action), passable(E2E.limits.sessionAction));
  expect(watched.length).toBeLessThanOrEqual(allowed);

  const log = await request.get(`${E2E.sandboxUrl}/__sandbox/requests?since=${seq}&endpoint=api/watch`);
  const upstreamWatches = ((await log.json()) as { requests: unknown[] }).requests.length;
  expect(upstreamWatches, "one upstream watch per replay let through").toBe(watched.length);
});

test("the proxy's per-session backstop answers 429 with Retry-After for Server Action POSTs off /wiki/ too", async ({ page }) => {
  // Twice the bucket's 90 requests at once, each through the shared limiter: on a loaded machine that
  // alone can take most of the default 30 s, so this test gets three times as long (never a retry).
  test.slow();
  await signIn(page, NICO);
  // An action id no page has: whatever the backstop lets through does nothing at all. Sent at once, so the
  // bucket cannot refill its way past twice its capacity however slow the machine is.
  const statuses = await Promise.all(
    Array.from({ length: E2E.limits.sessionAction.capacity * 2 }, async () => {
      const response = await page.request.post("/dashboard", {
        headers: { "next-action": "0".repeat(42), origin: E2E.appUrl },
        form: { unused: "1" },
        maxRedirects: 0,
      });
      return { status: response.status(), retryAfter: response.headers()["retry-after"] };
    }),
  );
  const refused = statuses.filter((answer) => answer.status === 429);
  expect(refused.length).toBeGreaterThan(0);
  for (const refusal of refused) expect(Number(refusal.retryAfter)).toBeGreaterThanOrEqual(1);
});
