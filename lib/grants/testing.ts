/**
 * Shared by tests of the vault, of sign-in and of code that acts for a user: a random key ring, the
 * sealed-value pattern, and a vault on the sandbox with a demo user signed in through its real consent flow.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { parseKeyRing, type KeyRing } from "@/lib/crypto/key-ring";
import { log } from "@/lib/log";
import type { Credential } from "@/lib/wikimedia/http";
import { createTokenClient, type TokenClient } from "@/lib/wikimedia/oauth";
import { userCredential } from "@/lib/wikimedia/user-token";
import { wikiportTokens } from "@/sandbox/oauth/test-browser";
import { DEMO_USERS, WIKIPORT_CLIENT } from "@/sandbox/seed";
import type { SandboxHandle } from "@/sandbox/testing";
import { createVault, type Vault } from "./vault";

export const WIKIPORT_GRANTS = ["basic", "editpage", "createeditmovepage", "editmywatchlist", "viewmywatchlist"];

/** docs/security-requirements.md item 10: what a token column holds after sign-in. */
export const SEALED_ENVELOPE = /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/;

export function randomKeyRing(kid = "k1"): KeyRing {
  return parseKeyRing(`${kid}=${randomBytes(32).toString("base64url")}`, kid);
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
  const userId = options.userId ?? (await db.insert(users).values({ name: user.name }).returning())[0]!.id;
  const tokens = await wikiportTokens(sb, user);
  await vault.storeTokens({
    userId,
    wikimediaUserId: "1",
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresInSeconds: tokens.expires_in,
    scopes: options.scopes ?? WIKIPORT_GRANTS,
  });
  return { as: userCredential(vault, userId), userId };
}
