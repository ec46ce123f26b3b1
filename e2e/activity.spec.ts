/**
 * "A newcomer can read, edit and watch on two sandbox wikis, and see each action in the activity log":
 * an edit on the German Wikipedia and a watch on the English one, then the dashboard's Recent activity,
 * where the edit links its diff and is undone. The undo fetches Ada's CSRF token for the German
 * Wikipedia, which the process then keeps: the fault matrix (e2e/faults.spec.ts, later in the run)
 * needs her English one still unfetched, so that its failing token request is met.
 */
import { E2E } from "./environment";
import { expect, test } from "./support/fixtures";
import { ADA } from "./support/sandbox";
import { signIn } from "./support/sign-in";

test("edits and watches on two wikis appear in the dashboard's activity log, and an edit is undone from there", async ({ page }) => {
  await signIn(page, ADA);

  await page.goto("/wiki/de.wikipedia.org/Erde?action=edit");
  const textarea = page.getByLabel("Wikitext");
  await textarea.fill(`${await textarea.inputValue()}\n\nLogged edit from Wikiport.`);
  await page.getByLabel("Summary").fill("Activity log check");
  await page.getByRole("button", { name: "Save changes" }).click();
  const saved = page.getByRole("status").filter({ hasText: "Saved as revision" });
  await expect(saved).toBeVisible();
  const revision = /revision (\d+)/.exec((await saved.textContent()) ?? "")?.[1];
  expect(revision).toBeTruthy();

  await page.goto("/wiki/en.wikipedia.org/Moon");
  await page.getByRole("button", { name: "Watch Moon" }).click();
  await expect(page.getByRole("button", { name: "Unwatch Moon" })).toBeVisible();

  await page.goto("/dashboard");
  const activity = page.getByRole("region", { name: "Recent activity" });
  const items = activity.getByRole("listitem");
  await expect(items.nth(0)).toContainText("Watched Moon on en.wikipedia.org — Done");
  await expect(items.nth(1)).toContainText(`Edited Erde on de.wikipedia.org (revision ${revision}) — Done`);
  await expect(items.nth(2)).toContainText("Signed in with Wikimedia");
  await expect(activity.getByRole("link", { name: "Edited Erde on de.wikipedia.org" })).toHaveAttribute("href", "/wiki/de.wikipedia.org/Erde");
  await expect(activity.getByRole("link", { name: `Diff of revision ${revision} on de.wikipedia.org` })).toHaveAttribute(
    "href",
    `${E2E.sandboxUrl}/de.wikipedia.org/w/index.php?diff=${revision}`,
  );

  await activity.getByRole("button", { name: "Undo: Edited Erde on de.wikipedia.org" }).click();
  const undone = activity.getByRole("status").filter({ hasText: "Undone as revision" });
  await expect(undone).toBeVisible();
  const undoRevision = /revision (\d+)/.exec((await undone.textContent()) ?? "")?.[1];
  expect(Number(undoRevision)).toBeGreaterThan(Number(revision));
  await expect(items.nth(0)).toContainText(`Undid an edit to Erde on de.wikipedia.org (revision ${undoRevision}) — Done`);
  await page.goto("/wiki/de.wikipedia.org/Erde?action=edit");
  await expect(page.getByLabel("Wikitext")).not.toHaveValue(/Logged edit from Wikiport\./);
});
