/**
 * "A newcomer can read, edit and watch on two sandbox wikis, and see each action in the activity log":
 * an edit on the English Wikipedia and a watch on the German one, then the dashboard's Recent activity.
 */
import { expect, test } from "./support/fixtures";
import { ADA } from "./support/sandbox";
import { signIn } from "./support/sign-in";

test("edits and watches on two wikis appear in the dashboard's activity log", async ({ page }) => {
  await signIn(page, ADA);

  await page.goto("/wiki/en.wikipedia.org/Moon?action=edit");
  const textarea = page.getByLabel("Wikitext");
  await textarea.fill(`${await textarea.inputValue()}\n\nLogged edit from Wikiport.`);
  await page.getByLabel("Summary").fill("Activity log check");
  await page.getByRole("button", { name: "Save changes" }).click();
  const saved = page.getByRole("status").filter({ hasText: "Saved as revision" });
  await expect(saved).toBeVisible();
  const revision = /revision (\d+)/.exec((await saved.textContent()) ?? "")?.[1];
  expect(revision).toBeTruthy();

  await page.goto("/wiki/de.wikipedia.org/Sonnensystem");
  await page.getByRole("button", { name: "Watch Sonnensystem" }).click();
  await expect(page.getByRole("button", { name: "Unwatch Sonnensystem" })).toBeVisible();

  await page.goto("/dashboard");
  const activity = page.getByRole("region", { name: "Recent activity" });
  const items = activity.getByRole("listitem");
  await expect(items.nth(0)).toContainText("Watched Sonnensystem on de.wikipedia.org — Done");
  await expect(items.nth(1)).toContainText(`Edited Moon on en.wikipedia.org (revision ${revision}) — Done`);
  await expect(items.nth(2)).toContainText("Signed in with Wikimedia");
  await expect(activity.getByRole("link", { name: "Edited Moon on en.wikipedia.org" })).toHaveAttribute("href", "/wiki/en.wikipedia.org/Moon");
});
