/**
 * "A newcomer can read, edit and watch on two sandbox wikis, and see each action in the activity log":
 * an edit on the English Wikipedia and a watch on the German one, then the dashboard's Recent activity,
 * where the edit links its diff and is undone.
 */
import { E2E } from "./environment";
import { expect, test } from "./support/fixtures";
import { ADA } from "./support/sandbox";
import { signIn } from "./support/sign-in";

test("edits and watches on two wikis appear in the dashboard's activity log, and an edit is undone from there", async ({ page }) => {
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
  await expect(activity.getByRole("link", { name: `Diff of revision ${revision} on en.wikipedia.org` })).toHaveAttribute(
    "href",
    `${E2E.sandboxUrl}/en.wikipedia.org/w/index.php?diff=${revision}`,
  );

  await activity.getByRole("button", { name: "Undo: Edited Moon on en.wikipedia.org" }).click();
  const undone = activity.getByRole("status").filter({ hasText: "Undone as revision" });
  await expect(undone).toBeVisible();
  const undoRevision = /revision (\d+)/.exec((await undone.textContent()) ?? "")?.[1];
  expect(Number(undoRevision)).toBeGreaterThan(Number(revision));
  await expect(items.nth(0)).toContainText(`Undid an edit to Moon on en.wikipedia.org (revision ${undoRevision}) — Done`);
  await page.goto("/wiki/en.wikipedia.org/Moon?action=edit");
  await expect(page.getByLabel("Wikitext")).not.toHaveValue(/Logged edit from Wikiport\./);
});
