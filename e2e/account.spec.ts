/**
 * What a signed-in user can do with their connection and account: check it, lose it to a revocation on
 * Wikimedia and reconnect, disconnect, sign out everywhere, and delete everything.
 */
import { createHash } from "node:crypto";
import { expect, test } from "./support/fixtures";
import { E2E } from "./environment";
import { grantOf, userIdOf } from "./support/app-db";
import { ADA, WIKIPORT_CLIENT_KEY } from "./support/sandbox";
import { SESSION_COOKIE, approveAtWikimedia, sessionCookie, signIn } from "./support/sign-in";

const BLAKE = { name: "Blake Blocked", password: "blocked-demo-3" } as const;

test("a grant revoked on Wikimedia's Manage my grants page leads to Reconnect, and reconnecting works", async ({ page }) => {
  await signIn(page, ADA);
  const connection = page.getByRole("region", { name: "Connection to Wikimedia" });
  // Wikimedia's refresh tokens last a year from sign-in.
  const refreshRow = connection.locator("div").filter({ has: page.getByRole("term").filter({ hasText: "Refresh token expires" }) });
  const refreshExpires = Date.parse((await refreshRow.locator("time").getAttribute("datetime")) ?? "");
  const DAY = 24 * 3600 * 1000;
  expect(Math.round((refreshExpires - Date.now()) / DAY)).toBe(365);

  await connection.getByRole("button", { name: "Check connection" }).click();
  await expect(page.getByRole("status")).toContainText("your connection works");

  // The user revokes Wikiport on the sandbox's Special:OAuthManageMyGrants (still signed in there).
  await page.goto(`${E2E.sandboxUrl}/meta.wikimedia.org/wiki/Special:OAuthManageMyGrants`);
  await page.getByRole("button", { name: "Revoke Wikiport" }).click();
  await expect(page.getByRole("button", { name: "Revoke Wikiport" })).toHaveCount(0);

  await page.goto("/dashboard");
  await connection.getByRole("button", { name: "Check connection" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your Wikimedia connection has ended" })).toBeVisible();
  const prompt = page.getByRole("alert").filter({ hasText: "Wikiport can no longer act for you" });
  await expect(prompt.getByRole("button", { name: "Reconnect to Wikimedia" })).toBeVisible();
  await expect(connection.getByText("Reconnect needed")).toBeVisible();
  const userId = userIdOf("Ada Editor");
  expect(grantOf(userId)).toMatchObject({ status: "reconnect_needed", access_token: null, refresh_token: null });

  await prompt.getByRole("button", { name: "Reconnect to Wikimedia" }).click();
  await approveAtWikimedia(page);
  await expect(connection.getByText("Connected")).toBeVisible();
  expect(grantOf(userId).status).toBe("active");
  await connection.getByRole("button", { name: "Check connection" }).click();
  await expect(page.getByRole("status")).toContainText("your connection works");
});

test("Disconnect deletes the tokens and points to Manage my grants on Meta-Wiki", async ({ page }) => {
  await signIn(page, ADA);
  const connection = page.getByRole("region", { name: "Connection to Wikimedia" });
  await connection.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByRole("status")).toContainText("Wikiport deleted the tokens it held for you");
  await expect(connection.getByText("Disconnected")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "You disconnected Wikiport" })).toBeVisible();
  expect(grantOf(userIdOf("Ada Editor"))).toMatchObject({ status: "revoked", access_token: null, refresh_token: null });
  const manage = connection.getByRole("link", { name: "Manage my grants on Meta-Wiki" });
  await expect(manage).toHaveAttribute("href", `${E2E.sandboxUrl}/meta.wikimedia.org/wiki/Special:OAuthManageMyGrants/manage/${WIKIPORT_CLIENT_KEY}`);
  // The sandbox serves that page, with Wikiport's own Revoke button.
  await manage.click();
  await expect(page.getByRole("button", { name: "Revoke Wikiport" })).toBeVisible();
});

test("Sign out everywhere ends the sessions on every device", async ({ browser }) => {
  const laptop = await browser.newPage();
  const phone = await browser.newPage();
  await signIn(laptop, ADA);
  await signIn(phone, ADA);
  const phoneCookie = await sessionCookie(phone);
  expect(phoneCookie).toBeTruthy();
  const laptopCookie = await sessionCookie(laptop);
  expect(laptopCookie).toBeTruthy();

  // Both sessions are listed by a hash-prefix label, only the laptop's as "this session"; no cookie value is shown.
  const label = (cookie: string) => createHash("sha256").update(cookie, "utf8").digest("hex").slice(0, 8);
  await laptop.reload();
  const sessions = laptop.getByRole("region", { name: "Your sessions" });
  await expect(sessions.getByRole("row", { name: new RegExp(label(laptopCookie!)) })).toContainText("(this session)");
  const phoneRow = sessions.getByRole("row", { name: new RegExp(label(phoneCookie!)) });
  await expect(phoneRow).toBeVisible();
  await expect(phoneRow).not.toContainText("this session");
  await expect(phoneRow.getByRole("cell").nth(2)).toContainText("UTC");
  await expect(sessions.getByText("(this session)")).toHaveCount(1);
  const html = await laptop.content();
  expect(html).not.toContain(laptopCookie!);
  expect(html).not.toContain(phoneCookie!);

  await laptop.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(laptop.getByRole("status")).toHaveText("You are signed out of Wikiport on every device.");

  await phone.goto("/dashboard");
  await expect(phone).toHaveURL(`${E2E.appUrl}/`);
  const session = await phone.request.get("/api/auth/session", { headers: { cookie: `${SESSION_COOKIE}=${phoneCookie}` } });
  expect(await session.json()).toBeNull();
  await laptop.close();
  await phone.close();
});

test("Delete my Wikiport account needs the username, then removes everything", async ({ page }) => {
  await signIn(page, ADA);
  const userId = userIdOf("Ada Editor");
  const danger = page.getByRole("region", { name: "Delete your Wikiport account" });

  await danger.getByLabel("Type your Wikimedia username").fill("Ada");
  await danger.getByRole("button", { name: "Delete my Wikiport account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your account was not deleted" })).toBeVisible();
  expect(grantOf(userId).status).toBe("active");

  await danger.getByLabel("Type your Wikimedia username").fill("Ada Editor");
  await danger.getByRole("button", { name: "Delete my Wikiport account" }).click();
  await expect(page.getByRole("status")).toHaveText("Your Wikiport account and everything it held for you have been deleted.");
  await expect(page.getByRole("button", { name: "Sign in with Wikimedia" })).toBeVisible();
  expect(() => userIdOf("Ada Editor")).toThrow(/No Wikiport user/);
  expect(() => grantOf(userId)).toThrow(/No grant/);
});

test("a blocked account signs in and is told what the block means for Wikiport", async ({ page }) => {
  await signIn(page, BLAKE);
  const notice = page.getByRole("alert").filter({ hasText: "Your Wikimedia account is blocked" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("Wikimedia will refuse edits made for you");
  const account = page.getByRole("region", { name: "Your Wikimedia account" });
  await expect(account.getByText("Yes")).toBeVisible();
  // Blake has accounts on his home wiki and on Meta only (sandbox seed); others are made on first use.
  const wikis = account.getByRole("list", { name: "Wikis where your account exists" });
  await expect(wikis.getByRole("listitem")).toHaveText([/^en\.wikipedia\.org — home wiki$/, /^meta\.wikimedia\.org — created on first use, .* UTC$/]);
});
