/**
 * The benchmark's child processes (the sandbox wiki and `next start`): free ports, readiness, memory and
 * an orderly stop. Output goes to log files in the run's temp dir, so the table is not buried in it and
 * a failure can point at the file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { openSync, readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export interface Child {
  name: string;
  process: ChildProcess;
  logFile: string;
}

const running = new Set<Child>();

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first free port from `from` upward, skipping `taken` (ports this run has already handed out). */
export async function freePort(from: number, taken: readonly number[] = []): Promise<number> {
  for (let port = from; port < from + 200; port += 1) {
    if (!taken.includes(port) && (await portIsFree(port))) return port;
  }
  throw new Error(`No free port between ${from} and ${from + 199}.`);
}

export function startChild(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logDir: string }): Child {
  const logFile = join(options.logDir, `${name.replaceAll(/[^a-z0-9]+/gi, "-").toLowerCase()}.log`);
  const fd = openSync(logFile, "a");
  const child: Child = {
    name,
    logFile,
    process: spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", fd, fd] }),
  };
  running.add(child);
  child.process.once("exit", () => running.delete(child));
  return child;
}

export async function waitForHttp(child: Child, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(`${child.name} exited before it was ready (exit code ${child.process.exitCode}); see ${child.logFile}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${child.name} did not answer at ${url} within ${Math.round(timeoutMs / 1000)} s; see ${child.logFile}`);
}

export function stopChild(child: Child): Promise<void> {
  return new Promise((resolve) => {
    const { process: proc } = child;
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const timer = setTimeout(() => proc.kill("SIGKILL"), 5000);
    proc.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill("SIGTERM");
  });
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(stopChild));
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** Process ids of `pid` and all its descendants (Linux /proc; `next start` may serve from a child). */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(`/proc/${entry}/stat`);
    // The command name is in parentheses and may contain spaces: the parent id follows the last ")".
    const ppid = stat ? Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) : Number.NaN;
    if (Number.isFinite(ppid)) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** Resident memory of a process and its descendants in bytes, or NaN where /proc is not available. */
export function residentBytes(pid: number): number {
  if (!readProc(`/proc/${pid}/status`)) return Number.NaN;
  let total = 0;
  for (const id of processTree(pid)) {
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(readProc(`/proc/${id}/status`) ?? "")?.[1];
    if (kib) total += Number(kib) * 1024;
  }
  return total;
}

/**
 * Where a process's resident memory is (Linux /proc/<pid>/status): anonymous (V8's heap, Buffers,
 * malloc) and file-backed (the node binary, native add-ons, other mapped code). NaN where unavailable.
 */
export function residentParts(pid: number): { anonymous: number; file: number } {
  const status = readProc(`/proc/${pid}/status`) ?? "";
  const kib = (field: string) => {
    const value = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1];
    return value ? Number(value) * 1024 : Number.NaN;
  };
  return { anonymous: kib("RssAnon"), file: kib("RssFile") };
}
