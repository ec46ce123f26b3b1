/**
 * Debian's nginx running the repository's own deploy/nginx/wikiport.conf, for the many-instance tests and
 * the benchmark. The operator's file is used as it is, with exactly three things replaced (each must be
 * found exactly once, so a change to the file that the rendering would silently miss fails here): the
 * `server` lines of `upstream wikiport`, the `listen` line and the `access_log` path. A small main file
 * around it puts the pid file, error log and temp paths in a temp dir, so no root and nothing under /var
 * is needed.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const NGINX_BINARY = "/usr/sbin/nginx";
export const SITE_CONFIG = join("deploy", "nginx", "wikiport.conf");

export interface SiteSettings {
  /** The port nginx listens on, on 127.0.0.1. */
  listenPort: number;
  /** The instances, `host:port` each. */
  upstreams: readonly string[];
  accessLog: string;
}

function replaceOnce(text: string, pattern: RegExp, replace: (match: RegExpExecArray) => string, what: string): string {
  const matches = [...text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`))];
  if (matches.length !== 1) throw new Error(`${SITE_CONFIG}: expected exactly one ${what}, found ${matches.length}.`);
  const match = matches[0]! as RegExpExecArray;
  return text.slice(0, match.index) + replace(match) + text.slice(match.index + match[0].length);
}

/** The operator's file with this run's upstreams, listen port and access log. */
export function renderSiteConfig(template: string, settings: SiteSettings): string {
  if (settings.upstreams.length === 0) throw new Error("nginx needs at least one upstream instance.");
  let text = replaceOnce(
    template,
    /^upstream wikiport \{\n([\s\S]*?)^\}/m,
    (match) => {
      const body = match[1]!;
      const servers = [...body.matchAll(/^(\s*)server\s+\S+(.*);\s*$/gm)];
      const first = servers[0];
      if (!first) throw new Error(`${SITE_CONFIG}: \`upstream wikiport\` lists no server line.`);
      // The instances keep the parameters the operator's file gives them (max_fails, fail_timeout).
      const lines = settings.upstreams.map((address) => `${first[1]}server ${address}${first[2]};`).join("\n");
      const start = first.index!;
      const last = servers.at(-1)!;
      const end = last.index! + last[0].length;
      return `upstream wikiport {\n${body.slice(0, start)}${lines}${body.slice(end)}}`;
    },
    "`upstream wikiport` block",
  );
  text = replaceOnce(text, /^(\s*)listen\s+[^;]+;/m, (match) => `${match[1]}listen 127.0.0.1:${settings.listenPort};`, "`listen` line");
  text = replaceOnce(text, /^(\s*)access_log\s+\S+(\s+wikiport;)/m, (match) => `${match[1]}access_log ${settings.accessLog}${match[2]}`, "`access_log … wikiport;` line");
  return text;
}

/** The main file: process-wide settings in the temp dir, the site file included in `http` as Debian does. */
export function mainConfig(dir: string, sitePath: string): string {
  return [
    "worker_processes 1;",
    `pid ${join(dir, "nginx.pid")};`,
    `error_log ${join(dir, "error.log")} warn;`,
    // A 300-request storm holds two connections per request (client and instance) at once.
    "events { worker_connections 1024; }",
    "http {",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${join(dir, `${kind}-temp`)};`),
    `  include ${sitePath};`,
    "}",
    "",
  ].join("\n");
}

export interface AccessLogEntry {
  method: string;
  path: string;
  status: number;
  /** Every instance nginx tried, in order (more than one when it moved on from a failed one). */
  upstreams: string[];
}

/** Parses lines of the `wikiport` log format of deploy/nginx/wikiport.conf. */
export function parseAccessLog(text: string): AccessLogEntry[] {
  return text
    .split("\n")
    .map((line) => /"(\S+) (\S+) [^"]*" (\d{3}) \d+ upstream=(.*?) upstream_status=/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({
      method: match[1]!,
      path: match[2]!,
      status: Number(match[3]),
      upstreams: match[4] === "-" ? [] : match[4]!.split(/[,:]\s+/).filter((entry) => /^\S+:\d+$/.test(entry)),
    }));
}

export interface Nginx {
  readonly url: string;
  readonly pid: number;
  readonly accessLog: string;
  readAccessLog(): AccessLogEntry[];
  stop(): Promise<void>;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

export async function startNginx(root: string, settings: Omit<SiteSettings, "accessLog"> & { dir?: string }): Promise<Nginx> {
  if (!existsSync(NGINX_BINARY)) throw new Error("nginx is not installed: `apt-get install nginx` (Debian) provides /usr/sbin/nginx.");
  const dir = settings.dir ?? mkdtempSync(join(tmpdir(), "wikiport-nginx-"));
  // Run as root, nginx's workers switch to an unprivileged user: they must be able to enter this folder.
  chmodSync(dir, 0o755);
  const accessLog = join(dir, "access.log");
  const sitePath = join(dir, "wikiport.conf");
  const mainPath = join(dir, "nginx.conf");
  writeFileSync(sitePath, renderSiteConfig(readFileSync(join(root, SITE_CONFIG), "utf8"), { ...settings, accessLog }));
  writeFileSync(mainPath, mainConfig(dir, sitePath));
  // `-e`: nginx opens its compiled-in error log (/var/log/nginx) before reading the config otherwise.
  const base = ["-p", dir, "-e", join(dir, "error.log"), "-c", mainPath];
  const check = spawnSync(NGINX_BINARY, [...base, "-t"], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx refused ${SITE_CONFIG}:\n${check.stderr}`);

  const child = spawn(NGINX_BINARY, [...base, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const deadline = Date.now() + 10_000;
  while (!(await listening(settings.listenPort))) {
    if (child.exitCode !== null) throw new Error(`nginx exited (code ${child.exitCode}): ${stderr}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`nginx did not listen on port ${settings.listenPort} within 10 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${settings.listenPort}`,
    pid: child.pid!,
    accessLog,
    readAccessLog: () => (existsSync(accessLog) ? parseAccessLog(readFileSync(accessLog, "utf8")) : []),
    async stop() {
      // SIGTERM is nginx's fast shutdown: the master stops its workers and removes its pid file.
      child.kill("SIGTERM");
      await exited(child);
      if (!settings.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
