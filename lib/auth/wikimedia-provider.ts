/**
 * "Sign in with Wikimedia": an Auth.js OAuth 2.0 provider for Wikimedia's OAuth extension
 * (docs/wikimedia-protocol.md §1). Auth.js's built-in `wikimedia` provider is not used: it asks for every grant
 * (`scope=`), maps unconfirmed e-mail addresses, authenticates with HTTP Basic by default, omits `state`
 * and lets the request's Host decide `redirect_uri`.
 */
import { AuthError, customFetch } from "next-auth";
import type { OAuthConfig } from "next-auth/providers";
import { z } from "zod";
import type { Logger } from "@/lib/log";
import { wikimediaProfileSchema, type WikimediaProfile } from "@/lib/wikimedia/profile";
import { REQUEST_TIMEOUT_MS } from "@/lib/wikimedia/timeouts";
import { parseUserOptions, USER_OPTIONS_QUERY, type WikimediaUserOptions } from "@/lib/wikimedia/user-options";

/**
 * Wikimedia did not complete the sign-in (unreachable, an error status, or an unusable answer). Typed as
 * Auth.js's `OAuthCallbackError` because Auth.js passes only its own client-safe error types on to the
 * error page (@auth/core errors.js `clientErrors`); everything else becomes `Configuration`.
 */
export class WikimediaSignInError extends AuthError {
  static type = "OAuthCallbackError";
  static kind = "signIn";
}


export interface WikimediaProviderOptions {
  /** e.g. https://meta.wikimedia.org/w/rest.php/oauth2 */
  oauthUrl: string;
  /** Meta's Action API, e.g. https://meta.wikimedia.org/w/api.php: where the user's preferences are read. */
  metaApiUrl: string;
  clientId: string;
  clientSecret: string;
  /** The configured callback, sent byte-for-byte at both steps (docs/security-requirements.md item 4). */
  redirectUri: string;
  grants: readonly string[];
  userAgent: string;
  log: Logger;
  timeoutMs?: number;
}

const oauthErrorSchema = z.object({ error: z.string(), hint: z.string().optional() });

async function describeFailure(response: Response): Promise<{ error?: string; hint?: string }> {
  try {
    const parsed = oauthErrorSchema.safeParse(JSON.parse(await response.clone().text()));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * Every request to Wikimedia during sign-in: the policy User-Agent (generic ones are blocked, T400119,
 * including on the token exchange), a timeout, and a failure turned into `WikimediaSignInError`.
 */
function createWikimediaFetch(options: WikimediaProviderOptions, step: "token" | "profile") {
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  return async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set("user-agent", options.userAgent);
    let body = init.body;
    if (step === "token" && body instanceof URLSearchParams) {
      // Auth.js derives the token-step redirect_uri from the request URL; pin it to configuration so it
      // always equals what authorize was sent (league compares them: docs/wikimedia-protocol.md §1.1).
      body = new URLSearchParams(body);
      body.set("redirect_uri", options.redirectUri);
    }
    let response: Response;
    try {
      response = await fetch(input, { ...init, headers, body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const reason = error instanceof Error && error.name === "TimeoutError" ? "timeout" : "connection_failed";
      options.log.warn("auth.wikimedia_unreachable", { step, reason });
      throw new WikimediaSignInError(`Wikimedia's ${step} endpoint could not be reached`);
    }
    if (!response.ok) {
      options.log.warn("auth.wikimedia_refused", { step, status: response.status, ...(await describeFailure(response)) });
      throw new WikimediaSignInError(`Wikimedia's ${step} endpoint answered HTTP ${response.status}`);
    }
    return step === "token" ? readableTokenAnswer(response, options.log) : response;
  };
}

/**
 * The token answer, checked to be a JSON object before Auth.js reads it. Auth.js (oauth4webapi) would
 * throw its own parse error for a cut-off or non-JSON body, which it reports as `Configuration`, and
 * the person would be told their sign-in "did not match" instead of that Wikimedia failed to answer.
 * The body is read here within the request's timeout, and handed on unchanged.
 */
async function readableTokenAnswer(response: Response, log: Logger): Promise<Response> {
  let body: string;
  try {
    body = await response.text();
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "timeout" : "body_failed";
    log.warn("auth.wikimedia_unreachable", { step: "token", reason });
    throw new WikimediaSignInError("Wikimedia's token endpoint did not send its whole answer");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    log.warn("auth.wikimedia_unusable", { step: "token", status: response.status, contentType: response.headers.get("content-type") });
    throw new WikimediaSignInError("Wikimedia's token answer was not usable");
  }
  // The text is decoded already: the length and encoding of the original body no longer describe it.
  const headers = new Headers(response.headers);
  headers.delete("content-encoding");
  headers.delete("content-length");
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/** The profile as sign-in hands it on: Wikimedia's, with the preferences read next to it (null when they could not be). */
export type SignInProfile = WikimediaProfile & { options: WikimediaUserOptions | null };

/**
 * The user's interface language and gender on Meta (docs/wikimedia-protocol.md §5.10), with the token just
 * issued. They only choose the words Wikiport uses, so a failure here never stops the sign-in: it is
 * logged, and the person gets their browser's language until the next sign-in reads it.
 */
async function readUserOptions(options: WikimediaProviderOptions, accessToken: string): Promise<WikimediaUserOptions | null> {
  const url = `${options.metaApiUrl}?${new URLSearchParams(USER_OPTIONS_QUERY)}`;
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/json", "user-agent": options.userAgent },
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS),
    });
    const read = response.ok ? parseUserOptions(JSON.parse(await response.text())) : null;
    if (!read) options.log.warn("auth.wikimedia_options_unusable", { status: response.status });
    return read;
  } catch (error) {
    options.log.warn("auth.wikimedia_options_unusable", { reason: error instanceof Error ? error.name : "unknown" });
    return null;
  }
}

export function wikimediaProvider(options: WikimediaProviderOptions): OAuthConfig<WikimediaProfile> {
  const tokenFetch = createWikimediaFetch(options, "token");
  const profileFetch = createWikimediaFetch(options, "profile");
  const profileUrl = `${options.oauthUrl}/resource/profile`;

  return {
    id: "wikimedia",
    name: "Wikimedia",
    type: "oauth",
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    // Auth.js enables only PKCE by default; `state` is added as RFC 9700 §4.7 recommends (docs/security-requirements.md item 1).
    checks: ["pkce", "state"],
    client: { token_endpoint_auth_method: "client_secret_post" },
    authorization: {
      url: `${options.oauthUrl}/authorize`,
      params: { scope: options.grants.join(" "), redirect_uri: options.redirectUri },
    },
    token: `${options.oauthUrl}/access_token`,
    userinfo: {
      url: profileUrl,
      // Auth.js would read any body as the profile, even a 403 REST error; this validates it instead.
      async request({ tokens }: { tokens: { access_token?: string } }) {
        const response = await profileFetch(profileUrl, {
          headers: { authorization: `Bearer ${tokens.access_token ?? ""}`, accept: "application/json" },
        });
        let body: unknown;
        try {
          // The Content-Type may not say JSON even though the body is (docs/wikimedia-protocol.md §1.3 quirk a).
          body = JSON.parse(await response.text());
        } catch {
          body = undefined;
        }
        const parsed = wikimediaProfileSchema.safeParse(body);
        if (!parsed.success) {
          options.log.warn("auth.wikimedia_profile_unusable", { issues: parsed.error.issues.map((issue) => issue.path.join(".")) });
          throw new WikimediaSignInError("Wikimedia's profile answer was not usable");
        }
        const signInProfile: SignInProfile = { ...parsed.data, options: await readUserOptions(options, tokens.access_token ?? "") };
        return signInProfile;
      },
    },
    [customFetch]: tokenFetch,
    profile(profile) {
      return {
        id: profile.sub,
        name: profile.username,
        // An unconfirmed address proves nothing about who owns it.
        email: profile.confirmed_email && profile.email ? profile.email : null,
        image: null,
      };
    },
    // Tokens never reach the `accounts` table: the vault keeps them sealed (docs/security-requirements.md item 10).
    account: () => ({}),
  };
}
