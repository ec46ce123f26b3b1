/**
 * The two wikis under comparison, behind one interface: the real MediaWiki started by global-setup.ts
 * and a fresh in-memory sandbox started per test file. Every compared request goes to both through the
 * same code, so any difference comes from the servers, not from the way they were asked.
 */
import { afterAll, beforeAll, inject } from "vitest";
import { defaultSandboxConfig } from "../sandbox/config";
import { DEMO_BOT_PASSWORD, DEMO_USERS } from "../sandbox/seed";
import { startSandbox, type Sandbox } from "../sandbox/server";
import { CookieJar, encodeParams, send, type Exchange, type Params } from "./http-client";
import type { BotCredentials } from "./mediawiki";

export type TargetName = "mediawiki" | "sandbox";

export interface Target {
  readonly name: TargetName;
  /** Script path base: `${base}/api.php`, `${base}/rest.php`. */
  readonly base: string;
  /** Credentials of the bot password the compared edits use (same user and app names on both). */
  readonly bot: BotCredentials;
}

export interface ApiOptions {
  method?: "GET" | "POST";
  /** Parameters for the query string; with POST, `body` carries the rest. */
  query?: Params;
  body?: Params;
  jar?: CookieJar;
  /** Extra request headers, e.g. an OAuth `authorization` for the sandbox's second editor. */
  headers?: Record<string, string>;
}

/** Action API request; `format=json` is added to the query string unless given. */
export function api(target: Target, options: ApiOptions): Promise<Exchange> {
  const method = options.method ?? "GET";
  const query = encodeParams({ format: "json", ...options.query });
  const body = options.body === undefined ? undefined : encodeParams(options.body);
  const shown = [query, body === undefined ? "" : `[body] ${body.replace(/(token|lgpassword)=[^&]*/g, "$1=…")}`]
    .filter(Boolean)
    .join(" ");
  return send(`${method} api.php?${shown}`, `${target.base}/api.php?${query}`, {
    method,
    jar: options.jar,
    headers: { ...options.headers, ...(body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" }) },
    body,
  });
}

export interface RestOptions {
  json?: unknown;
  jar?: CookieJar;
}

/** REST request; `path` starts at the version, e.g. `/v1/page/Main_Page/bare`. */
export function rest(target: Target, method: string, path: string, options: RestOptions = {}): Promise<Exchange> {
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  return send(`${method} rest.php${path}`, `${target.base}/rest.php${path}`, {
    method,
    jar: options.jar,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body,
  });
}

/**
 * Starts the sandbox for this test file and returns both targets (filled in by beforeAll). The sandbox
 * keeps its state for the whole file: the tests in a file build on each other's edits, as on MediaWiki.
 */
export interface Targets {
  mediawiki: Target;
  sandbox: Target;
  /** The sandbox's control API (`/__sandbox/...`), for setup that has no MediaWiki counterpart. */
  sandboxControl(method: string, path: string, body?: unknown): Promise<unknown>;
}

export function useTargets(): Targets {
  let sandbox: Sandbox | undefined;
  const mediawiki: Target = {
    name: "mediawiki",
    get base() {
      return inject("mediawiki").base;
    },
    get bot() {
      return inject("mediawiki").bot;
    },
  };
  const sandboxTarget: Target = {
    name: "sandbox",
    get base() {
      if (!sandbox) throw new Error("sandbox not started");
      return `${sandbox.url}/en.wikipedia.org/w`;
    },
    bot: { lgname: `${DEMO_USERS.editor.name}@${DEMO_BOT_PASSWORD.appId}`, lgpassword: DEMO_BOT_PASSWORD.password },
  };
  beforeAll(async () => {
    // MediaWiki 1.39 as Debian ships it has no API gateway in front, so neither does the sandbox here.
    sandbox = await startSandbox(defaultSandboxConfig({ port: 0, store: "memory", gateway: false }));
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  const sandboxControl = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    if (!sandbox) throw new Error("sandbox not started");
    const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox control ${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { mediawiki, sandbox: sandboxTarget, sandboxControl };
}

/** One request's answers from both wikis. */
export interface Pair {
  mediawiki: Exchange;
  sandbox: Exchange;
}

/** Sends the same request to both wikis, MediaWiki first (one at a time: PHP's server is single-threaded). */
export async function pair(targets: { mediawiki: Target; sandbox: Target }, request: (target: Target) => Promise<Exchange>): Promise<Pair> {
  const mediawiki = await request(targets.mediawiki);
  const sandbox = await request(targets.sandbox);
  return { mediawiki, sandbox };
}
