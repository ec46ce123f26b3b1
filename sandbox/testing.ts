/**
 * Starts a fresh in-memory sandbox on a free port for a test file, and gives typed helpers for its
 * control API. Tests talk to it over HTTP, exactly as the app does.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { defaultSandboxConfig, type SandboxConfig } from "./config";
import { startSandbox, type Sandbox } from "./server";

export interface SandboxHandle {
  /** Origin, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly sandbox: Sandbox;
  /** Base of a wiki's script path, e.g. `${url}/en.wikipedia.org/w` */
  wiki(host?: string): string;
  control(method: string, path: string, body?: unknown): Promise<any>;
  /** An access token for a demo user with the given grants (control API, no browser flow). */
  token(user: string, grants?: string[], ttlSeconds?: number): Promise<string>;
}

export const ALL_WIKIPORT_GRANTS = ["basic", "editpage", "createeditmovepage", "editmywatchlist", "viewmywatchlist"];

/**
 * Strict refresh-token rotation unless a test asks for Wikimedia's grace: the vault must never depend on
 * reusing a rotated refresh token (sandbox/config.ts). No API gateway unless a test asks for it: most
 * tests read the sandbox with plain `fetch`, whose default User-Agent the gateway refuses; the gateway's
 * own tests and the end-to-end suites (through Wikiport, with its policy User-Agent) run with it on.
 */
const TEST_DEFAULTS: Partial<SandboxConfig> = { refreshGraceSeconds: 0, gateway: false };

export function useSandbox(requested: Partial<SandboxConfig> = {}, options: { resetEachTest?: boolean } = {}): SandboxHandle {
  const overrides = { ...TEST_DEFAULTS, ...requested };
  let sandbox: Sandbox | undefined;
  const handle: SandboxHandle = {
    get url() {
      if (!sandbox) throw new Error("sandbox not started");
      return sandbox.url;
    },
    get sandbox() {
      if (!sandbox) throw new Error("sandbox not started");
      return sandbox;
    },
    wiki: (host = "en.wikipedia.org") => `${handle.url}/${host}/w`,
    control: async (method, path, body) => {
      const response = await fetch(`${handle.url}/__sandbox${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    token: async (user, grants = ALL_WIKIPORT_GRANTS, ttlSeconds) =>
      (await handle.control("POST", "/tokens", { user, grants, ttlSeconds })).access_token as string,
  };
  const startingConfig = defaultSandboxConfig({ port: 0, store: "memory", ...overrides });
  const startingLimits = { ...startingConfig.gatewayLimits };
  beforeAll(async () => {
    sandbox = await startSandbox(startingConfig);
  });
  if (options.resetEachTest ?? true) {
    beforeEach(() => {
      sandbox?.store.reset();
      // Limits a previous test set through the control API go too: each test starts with the file's.
      Object.assign(sandbox!.store.config, overrides, { gatewayLimits: { ...startingLimits } });
    });
  }
  afterAll(async () => {
    await sandbox?.close();
  });
  return handle;
}

/**
 * Counts the requests whose path contains `pathPart` that the sandbox is serving at the same moment,
 * from the server's own request and close events: `max()` is the most that were open together.
 */
export function watchOpenRequests(sb: SandboxHandle, pathPart: string): { max(): number; stop(): void } {
  let open = 0;
  let maxOpen = 0;
  const observe = (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => {
    if (!req.url?.includes(pathPart)) return;
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    res.on("close", () => {
      open -= 1;
    });
  };
  sb.sandbox.server.on("request", observe);
  return { max: () => maxOpen, stop: () => void sb.sandbox.server.off("request", observe) };
}
