import { expect, test } from "./support/fixtures";
import { E2E } from "./environment";

test("the landing page says what Wikiport is and offers Sign in with Wikimedia", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Wikiport");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Act on Wikipedia");
  await expect(page.getByRole("button", { name: "Sign in with Wikimedia" })).toBeVisible();
  await expect(page.getByText("Connected to the local sandbox wiki")).toBeVisible();
});

test("the sandbox wiki started by the launcher shows its demo accounts", async ({ request }) => {
  const response = await request.get(`${E2E.sandboxUrl}/__sandbox/info`);
  expect(response.ok()).toBe(true);
  const info = (await response.json()) as { users: { name: string }[]; consumer: { callback: string } };
  expect(info.users.map((user) => user.name)).toContain("Ada Editor");
  expect(info.consumer.callback).toBe(`${E2E.appUrl}/api/auth/callback/wikimedia`);
});
