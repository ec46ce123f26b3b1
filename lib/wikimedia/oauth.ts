/**
 * Wikimedia's OAuth 2.0 token endpoint (`/w/rest.php/oauth2/access_token` on Meta): refresh and
 * client-credentials requests, form-encoded, with the policy User-Agent, and every answer sorted into
 * what the caller must do: use the tokens, ask the user to reconnect, or keep the grant and retry later.
 * See docs/wikimedia-protocol.md §1.2 for the error catalogue this follows.
 */
import { z } from "zod";
import { parseRetryAfter } from "./headers";
import { REQUEST_TIMEOUT_MS } from "./timeouts";

export interface TokenClientOptions {
  /** e.g. https://meta.wikimedia.org/w/rest.php/oauth2 */
  oauthUrl: string;
  clientId: string;
  clientSecret: string;
  userAgent: string;
  timeoutMs?: number;
}

export interface TokenSet {
  accessToken: string;
  /** Null when the server sent none (client credentials); a refresh then keeps the old one. */
  refreshToken: string | null;
  expiresInSeconds: number;
}

/**
 * - `invalid_grant`: the refresh token is dead (revoked, expired, rotated away): the user must reconnect.
 * - `invalid_client`: Wikiport's own credentials were refused: an operator problem, the grant is kept.
 * - `transient`: network failure, timeout, 5xx, 429, or a body that is not the expected JSON: retry later.
 * - `rejected`: any other OAuth error (a bug on our side, e.g. a bad request): the grant is kept.
 */
export type TokenErrorKind = "invalid_grant" | "invalid_client" | "transient" | "rejected";

export class TokenEndpointError extends Error {
  override name = "TokenEndpointError";
  constructor(
    readonly kind: TokenErrorKind,
    message: string,
    readonly details: { status?: number; error?: string; hint?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }
}

const successSchema = z.object({
  token_type: z.string().regex(/^bearer$/i),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
});

const errorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  hint: z.string().optional(),
});

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createTokenClient(options: TokenClientOptions) {
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;

  async function request(params: Record<string, string>): Promise<TokenSet> {
    const body = new URLSearchParams({ ...params, client_id: options.clientId, client_secret: options.clientSecret });
    let response: Response;
    try {
      response = await fetch(`${options.oauthUrl}/access_token`, {
        method: "POST",
        // Form-encoded only: the endpoint answers 415 to JSON (EXT AccessToken::getSupportedRequestTypes).
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
          "user-agent": options.userAgent,
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : "the connection failed";
      throw new TokenEndpointError("transient", `Wikimedia's token endpoint could not be reached: ${reason}.`);
    }

    const payload = await readJson(response);
    if (response.ok) {
      const parsed = successSchema.safeParse(payload);
      if (!parsed.success) {
        throw new TokenEndpointError("transient", "Wikimedia's token endpoint answered with an unexpected body.", { status: response.status });
      }
      return {
        accessToken: parsed.data.access_token,
        refreshToken: parsed.data.refresh_token ?? null,
        expiresInSeconds: Math.floor(parsed.data.expires_in),
      };
    }

    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      throw new TokenEndpointError("transient", `Wikimedia's token endpoint is unavailable (HTTP ${response.status}).`, {
        status: response.status,
        retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
      });
    }
    const oauthError = errorSchema.safeParse(payload);
    if (!oauthError.success) {
      // An edge error page or a REST envelope rather than an OAuth error: nothing says the grant is dead.
      throw new TokenEndpointError("transient", `Wikimedia's token endpoint answered HTTP ${response.status} without an OAuth error.`, {
        status: response.status,
      });
    }
    const { error, hint } = oauthError.data;
    const details = { status: response.status, error, hint };
    if (error === "invalid_grant") {
      throw new TokenEndpointError("invalid_grant", "Wikimedia no longer accepts this authorization.", details);
    }
    // league before 9.x answered an unusable refresh token with 401 invalid_request (docs/security-requirements.md item 20).
    if (error === "invalid_request" && /refresh token is invalid/i.test(oauthError.data.error_description ?? "")) {
      throw new TokenEndpointError("invalid_grant", "Wikimedia no longer accepts this authorization.", details);
    }
    if (error === "invalid_client") {
      throw new TokenEndpointError("invalid_client", "Wikimedia refused Wikiport's client credentials.", details);
    }
    throw new TokenEndpointError("rejected", `Wikimedia's token endpoint refused the request (${error}).`, details);
  }

  return {
    refresh: (refreshToken: string) => request({ grant_type: "refresh_token", refresh_token: refreshToken }),
    clientCredentials: () => request({ grant_type: "client_credentials" }),
  };
}

export type TokenClient = ReturnType<typeof createTokenClient>;
