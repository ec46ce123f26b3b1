/**
 * Test fixtures for code that talks to Wikimedia: a vault and token client pointed at a sandbox, a
 * demo user signed in through the sandbox's real consent flow, and helpers to assert on errors.
 */
import { expect } from "vitest";
import { users } from "@/db/schema";
import type { Db } from "@/db";
import { randomKeyRing } from "@/lib/grants/testing";
import { createVault, type Vault } from "@/lib/grants/vault";
import { log } from "@/lib/log";
import { wikiportTokens } from "@/sandbox/oauth/test-browser";
import { DEMO_USERS, WIKIPORT_CLIENT } from "@/sandbox/seed";
import type { SandboxHandle } from "@/sandbox/testing";
import { WikimediaError } from "./errors";
import type { Credential } from "./http";
import { createTokenClient, type TokenClient } from "./oauth";
import { parseSite, type Site } from "./sites";
import { userCredential } from "./user-token";

export const WIKIPORT_GRANTS = ["basic", "editpage", "createeditmovepage", "editmywatchlist", "viewmywatchlist"];

export function siteOf(host: string): Site {
  const parsed = parseSite(host);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.site;
}

/** Wikiport's token client and a vault on `db`, both talking to the sandbox's OAuth server. */
export function sandboxVault(sb: SandboxHandle, db: Db): { vault: Vault; tokens: TokenClient; oauthUrl: string } {
  const oauthUrl = `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
  const tokens = createTokenClient({ oauthUrl, clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test" });
  const vault = createVault({ db, keyRing: randomKeyRing(), tokens, oauthServer: oauthUrl, refreshSkewSeconds: 120, log });
  return { vault, tokens, oauthUrl };
}

/** A demo user who allowed Wikiport on the sandbox's consent page, with the tokens stored in the vault. */
export async function signInToVault(
  sb: SandboxHandle,
  db: Db,
  vault: Vault,
  user: { name: string; password: string } = DEMO_USERS.editor,
  options: { userId?: string; scopes?: string[] } = {},
): Promise<{ as: Credential; userId: string }> {
  const userId = options.userId ?? db.insert(users).values({ name: user.name }).returning().get().id;
  const tokens = await wikiportTokens(sb, user);
  vault.storeTokens({
    userId,
    wikimediaUserId: "1",
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresInSeconds: tokens.expires_in,
    scopes: options.scopes ?? WIKIPORT_GRANTS,
  });
  return { as: userCredential(vault, userId), userId };
}

/** The WikimediaError a promise rejects with (the test fails if it resolves or rejects otherwise). */
export async function failure(promise: Promise<unknown>): Promise<WikimediaError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(WikimediaError);
  return outcome as WikimediaError;
}
