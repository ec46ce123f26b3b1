/** Tokens for Wikiport's own JSON API: created on the dashboard, shown once, then only masked; revocable. */
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
