/**
 * The only reader of `process.env` in Wikiport.
 *
 * Every variable is validated once with zod and turned into a nested, typed `Config`. A bad or missing
 * variable stops start-up (and `next build`, which imports this through next.config.mjs) with a message
 * that names the variable and says how to fix it. Everything else imports `getConfig()`.
 */
import { z } from "zod";
import { KeyRingError, parseKeyRing, type KeyRing } from "./crypto/key-ring";
import { DEFAULT_SQLITE_PATH, type DatabaseTarget } from "../db/engine";

/** The sandbox wiki's seeded OAuth 2.0 consumer for Wikiport (see sandbox/seed and .env.example). */
export const SANDBOX_CONSUMER = {
  clientId: "f0950fa7a8399babe551f51af656b54a",
  clientSecret: "e916f22dcba352d17137e196fbf12df1015244d6",
} as const;

/** The grants Wikiport asks for: reading, editing and creating pages, and the user's watchlist. */
export const DEFAULT_GRANTS = [
  "basic",
  "editpage",
  "createeditmovepage",
  "editmywatchlist",
  "viewmywatchlist",
] as const;

const PRODUCTION_OAUTH_HOST = "meta.wikimedia.org";

type EnvSource = Record<string, string | undefined>;

const RATE_LIMIT_HELP =
  "A burst size and a refill rate, `<capacity>,<refill>/<minute|hour>`, e.g. WIKIPORT_EDIT_LIMIT=30,30/minute " +
  "(30 at once, then one more every 2 seconds).";

/** How to fix each variable, shown next to its validation error. */
const HELP: Record<string, string> = {
  NODE_ENV: "Use development, production or test (npm scripts set it for you).",
  PORT: "A TCP port number between 1 and 65535, e.g. PORT=3000.",
  WIKIPORT_URL:
    "The public origin of this Wikiport, without a path, e.g. WIKIPORT_URL=https://wikiport.example.org. " +
    "OAuth callbacks are built from it.",
  AUTH_SECRET:
    "A random secret of at least 32 characters that signs session cookies. Make one with " +
    "`openssl rand -base64 33` and put it in .env (npm start makes one for local use).",
  DATABASE_PATH: "A file path for the SQLite database, e.g. DATABASE_PATH=data/wikiport.db.",
  DATABASE_URL:
    "A PostgreSQL URL, e.g. DATABASE_URL=postgres://wikiport:password@db.example.org:5432/wikiport; leave it unset to use SQLite at DATABASE_PATH.",
  WIKIMEDIA_MODE:
    "Use `sandbox` (the local sandbox wiki) or `production` (meta.wikimedia.org and the real wikis). " +
    "Leave it unset to choose from whether WIKIMEDIA_CLIENT_ID is set.",
  WIKIMEDIA_CLIENT_ID:
    "The client application key of your OAuth 2.0 consumer on Meta (32 hex characters). " +
    "See README.md, 'Running against real Wikimedia'.",
  WIKIMEDIA_CLIENT_SECRET:
    "The client application secret of your OAuth 2.0 consumer, shown once when you registered it (40 hex characters).",
  WIKIMEDIA_SANDBOX_URL: "The sandbox wiki's origin, e.g. WIKIMEDIA_SANDBOX_URL=http://127.0.0.1:8787.",
  WIKIMEDIA_GRANTS:
    "A space-separated list of grant names registered for your consumer, e.g. `basic editpage`.",
  WIKIPORT_CONTACT:
    "An e-mail address or URL where Wikimedia operators can reach you; it goes into the User-Agent that " +
    "Wikimedia's policy requires, e.g. WIKIPORT_CONTACT=ops@example.org.",
  LOG_LEVEL: "One of error, warn, info, debug.",
  WIKIPORT_EDIT_LIMIT: RATE_LIMIT_HELP,
  WIKIPORT_ACTION_LIMIT: RATE_LIMIT_HELP,
  WIKIPORT_SESSION_ACTION_LIMIT: RATE_LIMIT_HELP,
  WIKIPORT_SIGN_IN_LIMIT: RATE_LIMIT_HELP,
  WIKIPORT_CALLBACK_LIMIT: RATE_LIMIT_HELP,
  WIKIPORT_API_LIMIT: RATE_LIMIT_HELP,
  WIKIPORT_API_AUTH_FAILURE_LIMIT: RATE_LIMIT_HELP,
  WIKIPORT_READ_LIMIT: RATE_LIMIT_HELP,
  WIKIPORT_KEYS:
    "The key ring that seals tokens at rest: comma-separated `kid=<32 random bytes, base64url>` entries. " +
    "Make a key with `npm run keys:generate` (npm start makes one for local use).",
  WIKIPORT_ACTIVE_KEY: "The id of the key in WIKIPORT_KEYS that seals new values, e.g. WIKIPORT_ACTIVE_KEY=k2026a.",
  REFRESH_SKEW_SECONDS:
    "Refresh an access token when fewer than this many seconds of its life remain, e.g. REFRESH_SKEW_SECONDS=120.",
  WIKIPORT_TRUSTED_PROXY_HOPS:
    "How many reverse proxies you run in front of Wikiport that append to X-Forwarded-For (0 to 5; 0 when clients connect directly), e.g. WIKIPORT_TRUSTED_PROXY_HOPS=1 behind one nginx.",
};

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const originSchema = z
  .string()
  .trim()
  .url("must be an absolute URL")
  .refine((value) => /^https?:$/.test(new URL(value).protocol), "must use http or https")
  .refine((value) => {
    const url = new URL(value);
    return url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
  }, "must be an origin only (no path, query, fragment or credentials)")
  .transform((value) => new URL(value).origin);

/** A token bucket: `capacity` at once, refilled at `refillPerMinute`. */
export interface RateLimitSetting {
  capacity: number;
  refillPerMinute: number;
}

const rateLimitSchema = optionalString.pipe(
  z
    .string()
    .regex(/^\d{1,6},\d{1,6}(\.\d{1,6})?\/(minute|hour)$/, "must look like 30,30/minute or 5,1/hour")
    .transform((value): RateLimitSetting => {
      const [capacity = "", refill = ""] = value.split(",");
      const [amount = "", unit] = refill.split("/");
      return { capacity: Number(capacity), refillPerMinute: unit === "hour" ? Number(amount) / 60 : Number(amount) };
    })
    .refine((limit) => limit.capacity >= 1 && limit.refillPerMinute > 0, "must allow at least one request and refill above zero")
    .optional(),
);

const rawSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  WIKIPORT_URL: originSchema.optional(),
  AUTH_SECRET: z
    .string({ error: "is missing" })
    .min(32, "must be at least 32 characters long"),
  DATABASE_PATH: z.string().trim().min(1).default(DEFAULT_SQLITE_PATH),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .refine((url) => /^postgres(ql)?:\/\/[^\s]+$/.test(url) && URL.canParse(url), "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  WIKIMEDIA_MODE: z.enum(["sandbox", "production"]).optional(),
  WIKIMEDIA_CLIENT_ID: optionalString.pipe(
    z.string().regex(/^[0-9a-f]{32}$/, "must be 32 lowercase hex characters").optional(),
  ),
  WIKIMEDIA_CLIENT_SECRET: optionalString.pipe(
    z.string().regex(/^[0-9a-f]{40}$/, "must be 40 lowercase hex characters").optional(),
  ),
  WIKIMEDIA_SANDBOX_URL: originSchema.default("http://127.0.0.1:8787"),
  WIKIMEDIA_GRANTS: optionalString.pipe(
    z
      .string()
      .regex(/^[a-z0-9-]+( [a-z0-9-]+)*$/, "must be grant names separated by single spaces")
      .refine((value) => value.split(" ").includes("basic"), "must include the `basic` grant")
      .optional(),
  ),
  WIKIPORT_CONTACT: optionalString.pipe(
    z
      .string()
      .refine(
        (value) => /^[^\s@()]+@[^\s@()]+\.[^\s@()]+$/.test(value) || /^https?:\/\/[^\s()]+$/.test(value),
        "must be an e-mail address or an http(s) URL",
      )
      .optional(),
  ),
  LOG_LEVEL: z.enum(["error", "warn", "info", "debug"]).default("info"),
  WIKIPORT_KEYS: z.string({ error: "is missing" }).trim().min(1, "is missing"),
  WIKIPORT_ACTIVE_KEY: z.string({ error: "is missing" }).trim().min(1, "is missing"),
  REFRESH_SKEW_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  // 0 by default: with no proxy in front, every X-Forwarded-For entry is the client's own choice (lib/security/client-address.ts).
  WIKIPORT_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  WIKIPORT_EDIT_LIMIT: rateLimitSchema,
  WIKIPORT_ACTION_LIMIT: rateLimitSchema,
  WIKIPORT_SESSION_ACTION_LIMIT: rateLimitSchema,
  WIKIPORT_SIGN_IN_LIMIT: rateLimitSchema,
  WIKIPORT_CALLBACK_LIMIT: rateLimitSchema,
  WIKIPORT_API_LIMIT: rateLimitSchema,
  WIKIPORT_API_AUTH_FAILURE_LIMIT: rateLimitSchema,
  WIKIPORT_READ_LIMIT: rateLimitSchema,
});

export type WikimediaMode = "sandbox" | "production";

export interface Config {
  nodeEnv: "development" | "production" | "test";
  app: {
    /** Public origin, e.g. https://wikiport.example.org (no trailing slash). */
    url: string;
    port: number;
    /** Reverse proxies in front that append the client's address to X-Forwarded-For (lib/security/client-address.ts). */
    trustedProxyHops: number;
  };
  auth: {
    secret: string;
  };
  vault: {
    keyRing: KeyRing;
    /** Refresh when fewer than this many seconds of an access token's life remain. */
    refreshSkewSeconds: number;
  };
  /** SQLite at a path (one machine), or PostgreSQL at a URL (any number of instances): db/engine.ts. */
  db: DatabaseTarget;
  wikimedia: {
    mode: WikimediaMode;
    clientId: string;
    clientSecret: string;
    /** Base of the OAuth 2.0 REST endpoints, e.g. https://meta.wikimedia.org/w/rest.php/oauth2 */
    oauthUrl: string;
    /** Maps a wiki's host (en.wikipedia.org) to its script path: `https://{host}/w` in production. */
    wikiUrlTemplate: string;
    /** Where the OAuth callback comes back to: fixed, never derived from request headers. */
    redirectUri: string;
    grants: string[];
    /** The contact part of the User-Agent that Wikimedia's policy requires. */
    contact: string;
    /** Origin of the sandbox wiki in sandbox mode, null with real Wikimedia. */
    sandboxUrl: string | null;
  };
  log: {
    level: "error" | "warn" | "info" | "debug";
  };
  /** Operator overrides of the request limits; unset ones keep lib/security/rate-limits.ts's defaults. */
  limits: {
    edit?: RateLimitSetting;
    /** Every server action, per user (lib/server-actions). */
    action?: RateLimitSetting;
    /** Server Action POSTs on any path, per session (proxy.ts). */
    sessionAction?: RateLimitSetting;
    signIn?: RateLimitSetting;
    callback?: RateLimitSetting;
    /** Requests to /api/v1, per token. */
    api?: RateLimitSetting;
    /** Failed /api/v1 authentications, per client address. */
    apiAuthFailures?: RateLimitSetting;
    /** Page GETs under /wiki/, per client address (proxy.ts). */
    read?: RateLimitSetting;
  };
}

export class ConfigError extends Error {
  readonly problems: readonly { variable: string; problem: string; help: string }[];

  constructor(problems: readonly { variable: string; problem: string; help: string }[]) {
    const lines = problems.map(({ variable, problem, help }) => `  - ${variable} ${problem}. ${help}`);
    super(
      `Wikiport's configuration is not valid:\n${lines.join("\n")}\n` +
        "Set these in .env (see .env.example for every variable, with comments).",
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.input === undefined) return "is missing";
  return issue.message;
}

/** Parses a set of environment variables into a typed `Config`, or throws a `ConfigError`. */
export function parseConfig(source: EnvSource): Config {
  const parsed = rawSchema.safeParse(source);
  const problems: { variable: string; problem: string; help: string }[] = [];
  const add = (variable: string, problem: string) =>
    problems.push({ variable, problem, help: HELP[variable] ?? "" });

  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      add(String(issue.path[0] ?? "configuration"), describe(issue));
    }
    throw new ConfigError(problems);
  }
  const env = parsed.data;

  const mode: WikimediaMode = env.WIKIMEDIA_MODE ?? (env.WIKIMEDIA_CLIENT_ID ? "production" : "sandbox");
  const appUrl = env.WIKIPORT_URL ?? `http://localhost:${env.PORT}`;

  if (mode === "production") {
    if (!env.WIKIMEDIA_CLIENT_ID) add("WIKIMEDIA_CLIENT_ID", "is missing (needed with real Wikimedia)");
    if (!env.WIKIMEDIA_CLIENT_SECRET) {
      add("WIKIMEDIA_CLIENT_SECRET", "is missing (needed with real Wikimedia)");
    }
    if (!env.WIKIPORT_CONTACT) add("WIKIPORT_CONTACT", "is missing (needed with real Wikimedia)");
    if (env.NODE_ENV === "production" && !env.WIKIPORT_URL) {
      add("WIKIPORT_URL", "is missing (needed with real Wikimedia in production)");
    }
  } else if (Boolean(env.WIKIMEDIA_CLIENT_ID) !== Boolean(env.WIKIMEDIA_CLIENT_SECRET)) {
    add(
      env.WIKIMEDIA_CLIENT_ID ? "WIKIMEDIA_CLIENT_SECRET" : "WIKIMEDIA_CLIENT_ID",
      "is missing (set both the client id and the secret, or neither to use the sandbox's consumer)",
    );
  }
  let keyRing: KeyRing | undefined;
  try {
    keyRing = parseKeyRing(env.WIKIPORT_KEYS, env.WIKIPORT_ACTIVE_KEY);
  } catch (error) {
    if (!(error instanceof KeyRingError)) throw error;
    add("WIKIPORT_KEYS", `is not a usable key ring: ${error.message}`);
  }
  if (problems.length > 0 || !keyRing) throw new ConfigError(problems);

  const sandbox = env.WIKIMEDIA_SANDBOX_URL;
  return {
    nodeEnv: env.NODE_ENV,
    app: { url: appUrl, port: env.PORT, trustedProxyHops: env.WIKIPORT_TRUSTED_PROXY_HOPS },
    auth: { secret: env.AUTH_SECRET },
    vault: { keyRing, refreshSkewSeconds: env.REFRESH_SKEW_SECONDS },
    db: env.DATABASE_URL ? { engine: "postgres", url: env.DATABASE_URL } : { engine: "sqlite", path: env.DATABASE_PATH },
    wikimedia: {
      mode,
      clientId: env.WIKIMEDIA_CLIENT_ID ?? SANDBOX_CONSUMER.clientId,
      clientSecret: env.WIKIMEDIA_CLIENT_SECRET ?? SANDBOX_CONSUMER.clientSecret,
      oauthUrl:
        mode === "production"
          ? `https://${PRODUCTION_OAUTH_HOST}/w/rest.php/oauth2`
          : `${sandbox}/${PRODUCTION_OAUTH_HOST}/w/rest.php/oauth2`,
      wikiUrlTemplate: mode === "production" ? "https://{host}/w" : `${sandbox}/{host}/w`,
      redirectUri: `${appUrl}/api/auth/callback/wikimedia`,
      grants: env.WIKIMEDIA_GRANTS?.split(" ") ?? [...DEFAULT_GRANTS],
      contact: env.WIKIPORT_CONTACT ?? appUrl,
      sandboxUrl: mode === "sandbox" ? sandbox : null,
    },
    log: { level: env.LOG_LEVEL },
    limits: {
      ...(env.WIKIPORT_EDIT_LIMIT ? { edit: env.WIKIPORT_EDIT_LIMIT } : {}),
      ...(env.WIKIPORT_ACTION_LIMIT ? { action: env.WIKIPORT_ACTION_LIMIT } : {}),
      ...(env.WIKIPORT_SESSION_ACTION_LIMIT ? { sessionAction: env.WIKIPORT_SESSION_ACTION_LIMIT } : {}),
      ...(env.WIKIPORT_SIGN_IN_LIMIT ? { signIn: env.WIKIPORT_SIGN_IN_LIMIT } : {}),
      ...(env.WIKIPORT_CALLBACK_LIMIT ? { callback: env.WIKIPORT_CALLBACK_LIMIT } : {}),
      ...(env.WIKIPORT_API_LIMIT ? { api: env.WIKIPORT_API_LIMIT } : {}),
      ...(env.WIKIPORT_API_AUTH_FAILURE_LIMIT ? { apiAuthFailures: env.WIKIPORT_API_AUTH_FAILURE_LIMIT } : {}),
      ...(env.WIKIPORT_READ_LIMIT ? { read: env.WIKIPORT_READ_LIMIT } : {}),
    },
  };
}

let cached: Config | undefined;

/** The validated configuration of this process, parsed on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
