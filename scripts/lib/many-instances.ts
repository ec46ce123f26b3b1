/**
 * Wikiport as an operator runs it on many machines, on one: a throwaway PostgreSQL
 * (scripts/lib/postgres-cluster.ts), the sandbox wiki, N `next start` instances of this checkout's
 * production build with the same secrets, key ring and DATABASE_URL, each on its own loopback port and
 * trusting one proxy hop, and Debian's nginx in front running deploy/nginx/wikiport.conf
 * (scripts/lib/nginx.ts). Used by the many-instance end-to-end project (playwright.many.config.ts) and by
 * the benchmark; `engine: "sqlite"` (one instance only) gives the benchmark its comparison.
 *
 * Each instance is started in a process group of its own, so `kill()` takes down the server and
 * anything it forked, the way a crashed machine would: SIGKILL, no shutdown handlers.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { checkBuild, recordBuild } from "./build-hash";
import { appNodeOptions } from "./node-options";
import { startNginx, type Nginx } from "./nginx";
import { startPostgresCluster, type PostgresCluster } from "./postgres-cluster";

export interface ManyInstancesOptions {
  /** The checkout whose `.next` is served (built first when missing or stale). */
  root: string;
  /** How many `next start` instances; at most 1 on SQLite, which is one machine's engine. */
  instances: number;
  engine: "postgres" | "sqlite";
  ports: { front: number; sandbox: number; apps: readonly number[] };
  /**
   * Settings every instance shares: AUTH_SECRET, WIKIPORT_KEYS, WIKIPORT_ACTIVE_KEY, limits. The
   * harness adds the URLs, ports, database and WIKIPORT_TRUSTED_PROXY_HOPS=1 (nginx is the one hop).
   */
  env: Record<string, string>;
  /** Where the processes' logs and the SQLite file go (nginx keeps its files in a temp dir of its own). */
  runDir: string;
  /** The public origin's host name; `localhost` by default, as the other end-to-end runs use. */
  host?: string;
}

export interface Instance {
  readonly index: number;
  readonly port: number;
  /** `127.0.0.1:<port>`, as nginx's access log names it. */
  readonly address: string;
  readonly pid: number;
  readonly logFile: string;
  alive(): boolean;
}

export interface ManyInstances {
  /** The public origin, through nginx. */
  readonly url: string;
  readonly sandboxUrl: string;
  /** The PostgreSQL URL the instances share, or null on SQLite. */
  readonly databaseUrl: string | null;
  readonly sqlitePath: string | null;
  readonly instances: readonly Instance[];
  readonly nginx: Nginx;
  /** The settings the instances run with (secrets included: tests open sealed values with the key ring). */
  readonly env: Readonly<Record<string, string>>;
  kill(index: number): Promise<void>;
  stop(): Promise<void>;
}

interface Started {
  child: ChildProcess;
  logFile: string;
}

function startLogged(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; runDir: string }): Started {
  const logFile = join(options.runDir, `${name}.log`);
  const fd = openSync(logFile, "a");
  // detached: a process group of its own, so a kill reaches every process of the instance.
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", fd, fd], detached: true });
  return { child, logFile };
}

function gone(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (gone(child) ? resolve() : child.once("exit", () => resolve())));
}

async function signalGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (gone(child)) return;
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is already gone.
  }
  await exited(child);
}

async function stopGracefully(child: ChildProcess): Promise<void> {
  if (gone(child)) return;
  const timer = setTimeout(() => void signalGroup(child, "SIGKILL"), 5000);
  await signalGroup(child, "SIGTERM");
  clearTimeout(timer);
}

async function waitForHttp(url: string, what: string, started: Started, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone(started.child)) throw new Error(`${what} exited before it was ready (exit code ${started.child.exitCode}); see ${started.logFile}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: "manual" });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not answer at ${url} within ${Math.round(timeoutMs / 1000)} s; see ${started.logFile}`);
}

/** Builds `.next` when its recorded source digest differs from the sources, as `npm start` does. */
export async function ensureBuild(root: string, env: NodeJS.ProcessEnv): Promise<void> {
  const build = await checkBuild(root);
  if (!build.stale) return;
  console.error(existsSync(join(root, ".next", "BUILD_ID")) ? "Sources changed: rebuilding Wikiport…" : "Building Wikiport…");
  const result = spawnSync(join(root, "node_modules", ".bin", "next"), ["build"], { cwd: root, env, stdio: ["ignore", process.stderr, process.stderr] });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
  await recordBuild(root, build.digest);
}

async function createDatabase(cluster: PostgresCluster, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return cluster.urlFor(name);
}

export async function startManyInstances(options: ManyInstancesOptions): Promise<ManyInstances> {
  const { root, runDir, ports } = options;
  if (options.engine === "sqlite" && options.instances !== 1) throw new Error("SQLite is one machine's engine: run one instance on it.");
  if (ports.apps.length < options.instances) throw new Error(`${options.instances} instances need ${options.instances} app ports.`);
  mkdirSync(runDir, { recursive: true });

  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`many-instances: a cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  try {
    const url = `http://${options.host ?? "localhost"}:${ports.front}`;
    const sandboxUrl = `http://127.0.0.1:${ports.sandbox}`;
    let databaseUrl: string | null = null;
    let sqlitePath: string | null = null;
    if (options.engine === "postgres") {
      const cluster = await startPostgresCluster();
      cleanups.push(() => cluster.stop());
      databaseUrl = await createDatabase(cluster, "wikiport");
    } else {
      sqlitePath = join(runDir, "wikiport.db");
    }

    const env: Record<string, string> = {
      ...options.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      WIKIPORT_URL: url,
      WIKIMEDIA_MODE: "sandbox",
      WIKIMEDIA_SANDBOX_URL: sandboxUrl,
      // nginx appends the connecting address; nothing else in front of it (docs/decisions/011-client-address.md).
      WIKIPORT_TRUSTED_PROXY_HOPS: "1",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_PATH: sqlitePath! }),
    };
    const processEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    if (databaseUrl === null) delete processEnv.DATABASE_URL;

    await ensureBuild(root, processEnv);

    const sandbox = startLogged("sandbox", join(root, "node_modules", ".bin", "tsx"), ["sandbox/main.ts"], {
      cwd: root,
      runDir,
      env: {
        ...processEnv,
        SANDBOX_PORT: String(ports.sandbox),
        SANDBOX_HOST: "127.0.0.1",
        SANDBOX_PUBLIC_URL: sandboxUrl,
        SANDBOX_STORE: "memory",
        // Strict rotation: single flight must hold without Wikimedia's reuse grace to fall back on.
        SANDBOX_REFRESH_GRACE: "0",
        // The gateway's checks on, its per-minute limits off: a load test must not measure them.
        SANDBOX_GATEWAY_LIMITS: "off",
        SANDBOX_WIKIPORT_CALLBACK: `${url}/api/auth/callback/wikimedia`,
        SANDBOX_QUIET: "1",
      },
    });
    cleanups.push(() => stopGracefully(sandbox.child));
    await waitForHttp(`${sandboxUrl}/__sandbox/info`, "The sandbox wiki", sandbox, 60_000);

    // All at once: they migrate behind PostgreSQL's advisory lock (db/migrate.ts), so only one applies each step.
    const started = Array.from({ length: options.instances }, (_, index) => {
      const port = ports.apps[index]!;
      const next = join(root, "node_modules", "next", "dist", "bin", "next");
      const instance = startLogged(`wikiport-${index + 1}`, process.execPath, [next, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
        cwd: root,
        runDir,
        // The V8 limits operators give each instance (docs/deploying.md, "Sizing").
        env: { ...processEnv, PORT: String(port), NODE_OPTIONS: appNodeOptions(processEnv.NODE_OPTIONS) },
      });
      cleanups.push(() => stopGracefully(instance.child));
      return { ...instance, port };
    });
    await Promise.all(started.map((instance, index) => waitForHttp(`http://127.0.0.1:${instance.port}/`, `Wikiport instance ${index + 1}`, instance, 120_000)));

    const nginx = await startNginx(root, {
      listenPort: ports.front,
      upstreams: started.map((instance) => `127.0.0.1:${instance.port}`),
    });
    cleanups.push(() => nginx.stop());

    const instances: Instance[] = started.map((instance, index) => ({
      index,
      port: instance.port,
      address: `127.0.0.1:${instance.port}`,
      pid: instance.child.pid!,
      logFile: instance.logFile,
      alive: () => !gone(instance.child),
    }));
    return {
      url,
      sandboxUrl,
      databaseUrl,
      sqlitePath,
      instances,
      nginx,
      env,
      kill: (index) => {
        const instance = started[index];
        if (!instance) throw new Error(`There is no instance ${index}.`);
        return signalGroup(instance.child, "SIGKILL");
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
