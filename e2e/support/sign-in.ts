/** Driving "Sign in with Wikimedia" through the sandbox's real login and consent pages. */
import { expect, type Page } from "@playwright/test";
import { E2E } from "../environment";
import { ADA } from "./sandbox";

export const SESSION_COOKIE = "authjs.session-token";
export const CALLBACK_PATH = "/api/auth/callback/wikimedia";

/** Clicks the landing page's button; the browser ends on Wikimedia's (the sandbox's) login or consent page. */
export async function startSignIn(page: Page): Promise<void> {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with Wikimedia" }).click();
}

export async function logInAtWikimedia(page: Page, user: { name: string; password: string } = ADA): Promise<void> {
  await page.getByLabel("Username").fill(user.name);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
}

export async function approveAtWikimedia(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { name: "Authorize application" })).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();
  await page.waitForURL(`${E2E.appUrl}/dashboard`);
}

/** A first sign-in in a fresh browser context: log in at Wikimedia, then allow. */
export async function signIn(page: Page, user: { name: string; password: string } = ADA): Promise<void> {
  await startSignIn(page);
  await logInAtWikimedia(page, user);
  await approveAtWikimedia(page);
}

export async function sessionCookie(page: Page): Promise<string | undefined> {
  return (await page.context().cookies(E2E.appUrl)).find((cookie) => cookie.name === SESSION_COOKIE)?.value;
}
