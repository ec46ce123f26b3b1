/**
 * `npm start`: everything a newcomer needs, in one command.
 *
 * 1. Loads .env files as Next.js does; in sandbox mode, makes a local AUTH_SECRET on first run.
 * 2. Validates the configuration (lib/env.ts) and checks that the ports are free.
 * 3. Starts the sandbox wiki unless real Wikimedia credentials are configured.
 * 4. Builds the app when the build is missing or stale (the server migrates the database as it starts:
 *    instrumentation-node.ts).
 * 5. Starts the app on a loopback port behind the front door (scripts/lib/front-door.ts), which listens
 *    on the public port and tells the app each client's real address, then prints a banner with the URL
 *    and the demo accounts.
 * Ctrl-C stops both processes. `--dev` runs `next dev` on the public port instead of a production build,
 * without the front door (one developer needs no per-client limits; they then share one bucket).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { ConfigError, parseConfig, type Config } from "../lib/env";
import { checkBuild, recordBuild } from "./lib/build-hash";
import { loadEnvFiles } from "./lib/env-files";
import { startFrontDoor } from "./lib/front-door";
import { generateKey } from "./lib/keys";
import { appNodeOptions } from "./lib/node-options";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const children = new Set<ChildProcess>();
let stopping = false;

function bin(name: string): string {
  return join(root, "node_modules", ".bin", name);
}

function fail(message: string): never {
  console.error(`\n${message}\n`);
  void stopAll(1);
  throw new Error("unreachable");
}

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
  process.exit(code);
}

function loadConfig(): Config {
  loadEnvFiles(root, dev);
  const sandboxMode = (process.env.WIKIMEDIA_MODE ?? (process.env.WIKIMEDIA_CLIENT_ID ? "production" : "sandbox")) === "sandbox";
  if (sandboxMode) {
    // Random secrets for this checkout only; .env.local is git-ignored and read by Next.js too.
    const lines: string[] = [];
    if (!process.env.AUTH_SECRET) lines.push(`AUTH_SECRET=${randomBytes(33).toString("base64")}`);
    if (!process.env.WIKIPORT_KEYS) {
      const key = generateKey();
      lines.push(`WIKIPORT_KEYS=${key.entry}`, `WIKIPORT_ACTIVE_KEY=${key.id}`);
    }
    if (lines.length > 0) {
      appendFileSync(join(root, ".env.local"), `\n# Made by npm start for local use with the sandbox wiki.\n${lines.join("\n")}\n`);
      console.log(`Wrote ${lines.map((line) => line.split("=")[0]).join(", ")} to .env.local for local use.`);
      loadEnvFiles(root, dev);
    }
  }
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

function portIsFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port on 127.0.0.1 that nothing listens on now, for the app behind the front door. */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, what: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`${what} exited before it was ready (exit code ${child.exitCode}).`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  fail(`${what} did not answer at ${url} within ${Math.round(timeoutMs / 1000)} s.`);
}

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  children.add(child);
  child.once("exit", (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`\n${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping Wikiport.`);
      void stopAll(1);
    }
  });
  return child;
}

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    children.add(child);
    child.once("exit", (code) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} failed with exit code ${code}`));
    });
  });
}

interface SandboxInfo {
  users: { name: string; password: string; role: string }[];
}

async function main(): Promise<void> {
  process.once("SIGINT", () => void stopAll(0));
  process.once("SIGTERM", () => void stopAll(0));

  const config = loadConfig();
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(config.app.port) };

  if (!(await portIsFree(config.app.port))) {
    fail(
      `Port ${config.app.port} is already in use, so Wikiport cannot start there.\n` +
        `Stop the program using it (is Wikiport already running?), or choose another port: PORT=3001 npm start`,
    );
  }

  let sandboxInfo: SandboxInfo | null = null;
  if (config.wikimedia.sandboxUrl) {
    const sandboxUrl = new URL(config.wikimedia.sandboxUrl);
    const sandboxPort = Number(sandboxUrl.port || 80);
    if (!(await portIsFree(sandboxPort, sandboxUrl.hostname))) {
      fail(
        `Port ${sandboxPort} is already in use, so the sandbox wiki cannot start there.\n` +
          `Stop the program using it, or move the sandbox: WIKIMEDIA_SANDBOX_URL=http://127.0.0.1:8788 npm start`,
      );
    }
    const sandbox = start("The sandbox wiki", bin("tsx"), ["sandbox/main.ts"], {
      ...env,
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_HOST: sandboxUrl.hostname,
      SANDBOX_PUBLIC_URL: sandboxUrl.origin,
      SANDBOX_STORE: env.SANDBOX_STORE ?? join("data", "sandbox.json"),
      SANDBOX_WIKIPORT_CALLBACK: config.wikimedia.redirectUri,
      SANDBOX_QUIET: "1",
    });
    await waitForHttp(`${sandboxUrl.origin}/__sandbox/info`, "The sandbox wiki", sandbox, 30_000);
    sandboxInfo = (await (await fetch(`${sandboxUrl.origin}/__sandbox/info`)).json()) as SandboxInfo;
  }

  const build = dev ? null : await checkBuild(root);
  if (build?.stale) {
    console.log(existsSync(join(root, ".next", "BUILD_ID")) ? "Sources changed: rebuilding Wikiport…" : "Building Wikiport (first run)…");
    await runToEnd(bin("next"), ["build"], { ...env, NODE_ENV: "production" });
    await recordBuild(root, build.digest);
  }

  // The front door is one more proxy that appends the client's address, so the app trusts one more hop
  // than the operator runs in front of `npm start` (lib/security/client-address.ts).
  const trustedHops = config.app.trustedProxyHops + (dev ? 0 : 1);
  if (trustedHops > 5) fail("WIKIPORT_TRUSTED_PROXY_HOPS can be at most 4 with npm start: its own front door is one more hop.");
  const appPort = dev ? config.app.port : await freeLoopbackPort();
  const app = start("Wikiport", bin("next"), dev ? ["dev", "--port", String(appPort)] : ["start", "--port", String(appPort), "--hostname", "127.0.0.1"], {
    ...env,
    NODE_ENV: dev ? "development" : "production",
    WIKIPORT_TRUSTED_PROXY_HOPS: String(trustedHops),
    // V8's memory limits for the server (docs/decisions/022-memory-budget.md); not for `next dev`, whose
    // compiler needs more.
    ...(dev ? {} : { NODE_OPTIONS: appNodeOptions(env.NODE_OPTIONS) }),
  });
  await waitForHttp(`http://127.0.0.1:${appPort}/`, "Wikiport", app, 120_000);
  if (!dev) {
    try {
      await startFrontDoor({ port: config.app.port, appPort });
    } catch (error) {
      fail(`Wikiport could not listen on port ${config.app.port}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const lines = [
    "",
    "  Wikiport is running.",
    "",
    `  Open ${config.app.url}`,
    "",
  ];
  if (sandboxInfo) {
    lines.push(`  Wikimedia: the sandbox wiki at ${config.wikimedia.sandboxUrl} (no real accounts are touched).`);
    lines.push("  Sign in with a demo account:");
    for (const user of sandboxInfo.users) lines.push(`    ${user.name.padEnd(15)} ${user.password.padEnd(17)} ${user.role}`);
  } else {
    lines.push(`  Wikimedia: ${config.wikimedia.oauthUrl} with client ${config.wikimedia.clientId}.`);
  }
  lines.push("", "  Press Ctrl-C to stop.", "");
  console.log(lines.join("\n"));
}

main().catch((error: unknown) => {
  if (stopping) return;
  console.error(error instanceof Error ? error.message : error);
  void stopAll(1);
});
