/**
 * The sandbox wiki's settings. The sandbox is its own program (it never imports app code), so it reads
 * its own environment here. Where Wikimedia has deployed several behaviours, each is a setting that
 * defaults to the current one (see docs/wikimedia-protocol.md).
 */
import { z } from "zod";
import { WIKIMEDIA_GATEWAY_LIMITS, type GatewayLimits } from "./gateway";

export interface SandboxConfig {
  port: number;
  /** Interface to listen on; the sandbox is a local development tool, so loopback by default. */
  host: string;
  /** Origin the sandbox is reached at, e.g. http://127.0.0.1:8787 (used in absolute URLs). */
  publicUrl: string;
  /** `memory` for tests; a file path keeps demo edits across restarts (npm start). */
  store: "memory" | { file: string };
  /** Access-token lifetime in seconds ($wgOAuth2GrantExpirationInterval: PT4H on Wikimedia). */
  accessTokenTtl: number;
  /** Refresh-token lifetime in seconds ($wgOAuth2RefreshTokenTTL: P365D on Wikimedia). */
  refreshTokenTtl: number;
  /**
   * How long a rotated refresh token may still be used, in seconds: 600 by default, Wikimedia's
   * `$wgOAuth2RefreshTokenGracePeriod` since MediaWiki change e4424057 (docs/wikimedia-protocol.md §2.3);
   * 0 = strict (any reuse fails with invalid_grant, as before it). Tests run strict unless they say
   * otherwise (sandbox/testing.ts): a race that loses a grant under strict rotation is a bug even where
   * the grace would hide it.
   */
  refreshGraceSeconds: number;
  /** Add the deprecated `message` key to OAuth errors, as the Wikimedia fork of league did until 2026. */
  legacyOAuthErrorMessage: boolean;
  /**
   * Wikimedia's API gateway in front of api.php and rest.php (gateway.ts): on by default, as in
   * production since 2025-10; off gives MediaWiki's own answers only.
   */
  gateway: boolean;
  /** The gateway's requests per minute by class (`SANDBOX_GATEWAY_LIMITS=off`: none limited). */
  gatewayLimits: GatewayLimits;
  /** Callback URL of the seeded Wikiport consumer. */
  wikiportCallback: string;
}

const schema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  SANDBOX_HOST: z.string().min(1).default("127.0.0.1"),
  SANDBOX_PUBLIC_URL: z.string().url().optional(),
  SANDBOX_STORE: z.string().min(1).default("memory"),
  SANDBOX_ACCESS_TOKEN_TTL: z.coerce.number().int().positive().default(14400),
  SANDBOX_REFRESH_TOKEN_TTL: z.coerce.number().int().positive().default(365 * 24 * 3600),
  SANDBOX_REFRESH_GRACE: z.coerce.number().int().min(0).default(600),
  SANDBOX_LEGACY_OAUTH_ERRORS: z.enum(["0", "1", "true", "false"]).default("0"),
  SANDBOX_GATEWAY: z.enum(["on", "off"]).default("on"),
  SANDBOX_GATEWAY_LIMITS: z.enum(["wikimedia", "off"]).default("wikimedia"),
  SANDBOX_WIKIPORT_CALLBACK: z.string().url().default("http://localhost:3000/api/auth/callback/wikimedia"),
});

export function sandboxConfigFromEnv(env: Record<string, string | undefined>): SandboxConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${String(issue.path[0])}: ${issue.message}`);
    throw new Error(`The sandbox wiki's settings are not valid:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.SANDBOX_PORT,
    host: e.SANDBOX_HOST,
    publicUrl: e.SANDBOX_PUBLIC_URL ?? `http://127.0.0.1:${e.SANDBOX_PORT}`,
    store: e.SANDBOX_STORE === "memory" ? "memory" : { file: e.SANDBOX_STORE },
    accessTokenTtl: e.SANDBOX_ACCESS_TOKEN_TTL,
    refreshTokenTtl: e.SANDBOX_REFRESH_TOKEN_TTL,
    refreshGraceSeconds: e.SANDBOX_REFRESH_GRACE,
    legacyOAuthErrorMessage: e.SANDBOX_LEGACY_OAUTH_ERRORS === "1" || e.SANDBOX_LEGACY_OAUTH_ERRORS === "true",
    gateway: e.SANDBOX_GATEWAY === "on",
    gatewayLimits:
      e.SANDBOX_GATEWAY_LIMITS === "off"
        ? { unidentified: null, identified: null, "new-account": null, established: null, bot: null }
        : { ...WIKIMEDIA_GATEWAY_LIMITS },
    wikiportCallback: e.SANDBOX_WIKIPORT_CALLBACK,
  };
}

export function defaultSandboxConfig(overrides: Partial<SandboxConfig> = {}): SandboxConfig {
  return { ...sandboxConfigFromEnv({}), ...overrides };
}
