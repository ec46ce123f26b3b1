/**
 * The personal API token setup (issue 7): create an owner-only client on Meta's "My clients" page (the
 * sandbox's), paste its token, see whose it is, its grants and tier, the snippets with the real token
 * only right then, "test it", the warning for another account's token, and delete.
 */
import type { Browser, Page } from "@playwright/test";
import { E2E } from "./environment";
import { expect, test } from "./support/fixtures";
import { ADA } from "./support/sandbox";
import { logInAtWikimedia, signIn } from "./support/sign-in";

const NICO = { name: "Nico Newcomer", password: "newcomer-demo-2" } as const;
const MY_CLIENTS_URL = `${E2E.sandboxUrl}/meta.wikimedia.org/wiki/Special:OAuthConsumerRegistration/propose/oauth2`;
const WIKIPORT_GRANTS = ["Edit existing pages", "Create, edit, and move pages", "Edit your watchlist", "View your watchlist"];

/** Fills Meta's "Propose a new OAuth 2.0 client" form for an owner-only client and copies the token it shows once. */
async function createOwnerOnlyClient(meta: Page, owner: string, name: string): Promise<string> {
  await expect(meta.getByRole("heading", { name: "My clients: OAuth 2.0 consumers" })).toBeVisible();
  await meta.getByLabel("Application name").fill(name);
  await meta.getByLabel(`This consumer is for use only by ${owner}`).check();
  await meta.getByLabel("Request authorization for specific permissions.").check();
  for (const grant of WIKIPORT_GRANTS) await meta.getByLabel(grant, { exact: true }).check();
  await meta.getByRole("button", { name: "Propose consumer" }).click();
  await expect(meta.getByRole("status")).toContainText("Your OAuth 2.0 client has been created.");
  const token = (await meta.locator("#access-token").textContent()) ?? "";
  expect(token).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
  return token;
}

/** Another demo user makes their own token, in a browser of their own (only the sandbox is visited there). */
async function tokenOf(browser: Browser, user: { name: string; password: string }): Promise<string> {
  const context = await browser.newContext();
  try {
    const meta = await context.newPage();
    await meta.goto(MY_CLIENTS_URL);
    await logInAtWikimedia(meta, user);
    return await createOwnerOnlyClient(meta, user.name, "Nico's scripts");
  } finally {
    await context.close();
  }
}

async function paste(page: Page, token: string): Promise<void> {
  await page.getByRole("region", { name: "2. Paste it here" }).getByLabel("Personal API token").fill(token);
  await page.getByRole("button", { name: "Verify and save" }).click();
}

test("a personal API token: created on Meta, verified, shown masked, tested, warned about and deleted", async ({ page, browser, allowTokenEcho }) => {
  test.setTimeout(90_000);
  await signIn(page, ADA);
  await page.goto("/dashboard/personal-token");
  await expect(page.getByRole("heading", { level: 1, name: "Personal API token" })).toBeVisible();
  const steps = page.getByRole("region", { name: "1. Create a token on Meta-Wiki" });
  for (const grant of ["editpage", "createeditmovepage", "editmywatchlist", "viewmywatchlist"]) await expect(steps).toContainText(grant);

  // 1. The deep link opens Meta's (the sandbox's) registration form, where Ada is still logged in from signing in.
  const link = steps.getByRole("link", { name: "Propose a new OAuth 2.0 client on Meta-Wiki" });
  await expect(link).toHaveAttribute("href", MY_CLIENTS_URL);
  const [meta] = await Promise.all([page.waitForEvent("popup"), link.click()]);
  const token = await createOwnerOnlyClient(meta, ADA.name, "My scripts");
  await meta.close();

  // 2. Pasted, verified, saved: whose it is, its grants and its tier.
  allowTokenEcho(token);
  await paste(page, token);
  await expect(page.getByRole("status").filter({ hasText: "Token verified and saved" })).toContainText("it acts as Ada Editor");
  const saved = page.getByRole("region", { name: "3. Your saved token" });
  await expect(saved).toContainText(`…${token.slice(-4)}`);
  await expect(saved).toContainText("Ada Editor (central id 1001)");
  await expect(saved).toContainText("basic, editpage, createeditmovepage, editmywatchlist, viewmywatchlist");
  await expect(saved).toContainText("default tier: 5,000 requests per hour");
  await expect(saved.getByRole("alert")).toHaveCount(0);

  // 4. Right now, the snippets carry the real token, for the chosen wiki.
  const snippets = page.getByRole("region", { name: "4. Use it from a script" });
  for (const language of ["curl", "JavaScript (fetch)", "Python (requests)"]) {
    await expect(snippets.getByRole("figure", { name: language })).toContainText(token);
  }
  await snippets.getByLabel("Wiki").selectOption("de.wikipedia.org");
  await expect(snippets.getByRole("figure", { name: "curl" })).toContainText(`${E2E.sandboxUrl}/de.wikipedia.org/w/api.php?action=query&meta=userinfo&format=json`);

  // After a reload: masked only, and the snippets read $WIKIMEDIA_TOKEN.
  await page.reload();
  expect(await page.content()).not.toContain(token);
  await expect(saved).toContainText(`…${token.slice(-4)}`);
  await expect(snippets.getByRole("figure", { name: "curl" })).toContainText('Authorization: Bearer $WIKIMEDIA_TOKEN');
  await expect(snippets.getByRole("figure", { name: "Python (requests)" })).toContainText('os.environ["WIKIMEDIA_TOKEN"]');

  // 3. "Test it" calls the wiki with the token, and "last used" is set.
  await expect(saved.getByRole("definition").filter({ hasText: /^never$/ })).toHaveCount(2);
  await saved.getByRole("button", { name: "Test it" }).click();
  await expect(saved.getByRole("status")).toContainText("en.wikipedia.org answered meta=userinfo as Ada Editor");
  await expect(saved.getByRole("definition").filter({ hasText: /^never$/ })).toHaveCount(1);

  // Another account's token: saved, with a clear warning.
  const nicoToken = await tokenOf(browser, NICO);
  allowTokenEcho(nicoToken);
  await paste(page, nicoToken);
  await expect(page.getByRole("status").filter({ hasText: "Token verified and saved" })).toContainText("it acts as Nico Newcomer");
  const warning = saved.getByRole("alert").filter({ hasText: "This token belongs to another Wikimedia account" });
  await expect(warning).toContainText("“Nico Newcomer”, not to “Ada Editor”");
  await expect(saved).toContainText(`…${nicoToken.slice(-4)}`);

  // Delete: gone from Wikiport, with the way to revoke it on Meta.
  await saved.getByRole("button", { name: "Delete from Wikiport" }).click();
  const notice = page.getByRole("status").filter({ hasText: "Wikiport deleted your personal API token." });
  await expect(notice).toContainText("It still works on Wikimedia until you revoke it there");
  await expect(notice.getByRole("link", { name: "your OAuth clients on Meta-Wiki" })).toHaveAttribute(
    "href",
    `${E2E.sandboxUrl}/meta.wikimedia.org/wiki/Special:OAuthConsumerRegistration`,
  );
  await expect(saved).toContainText("No personal API token saved.");
  expect(await page.content()).not.toContain(nicoToken);

  await page.goto("/dashboard");
  const activity = page.getByRole("region", { name: "Recent activity" });
  await expect(activity).toContainText("Saved a personal API token");
  await expect(activity).toContainText("Deleted the personal API token");
});

test("a value that is not a token, or one Wikimedia rejects, is refused and nothing is saved", async ({ page }) => {
  await signIn(page, ADA);
  await page.goto("/dashboard/personal-token");
  const refusal = page.getByRole("region", { name: "2. Paste it here" }).getByRole("alert");
  await paste(page, "f0950fa7a8399babe551f51af656b54a");
  await expect(refusal).toContainText("That is the client application key, not the token.");
  // Well-formed, but not issued by Wikimedia (header {"alg":"RS256"}, a payload and a made-up signature).
  await paste(page, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMDAxIn0.bm90LWEtc2lnbmF0dXJl");
  await expect(refusal).toContainText("Wikimedia does not accept this token");
  await expect(page.getByRole("region", { name: "3. Your saved token" })).toContainText("No personal API token saved.");
});
