/**
 * A throwaway real MediaWiki 1.39 (Debian's package) for the contract suite: installed on SQLite into a
 * temp dir, seeded with the users, bot passwords and pages the suite needs, and served by PHP's built-in
 * server on a free loopback port. One instance serves the whole run (vitest globalSetup).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** Where Debian's mediawiki package installs MediaWiki (scripts/install-mediawiki.sh). */
export const MEDIAWIKI_DIR = "/usr/share/mediawiki";

/** What the tests need to talk to the running MediaWiki; passed to test files via vitest's provide/inject. */
export interface MediaWikiInfo {
  /** Script path base: api.php is `${base}/api.php`, REST is `${base}/rest.php/v1/...`. */
  base: string;
  /** The bot password the compared edits log in with; same user and app names as the sandbox's demo. */
  bot: BotCredentials;
  /** A second user's bot password, to make intervening edits (MediaWiki ignores self-conflicts). */
  otherBot: BotCredentials;
}

export interface BotCredentials {
  /** Login name, `User@app`. */
  lgname: string;
  lgpassword: string;
}

export interface RunningMediaWiki {
  info: MediaWikiInfo;
  stop(): Promise<void>;
}

/** The grants Wikiport asks for; the same set the sandbox's seeded bot password has. */
export const BOT_GRANTS = ["basic", "editpage", "createeditmovepage", "editmywatchlist", "viewmywatchlist"];

export const BOT_USER = "Ada Editor";
export const BOT_APP = "wikiport-bot";
export const OTHER_USER = "Contract Other";
export const OTHER_APP = "contract-other";

/** Pages created before the tests start, so both wikis have something to read and search. */
const SEED_PAGES: Array<{ title: string; text: string }> = [
  // A second revision of Main Page, so /history has a `delta` and more than one entry (as the sandbox's).
  { title: "Main Page", text: "Welcome to the contract wiki. This Main Page is seeded by the contract suite.\n\n== Getting started ==\nRead, edit and watch." },
  { title: "Contract seed", text: "A page about the contract suite, seeded before the tests start." },
];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PHP maintenance script; on failure shows stderr only (some scripts echo passwords on stdout). */
function maintenance(env: NodeJS.ProcessEnv, script: string, args: string[], input?: string): void {
  const result = spawnSync("php", [path.join(MEDIAWIKI_DIR, "maintenance", script), ...args], {
    env,
    input,
    encoding: "utf8",
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`MediaWiki maintenance/${script} failed (exit ${result.status}):\n${result.stderr}`);
  }
}

function secret(): string {
  // Passwords must pass MediaWiki's policy (length, not common); 32 chars is also the bot-password length.
  return randomBytes(16).toString("hex");
}

export async function startMediaWiki(): Promise<RunningMediaWiki> {
  const dir = mkdtempSync(path.join(tmpdir(), "wikiport-contract-mw-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, MW_CONFIG_FILE: path.join(dir, "LocalSettings.php") };
  let server: ChildProcess | undefined;
  try {
    maintenance(env, "install.php", [
      "--dbtype=sqlite", `--dbpath=${dir}`, "--dbname=wiki", `--server=${base}`, "--scriptpath=",
      `--confpath=${dir}`, `--pass=${secret()}`, "Contract Wiki", "Admin",
    ]);
    appendFileSync(
      env.MW_CONFIG_FILE!,
      [
        "",
        "# Contract suite: configuration Wikimedia's wikis also have, so shapes are comparable.",
        "# `servedby` in API errors (Wikimedia shows host names).",
        "$wgShowHostnames = true;",
        "# Watchlist expiry is enabled on Wikimedia (action=watch `expiry`, edit `watchlistexpiry`).",
        "$wgWatchlistExpiry = true;",
        "",
      ].join("\n"),
    );
    const bot = { lgname: `${BOT_USER}@${BOT_APP}`, lgpassword: secret() };
    const otherBot = { lgname: `${OTHER_USER}@${OTHER_APP}`, lgpassword: secret() };
    for (const [user, app, credentials] of [[BOT_USER, BOT_APP, bot], [OTHER_USER, OTHER_APP, otherBot]] as const) {
      maintenance(env, "createAndPromote.php", [user, secret()]);
      maintenance(env, "createBotPassword.php", ["--appid", app, "--grants", BOT_GRANTS.join(","), user, credentials.lgpassword]);
    }
    for (const page of SEED_PAGES) {
      maintenance(env, "edit.php", ["--user", BOT_USER, "--summary", "Contract suite seed", page.title], page.text);
    }

    server = spawn("php", ["-S", `127.0.0.1:${port}`, "-t", MEDIAWIKI_DIR], { env, stdio: ["ignore", "ignore", "pipe"] });
    // If vitest dies without running teardown, don't leave PHP's server behind.
    const child = server;
    const killOnExit = () => child.kill("SIGTERM");
    process.once("exit", killOnExit);
    child.once("exit", () => process.off("exit", killOnExit));
    await waitForListening(server, port);
    // The first request builds the localisation cache; doing it here keeps that cost out of the tests.
    const probe = await fetch(`${base}/api.php?action=query&meta=siteinfo&format=json`);
    if (probe.status !== 200) throw new Error(`MediaWiki answered ${probe.status} to its first request:\n${await probe.text()}`);
    await probe.arrayBuffer().catch(() => undefined);

    const running = server;
    return {
      info: { base, bot, otherBot },
      stop: async () => {
        await stopProcess(running);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (server) await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * PHP's built-in server prints "Development Server (http://127.0.0.1:PORT) started" on stderr once it
 * listens; waiting for that line avoids polling. Its request log also goes to stderr and is drained here.
 */
function waitForListening(server: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = "";
    let listening = false;
    server.stderr!.setEncoding("utf8");
    server.stderr!.on("data", (chunk: string) => {
      if (listening) return;
      log += chunk;
      if (log.includes(`(http://127.0.0.1:${port}) started`)) {
        listening = true;
        resolve();
      } else if (/Failed to listen/i.test(log)) {
        reject(new Error(`php -S could not listen on 127.0.0.1:${port}:\n${log}`));
      }
    });
    server.once("error", reject);
    server.once("exit", (code) => {
      if (!listening) reject(new Error(`php -S exited (code ${code}) before listening:\n${log}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
