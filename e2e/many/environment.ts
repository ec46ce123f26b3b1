/**
 * The many-instance run (playwright.many.config.ts): three `next start` instances on one throwaway
 * PostgreSQL behind Debian's nginx running deploy/nginx/wikiport.conf (scripts/lib/many-instances.ts).
 * Ports are overridable, as in e2e/environment.ts, so that two runs can share a machine.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const PORTS = {
  front: port("E2E_MANY_FRONT_PORT", 4100),
  sandbox: port("E2E_MANY_SANDBOX_PORT", 4101),
  apps: [port("E2E_MANY_APP_PORT_1", 4102), port("E2E_MANY_APP_PORT_2", 4103), port("E2E_MANY_APP_PORT_3", 4104)],
} as const;

export const INSTANCES = 3;

/** Fresh per run, shared with the workers through the environment (they open sealed values with the ring). */
function runSecret(name: string, make: () => string): string {
  process.env[name] ??= make();
  return process.env[name];
}

/**
 * Limits small enough that a test can spend them through three instances, refilled once an hour so that
 * which request is refused never depends on the machine's speed. Each counts per user or per address; a
 * limit kept in each process's memory would let three times as many through.
 */
export const LIMITS = {
  /** Per user: Ana Admin's saves in the edit-limit test (no other test edits as her). */
  edit: { capacity: 4, perHour: 1 },
  /** Per address: failed API authentications, from an address only that test uses. */
  apiAuthFailures: { capacity: 5, perHour: 1 },
  // Far above what the run spends, so that only the two limits above are ever met.
  action: { capacity: 500, perHour: 1 },
  sessionAction: { capacity: 500, perHour: 1 },
  signIn: { capacity: 300, perHour: 1 },
  callback: { capacity: 300, perHour: 1 },
  api: { capacity: 500, perHour: 1 },
  // Every /wiki/ view of the run comes from nginx's one address (the storms included).
  read: { capacity: 5000, perHour: 1 },
} as const;

const setting = (limit: { capacity: number; perHour: number }) => `${limit.capacity},${limit.perHour}/hour`;

export const MANY = {
  url: `http://localhost:${PORTS.front}`,
  sandboxUrl: `http://127.0.0.1:${PORTS.sandbox}`,
  // Not under test-results/: Playwright empties that folder while the servers are already running.
  runDir: join(process.cwd(), "data", "e2e-many"),
  sharedEnv: {
    AUTH_SECRET: runSecret("WIKIPORT_E2E_MANY_AUTH_SECRET", () => randomBytes(33).toString("base64")),
    WIKIPORT_KEYS: `many=${runSecret("WIKIPORT_E2E_MANY_SEALING_KEY", () => randomBytes(32).toString("base64url"))}`,
    WIKIPORT_ACTIVE_KEY: "many",
    WIKIPORT_EDIT_LIMIT: setting(LIMITS.edit),
    WIKIPORT_ACTION_LIMIT: setting(LIMITS.action),
    WIKIPORT_SESSION_ACTION_LIMIT: setting(LIMITS.sessionAction),
    WIKIPORT_SIGN_IN_LIMIT: setting(LIMITS.signIn),
    WIKIPORT_CALLBACK_LIMIT: setting(LIMITS.callback),
    WIKIPORT_API_LIMIT: setting(LIMITS.api),
    WIKIPORT_API_AUTH_FAILURE_LIMIT: setting(LIMITS.apiAuthFailures),
    WIKIPORT_READ_LIMIT: setting(LIMITS.read),
    LOG_LEVEL: "info",
  } satisfies Record<string, string>,
};

/** What the global setup hands the workers (through the environment, which Playwright passes on). */
export interface RunState {
  databaseUrl: string;
  instances: { address: string; pid: number; logFile: string }[];
  accessLog: string;
}

export const RUN_STATE_VARIABLE = "WIKIPORT_E2E_MANY_STATE";

export function runState(): RunState {
  const raw = process.env[RUN_STATE_VARIABLE];
  if (!raw) throw new Error(`${RUN_STATE_VARIABLE} is not set: run these specs with playwright.many.config.ts, whose global setup starts the instances.`);
  return JSON.parse(raw) as RunState;
}
