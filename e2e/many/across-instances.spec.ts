/**
 * Issue 13 item 5, through nginx in front of three instances on one PostgreSQL: a person's whole visit
 * works whichever instance answers each request, and the limits count in total across the instances, not
 * once per instance. Which instance answered is read from nginx's access log.
 */
import { expect, test, type Page } from "@playwright/test";
import { generateApiToken } from "../../lib/api-tokens/format";
import { LIMITS } from "./environment";
import { ADA, ANA, accessLog, allInstances, articleUrl, fromAddress, instancesThatAnswered, latestSeq, sandboxRequests, signIn, turnTo } from "./support";

async function onDashboard(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "Your Wikiport", exact: true })).toBeVisible();
}

test("sign in, dashboard, read, edit and watch through nginx, answered by every instance", async ({ page }) => {
  const before = accessLog().length;
  await signIn(page, ADA);
  await onDashboard(page);

  await page.goto(articleUrl("Earth"));
  await expect(page.getByRole("heading", { level: 1, name: "Earth" })).toBeVisible();

  await page.goto(`${articleUrl("Moon")}?action=edit`);
  const textarea = page.getByLabel("Wikitext");
  await textarea.fill(`${await textarea.inputValue()}\n\nA line saved through one of three instances.`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as revision");

  await page.goto(articleUrl("Sun"));
  const watch = page.getByRole("button", { name: /^(Watch|Unwatch) Sun$/ });
  const label = (await watch.getAttribute("aria-label")) ?? "";
  await watch.click();
  await expect(page.getByRole("button", { name: label.startsWith("Watch") ? "Unwatch Sun" : "Watch Sun", exact: true })).toBeVisible();

  // The same session on consecutive requests, which round robin hands to each instance in turn: every
  // instance knows the person (sessions live in the shared database, not in one process).
  const dashboards = accessLog().length;
  for (let i = 0; i < 6; i++) {
    const response = await page.request.get("/dashboard", { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain("Your Wikiport");
  }
  expect(instancesThatAnswered(dashboards)).toEqual(allInstances());
  expect(instancesThatAnswered(before)).toEqual(allInstances());
});

test("every instance answers the health check, which asks the shared database", async ({ request }) => {
  const before = accessLog().length;
  for (let i = 0; i < 3; i++) {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.text()).toBe("ok\n");
  }
  expect(instancesThatAnswered(before)).toEqual(allInstances());
});

test("a per-user edit limit of N holds in total across the three instances, not 3N", async ({ page }) => {
  await signIn(page, ANA);
  const seq = await latestSeq(page.request);
  const before = accessLog().length;
  const attempts = 3 * LIMITS.edit.capacity;
  const outcomes: ("saved" | "refused")[] = [];
  const saved = page.getByRole("status").filter({ hasText: "Saved as revision" });
  const refused = page.getByText(/Too many edits from your account/);
  const instances = [...allInstances()];
  for (let i = 0; i < attempts; i++) {
    await page.goto(`${articleUrl("Solar_System")}?action=edit`);
    const textarea = page.getByLabel("Wikitext");
    await textarea.fill(`${await textarea.inputValue()}\n\nAttempt ${i + 1} of ${attempts}.`);
    await turnTo(page.request, instances[i % instances.length]!);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(saved.or(refused)).toBeVisible();
    outcomes.push((await saved.isVisible()) ? "saved" : "refused");
  }
  expect(outcomes.filter((outcome) => outcome === "saved")).toHaveLength(LIMITS.edit.capacity);
  expect(outcomes.slice(LIMITS.edit.capacity)).toEqual(Array(attempts - LIMITS.edit.capacity).fill("refused"));
  // Nothing past the limit reached the wiki.
  const writes = (await sandboxRequests(page.request, { since: seq })).filter((entry) => entry.credential === `user:${ANA.name}` && entry.endpoint === "rest/page/put");
  expect(writes).toHaveLength(LIMITS.edit.capacity);
  // The saves really were spread (turnTo): every instance took some of them.
  const posts = accessLog().slice(before).filter((entry) => entry.method === "POST");
  expect(new Set(posts.map((entry) => entry.upstreams.at(-1)))).toEqual(allInstances());
});

test("a per-address limit holds in total across the three instances", async () => {
  const before = accessLog().length;
  const statuses: number[] = [];
  for (let i = 0; i < 3 * LIMITS.apiAuthFailures.capacity; i++) {
    statuses.push(await fromAddress("127.0.4.1", "GET", "/api/v1/me", { authorization: `Bearer ${generateApiToken()}` }));
  }
  expect(statuses.slice(0, LIMITS.apiAuthFailures.capacity)).toEqual(Array(LIMITS.apiAuthFailures.capacity).fill(401));
  expect(statuses.slice(LIMITS.apiAuthFailures.capacity)).toEqual(Array(2 * LIMITS.apiAuthFailures.capacity).fill(429));
  expect(instancesThatAnswered(before)).toEqual(allInstances());
  // The address nginx saw is the key: another client is not refused.
  expect(await fromAddress("127.0.4.2", "GET", "/api/v1/me", { authorization: `Bearer ${generateApiToken()}` })).toBe(401);
});
