/**
 * What the benchmark runs against: a production build of this checkout (built first when missing or
 * stale, with the same source digest as `npm start`), copied into a temp dir with a throwaway database,
 * next to a sandbox wiki kept in memory. The copy is what lets the static baselines be served by the same
 * build without any bench route in the app: their files go into the copy's `public/` before `next start`.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { checkBuild, recordBuild } from "../lib/build-hash";
import { freePort, startChild, stopChild, waitForHttp, type Child } from "./processes";

/** Where the static baselines live in the copy's public/ folder, and so in URLs. */
export const STATIC_DIR = "bench-static";

/** Not needed to serve the app, or must not leak into the copy (.env* would override the bench's settings). */
const SKIP_IN_COPY = new Set(["node_modules", ".git", "data", "test-results", "playwright-report", "e2e", "contract", "sandbox", "docs", ".ci"]);

export interface Ports {
  sandbox: number;
  apps: [number, number];
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    // Build output goes to stderr, so stdout stays the report.
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", process.stderr, process.stderr] });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed with exit code ${code}`))));
  });
}

export async function choosePorts(from: { sandbox: number; app: number } = { sandbox: 8850, app: 3250 }): Promise<Ports> {
  const sandbox = await freePort(from.sandbox);
  const first = await freePort(from.app);
  const second = await freePort(first + 1);
  return { sandbox, apps: [first, second] };
}

/** A read limit no bench load reaches. */
export const READ_LIMIT_OFF = "999999,999999/minute";

/** The settings of every Wikiport process of this run: fresh secrets, nothing read from .env files. */
export function appEnv(ports: Ports, dbPath: string): NodeJS.ProcessEnv {
  const key = randomBytes(32).toString("base64url");
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    WIKIPORT_URL: `http://localhost:${ports.apps[0]}`,
    WIKIMEDIA_MODE: "sandbox",
    WIKIMEDIA_SANDBOX_URL: `http://127.0.0.1:${ports.sandbox}`,
    DATABASE_PATH: dbPath,
    AUTH_SECRET: randomBytes(33).toString("base64"),
    WIKIPORT_KEYS: `bench=${key}`,
    WIKIPORT_ACTIVE_KEY: "bench",
    LOG_LEVEL: "info",
    // The load generator stands for the one reverse proxy in front of `next start`: it sends each
    // simulated reader's address in X-Forwarded-For (load.ts, distinctClients).
    WIKIPORT_TRUSTED_PROXY_HOPS: "1",
    // The rows measure the route, not the per-address read limit: most of their load comes from one
    // address. (g) starts an app of its own without this, to measure the limit too.
    WIKIPORT_READ_LIMIT: READ_LIMIT_OFF,
  };
}

/** Builds `.next` when its recorded source digest differs from the sources (scripts/lib/build-hash.ts). */
export async function ensureBuild(root: string, env: NodeJS.ProcessEnv): Promise<"fresh" | "rebuilt"> {
  const build = await checkBuild(root);
  if (!build.stale) return "fresh";
  console.error(existsSync(join(root, ".next", "BUILD_ID")) ? "Sources changed: rebuilding Wikiport…" : "Building Wikiport…");
  await run(join(root, "node_modules", ".bin", "next"), ["build"], root, env);
  await recordBuild(root, build.digest);
  return "rebuilt";
}

/** A copy of the built app to serve from: sources and `.next` without its cache, node_modules linked. */
export function copyBuiltApp(root: string, appDir: string): void {
  cpSync(root, appDir, {
    recursive: true,
    filter: (source) => {
      const path = relative(root, source);
      if (path === "") return true;
      const [top = ""] = path.split(sep);
      if (SKIP_IN_COPY.has(top) || top.startsWith(".env") || top === "tsconfig.tsbuildinfo") return false;
      return path !== join(".next", "cache");
    },
  });
  symlinkSync(join(root, "node_modules"), join(appDir, "node_modules"), "dir");
}

/** Puts a file under the copy's public/ (read by `next start` when it starts) and gives its URL path. */
export function addStaticFile(appDir: string, name: string, body: Buffer): string {
  const dir = join(appDir, "public", STATIC_DIR);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), body);
  return `/${STATIC_DIR}/${name}`;
}

export async function startSandbox(root: string, runDir: string, ports: Ports, env: NodeJS.ProcessEnv): Promise<{ child: Child; url: string }> {
  const url = `http://127.0.0.1:${ports.sandbox}`;
  const child = startChild("sandbox", join(root, "node_modules", ".bin", "tsx"), ["sandbox/main.ts"], {
    cwd: root,
    logDir: runDir,
    env: {
      ...env,
      SANDBOX_PORT: String(ports.sandbox),
      SANDBOX_HOST: "127.0.0.1",
      SANDBOX_PUBLIC_URL: url,
      SANDBOX_STORE: "memory",
      SANDBOX_WIKIPORT_CALLBACK: `${env.WIKIPORT_URL}/api/auth/callback/wikimedia`,
      SANDBOX_QUIET: "1",
    },
  });
  await waitForHttp(child, `${url}/__sandbox/info`, 60_000);
  return { child, url };
}

/** `next start` from the copy; node runs Next's CLI directly, so the child's pid is the server's. */
export async function startApp(appDir: string, runDir: string, name: string, port: number, env: NodeJS.ProcessEnv): Promise<{ child: Child; url: string }> {
  const url = `http://127.0.0.1:${port}`;
  const child = startChild(name, process.execPath, [join(appDir, "node_modules", "next", "dist", "bin", "next"), "start", "--port", String(port)], {
    cwd: appDir,
    logDir: runDir,
    env: { ...env, PORT: String(port) },
  });
  await waitForHttp(child, `${url}/`, 120_000);
  return { child, url };
}

export { stopChild };
