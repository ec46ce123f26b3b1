/** Where the end-to-end run's servers live; shared by playwright.config.ts and the specs. */
import { randomBytes } from "node:crypto";
import { join } from "node:path";

// Overridable so that two runs (say, two working copies) can share a machine.
const appPort = Number(process.env.E2E_APP_PORT ?? 3100);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 8788);
// A second origin that embeds Wikiport's widgets (e2e/support/embedder.ts). 127.0.0.1, not localhost: it is
// then cross-SITE from the app, as a real embedding site is, which is what SameSite cookies look at.
const embedderPort = Number(process.env.E2E_EMBEDDER_PORT ?? 3101);
// Not under test-results/: Playwright empties that folder while the servers are already running.
const dataDir = join(process.cwd(), "data", "e2e");

/**
 * Fresh random secrets per run, shared through the environment: Playwright loads this module in the
 * runner and again in each worker, and the specs need the same key ring as the server to open the
 * sealed tokens they check for (docs/security-requirements.md items 8 and 10).
 */
function runSecret(name: string, make: () => string): string {
  process.env[name] ??= make();
  return process.env[name];
}

const authSecret = runSecret("WIKIPORT_E2E_AUTH_SECRET", () => randomBytes(33).toString("base64"));
const sealingKey = runSecret("WIKIPORT_E2E_SEALING_KEY", () => randomBytes(32).toString("base64url"));

/**
 * The request limits of the run (lib/security/rate-limits.ts): refilled once an hour, so that which request
 * the limit refuses never depends on how fast the machine runs. The capacities sit above what the whole
 * suite spends in one bucket — the busiest per-user edit bucket (Ada's: about 20 saves, mostly
 * e2e/faults.spec.ts), all sign-ins from 127.0.0.1 (about 80), the server actions of one user and of one session, one API token's
 * requests, failed API authentications from 127.0.0.1 (about 10) — so only the bursts in
 * e2e/security-headers.spec.ts and e2e/api-v1.spec.ts, each with a bucket of its own, meet them. A spec that makes
 * many more edits or sign-ins must raise these.
 */
const limits = {
  edit: { capacity: 30, perHour: 1 },
  action: { capacity: 150, perHour: 1 },
  sessionAction: { capacity: 90, perHour: 1 },
  signIn: { capacity: 300, perHour: 1 },
  callback: { capacity: 300, perHour: 1 },
  api: { capacity: 60, perHour: 1 },
  apiAuthFailures: { capacity: 40, perHour: 1 },
  // Every /wiki/ view from 127.0.0.1 in the whole suite, prefetches included: far above what it spends.
  read: { capacity: 5000, perHour: 1 },
} as const;

function limitSetting(limit: { capacity: number; perHour: number }): string {
  return `${limit.capacity},${limit.perHour}/hour`;
}

export const E2E = {
  appUrl: `http://localhost:${appPort}`,
  sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
  embedderUrl: `http://127.0.0.1:${embedderPort}`,
  dataDir,
  limits,
  serverEnv: {
    NODE_ENV: "production",
    PORT: String(appPort),
    WIKIPORT_URL: `http://localhost:${appPort}`,
    WIKIMEDIA_MODE: "sandbox",
    WIKIMEDIA_SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`,
    SANDBOX_STORE: "memory",
    // Strict refresh-token rotation, not Wikimedia's 600 s grace: a race that would lose a grant fails here.
    SANDBOX_REFRESH_GRACE: "0",
    // The API gateway checks User-Agent and tokens as in production, but its per-minute limits are off:
    // how many requests a suite makes in a minute depends on the machine's speed. Its 429s are tested
    // with small limits set by the tests that need them (lib/wikimedia/gateway.test.ts).
    SANDBOX_GATEWAY_LIMITS: "off",
    DATABASE_PATH: join(dataDir, "wikiport.db"),
    AUTH_SECRET: authSecret,
    // A fresh key per run: a fixed key in the repository would be a publicly known key.
    WIKIPORT_KEYS: `e2e=${sealingKey}`,
    WIKIPORT_ACTIVE_KEY: "e2e",
    WIKIPORT_EDIT_LIMIT: limitSetting(limits.edit),
    WIKIPORT_ACTION_LIMIT: limitSetting(limits.action),
    WIKIPORT_SESSION_ACTION_LIMIT: limitSetting(limits.sessionAction),
    WIKIPORT_SIGN_IN_LIMIT: limitSetting(limits.signIn),
    WIKIPORT_CALLBACK_LIMIT: limitSetting(limits.callback),
    WIKIPORT_API_LIMIT: limitSetting(limits.api),
    WIKIPORT_API_AUTH_FAILURE_LIMIT: limitSetting(limits.apiAuthFailures),
    WIKIPORT_READ_LIMIT: limitSetting(limits.read),
    NEXT_TELEMETRY_DISABLED: "1",
    XDG_CONFIG_HOME: join(dataDir, "xdg-config"),
    XDG_CACHE_HOME: join(dataDir, "xdg-cache"),
  } satisfies Record<string, string>,
};
