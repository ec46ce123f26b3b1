/**
 * What a pasted personal API token is: its shape, checked before any network call, and the claims it
 * carries. Wikimedia's access tokens are RS256 JWTs whose public key is published nowhere
 * (docs/wikimedia-protocol.md §2.1), so the claims are read, not verified: they are shown for information
 * (client, rate-limit tier, expiry), and the profile endpoint is what proves the token works.
 */
import { decodeJwt } from "jose";
import { z } from "zod";

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The pasted text as a token, or why it is not one. People paste with a `Bearer ` prefix, quotes or
 * line breaks, and sometimes paste the client key or secret shown next to the token on Meta: each gets
 * a message that says what to copy instead.
 */
export const pastedTokenSchema = z
  .string({ error: "Paste your personal API token." })
  .max(8192, "That is far longer than a personal API token. Copy only the “Access token” from Meta.")
  .transform((value) =>
    value
      .replace(/\s+/g, "")
      .replace(/^Bearer(?=eyJ)/i, "")
      .replace(/^["']|["']$/g, ""),
  )
  .superRefine((value, ctx) => {
    if (value === "") {
      ctx.addIssue({ code: "custom", message: "Paste your personal API token.", params: { problem: "personal-token-empty" } });
    } else if (/^[0-9a-f]{32}$/.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: "That is the client application key, not the token. Copy the “Access token” shown below it on Meta.",
        params: { problem: "personal-token-client-key" },
      });
    } else if (/^[0-9a-f]{40}$/.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: "That is the client application secret, not the token. Copy the “Access token” shown below it on Meta.",
        params: { problem: "personal-token-client-secret" },
      });
    } else if (!JWT_SHAPE.test(value) || !value.startsWith("eyJ")) {
      ctx.addIssue({
        code: "custom",
        message: "That does not look like a personal API token: it is a long text in three parts separated by dots, starting with “eyJ”. Copy the whole “Access token” from Meta.",
        params: { problem: "personal-token-not-jwt" },
      });
    }
  });

/**
 * Which of pastedTokenSchema's refusals an issue is, as the `detail` of a `malformed` failure
 * (lib/i18n/errors.ts says it in the reader's language).
 */
export function pastedTokenProblem(issue: z.core.$ZodIssue | undefined): string {
  if (issue?.code === "too_big") return "personal-token-too-long";
  const problem = issue?.code === "custom" ? (issue.params as { problem?: unknown } | undefined)?.problem : undefined;
  return typeof problem === "string" ? problem : "personal-token-empty";
}

/** The claims Wikiport reads (EXT AccessTokenEntity::convertToJWT; docs/wikimedia-protocol.md §2.2). Each one is optional. */
const claimsSchema = z.object({
  aud: z.union([z.string(), z.array(z.string()).transform((list) => list[0])]).optional().catch(undefined),
  sub: z.union([z.string(), z.number().transform(String)]).optional().catch(undefined),
  // Float seconds with microseconds; absent or ~1000 years ahead for owner-only tokens.
  exp: z.number().optional().catch(undefined),
  ratelimit: z
    .object({ requests_per_unit: z.number().int().positive(), unit: z.string().min(1) })
    .optional()
    .catch(undefined),
  scopes: z.array(z.string()).optional().catch(undefined),
});

export interface RateLimit {
  requestsPerUnit: number;
  unit: string;
}

export interface TokenClaims {
  /** The OAuth client the token was issued to. */
  clientId: string | null;
  /** `sub`: the plain central id for owner-only tokens, `mw:CentralAuth::<id>` for others (§2.2). */
  subject: string | null;
  expiresAt: Date | null;
  rateLimit: RateLimit | null;
  scopes: string[] | null;
}

/** Years: an expiry further away than this is Meta's "P1000Y" for owner-only tokens, i.e. never. */
const NEVER_YEARS = 100;

/** Reads a JWT-shaped token's payload; null when it is not a decodable JWT. */
export function readClaims(token: string, now = new Date()): TokenClaims | null {
  let payload: unknown;
  try {
    payload = decodeJwt(token);
  } catch {
    return null;
  }
  const claims = claimsSchema.parse(payload);
  const exp = claims.exp === undefined ? null : new Date(claims.exp * 1000);
  const never = exp === null || exp.getTime() - now.getTime() > NEVER_YEARS * 365.25 * 24 * 3600 * 1000;
  return {
    clientId: claims.aud ?? null,
    subject: claims.sub ?? null,
    expiresAt: never || Number.isNaN(exp.getTime()) ? null : exp,
    rateLimit: claims.ratelimit ? { requestsPerUnit: claims.ratelimit.requests_per_unit, unit: claims.ratelimit.unit } : null,
    scopes: claims.scopes ?? null,
  };
}

/**
 * Meta's rate-limit tiers (OAuthRateLimiter; WMFCONF CommonSettings.php, docs/wikimedia-protocol.md §2.2), per
 * hour. A token's claim carries only the numbers, so the tier's name is looked up from them.
 */
const TIERS: Record<number, string> = { 10: "demo", 5000: "default", 25000: "preferred", 100000: "internal", 250000: "wme" };

/** Meta's name of the tier a token's limit is ("default"), or null when it is none of them. */
export function rateLimitTier(rateLimit: RateLimit): string | null {
  return rateLimit.unit.toLowerCase() === "hour" ? (TIERS[rateLimit.requestsPerUnit] ?? null) : null;
}

/** e.g. "default tier: 5,000 requests per hour". */
export function describeRateLimit(rateLimit: RateLimit | null): string {
  if (!rateLimit) return "not stated in the token (Wikimedia's usual limits apply)";
  const unit = rateLimit.unit.toLowerCase();
  const amount = `${rateLimit.requestsPerUnit.toLocaleString("en")} requests per ${unit}`;
  const tier = rateLimitTier(rateLimit);
  return tier ? `${tier} tier: ${amount}` : amount;
}
