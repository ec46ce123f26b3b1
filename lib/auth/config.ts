/**
 * Wikiport's Auth.js configuration, built from explicit dependencies so tests can run it on a fresh
 * database. `lib/auth/index.ts` wires it to the app's configuration, database and vault.
 */
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { Adapter } from "next-auth/adapters";
import { AuthError, type NextAuthConfig } from "next-auth";
import type { Db } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import type { Config } from "@/lib/env";
import type { Vault } from "@/lib/grants/vault";
import type { Logger } from "@/lib/log";
import { parseSite, siteUrls } from "@/lib/wikimedia/sites";
import { userAgent } from "@/lib/wikimedia/user-agent";
import { recordAudit } from "@/lib/audit";
import { recordSignIn } from "./record-sign-in";
import { accountLanguageSchema } from "./session-language";
import { safeRedirect } from "./safe-redirect";
import { wikimediaProvider } from "./wikimedia-provider";

export const SIGN_IN_PAGE = "/sign-in";
const DAY_SECONDS = 24 * 3600;

export interface AuthDeps {
  config: Config;
  db: Db;
  vault: Pick<Vault, "storeTokens">;
  log: Logger;
}

/**
 * The adapter never writes provider tokens: whatever Auth.js hands to `linkAccount`, only the link
 * itself is stored (the tokens go to the vault, sealed: docs/security-requirements.md item 10).
 */
function withoutProviderTokens(adapter: Adapter): Adapter {
  const { linkAccount } = adapter;
  if (!linkAccount) return adapter;
  return {
    ...adapter,
    linkAccount: ({ userId, type, provider, providerAccountId }) => linkAccount({ userId, type, provider, providerAccountId }),
  };
}

/** Anything that looks like a token, code or state: never logged, even inside an error message (docs/security-requirements.md item 35). */
function scrub(text: string): string {
  return text.replace(/[A-Za-z0-9_\-.~+/=]{24,}/g, "[redacted]").slice(0, 300);
}

function authLogger(log: Logger): NonNullable<NextAuthConfig["logger"]> {
  return {
    // Auth.js's default logger prints causes with their details, which can hold the callback's code and
    // state: only the error type and scrubbed messages are kept. No `debug`: Auth.js would enable it.
    error(error) {
      const cause = error instanceof AuthError ? error.cause?.err : undefined;
      log.error("auth.error", {
        type: error instanceof AuthError ? error.type : error.name,
        message: scrub(error.message),
        ...(cause ? { cause: `${cause.name}: ${scrub(cause.message)}` } : {}),
      });
    },
    warn(code) {
      log.warn("auth.warning", { code });
    },
  };
}

/** Meta's Action API, where the OAuth server lives and global preferences are read (docs/wikimedia-protocol.md §5.10). */
function metaApiUrl(wikiUrlTemplate: string): string {
  const meta = parseSite("meta.wikimedia.org");
  if (!meta.ok) throw new Error("meta.wikimedia.org is not an allowed wiki");
  return siteUrls(meta.site, wikiUrlTemplate).api;
}

export function createAuthConfig({ config, db, vault, log }: AuthDeps): NextAuthConfig {
  const appOrigin = new URL(config.app.url).origin;
  return {
    secret: config.auth.secret,
    basePath: "/api/auth",
    // The route handlers rebuild every request on the configured origin (route-guard.ts), and the
    // redirect URI, cookie security and redirect targets all come from configuration, so the request's
    // Host decides nothing. Without this, `next start` answers 500 unless AUTH_URL is set (toolchain.md 5).
    trustHost: true,
    // `__Secure-`/`__Host-` prefixes and `Secure` whenever Wikiport is served over https, whatever
    // X-Forwarded-Proto says.
    useSecureCookies: appOrigin.startsWith("https:"),
    // Debug output includes tokens and check values.
    debug: false,
    adapter: withoutProviderTokens(
      // The adapter picks its SQL flavour from the Drizzle object it is handed, which is the configured
      // engine's own (db/index.ts); `Db` only narrows what code above db/ may call on it.
      DrizzleAdapter(db as unknown as Parameters<typeof DrizzleAdapter>[0], {
        usersTable: users,
        accountsTable: accounts,
        sessionsTable: sessions,
        verificationTokensTable: verificationTokens,
      }),
    ),
    // Database sessions: signing out deletes the session row, so a copied cookie stops working at once
    // (docs/security-requirements.md item 34), and no token or profile data travels in the cookie.
    session: { strategy: "database", maxAge: 14 * DAY_SECONDS, updateAge: DAY_SECONDS },
    providers: [
      wikimediaProvider({
        oauthUrl: config.wikimedia.oauthUrl,
        metaApiUrl: metaApiUrl(config.wikimedia.wikiUrlTemplate),
        clientId: config.wikimedia.clientId,
        clientSecret: config.wikimedia.clientSecret,
        redirectUri: config.wikimedia.redirectUri,
        grants: config.wikimedia.grants,
        userAgent: userAgent(config.wikimedia.contact),
        log,
      }),
    ],
    pages: { signIn: SIGN_IN_PAGE, error: SIGN_IN_PAGE },
    callbacks: {
      async signIn({ account, profile }) {
        const { userId } = await recordSignIn({ db, vault }, { account, profile });
        log.info("auth.signed_in", { userId });
        await recordAudit(db, log, { userId, action: "sign_in", result: "ok" });
        return true;
      },
      redirect({ url }) {
        return safeRedirect(url, appOrigin);
      },
      // What `/api/auth/session` shows the browser and `auth()` the server: who is signed in, and the
      // languages to speak to them in (the users row comes with the session, so reading the language
      // costs no query of its own: lib/auth/session.ts).
      session({ session, user }) {
        const { language, wikimediaLanguage, wikimediaGender } = accountLanguageSchema.parse(user);
        return { expires: session.expires, user: { id: user.id, name: user.name, language, wikimediaLanguage, wikimediaGender } } as unknown as typeof session;
      },
    },
    logger: authLogger(log),
  };
}
