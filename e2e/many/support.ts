/**
 * What the many-instance specs read and drive: the sandbox's control API (request log with start and end
 * times, clock, faults), the shared PostgreSQL database, nginx's access log (which instance answered each
 * request: a line of the operator's own log format, not a test header), sign-in through nginx, and
 * clients that connect from a loopback address of their choosing.
 */
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import pg from "pg";
import { parseAccessLog, type AccessLogEntry } from "../../scripts/lib/nginx";
import { MANY, runState } from "./environment";

export const ADA = { name: "Ada Editor", password: "editor-demo-1" } as const;
export const ANA = { name: "Ana Admin", password: "admin-demo-4" } as const;
export const TOKEN_ENDPOINT = "oauth2/access_token";
export const WIKI = "en.wikipedia.org";
export const articleUrl = (title: string) => `/wiki/${WIKI}/${title}`;

// ---- the sandbox wiki

export interface LoggedRequest {
  seq: number;
  endpoint: string;
  status: number;
  started: number;
  ended: number | null;
  credential: string | null;
}

export async function sandboxRequests(request: APIRequestContext, filter: { endpoint?: string; since?: number } = {}): Promise<LoggedRequest[]> {
  const query = new URLSearchParams({ since: String(filter.since ?? 0), ...(filter.endpoint ? { endpoint: filter.endpoint } : {}) });
  const response = await request.get(`${MANY.sandboxUrl}/__sandbox/requests?${query}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { requests: LoggedRequest[] }).requests;
}

export async function latestSeq(request: APIRequestContext): Promise<number> {
  return Math.max(0, ...(await sandboxRequests(request)).map((entry) => entry.seq));
}

export async function sandboxControl(request: APIRequestContext, method: "POST" | "DELETE", path: string, data?: unknown): Promise<void> {
  const response = await request.fetch(`${MANY.sandboxUrl}/__sandbox${path}`, { method, data });
  expect(response.ok(), `sandbox ${method} ${path}: ${await response.text()}`).toBe(true);
}

/** Moves the sandbox's clock past the access tokens' lifetime: every access token Wikiport holds has expired. */
export async function expireAccessTokens(request: APIRequestContext): Promise<void> {
  const { settings } = (await (await request.get(`${MANY.sandboxUrl}/__sandbox/info`)).json()) as { settings: { accessTokenTtl: number } };
  await sandboxControl(request, "POST", "/clock", { advanceSeconds: settings.accessTokenTtl + 60 });
}

/**
 * The most requests of one credential the sandbox was serving at the same moment. An end and a start at
 * the same instant count as one after the other (the slot was handed on).
 */
export function peakInFlight(entries: readonly LoggedRequest[], credential: string): number {
  const events = entries
    .filter((entry) => entry.credential === credential)
    .flatMap((entry) => [
      { at: entry.started, delta: 1 },
      { at: entry.ended ?? Number.POSITIVE_INFINITY, delta: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  let open = 0;
  let peak = 0;
  for (const event of events) {
    open += event.delta;
    peak = Math.max(peak, open);
  }
  return peak;
}

// ---- the shared database

export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: runState().databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export interface GrantRow {
  version: number;
  status: string;
}

export async function grantOf(username: string): Promise<GrantRow> {
  const [row] = await query<GrantRow>(
    "SELECT g.version, g.status FROM grants g JOIN wikimedia_profiles p ON p.user_id = g.user_id WHERE p.username = $1",
    [username],
  );
  if (!row) throw new Error(`No grant for ${username}`);
  return row;
}

// ---- nginx and the instances

export function accessLog(): AccessLogEntry[] {
  return parseAccessLog(readFileSync(runState().accessLog, "utf8"));
}

/** The instances that answered the requests logged after the first `since` lines. */
export function instancesThatAnswered(since: number): Set<string> {
  return new Set(
    accessLog()
      .slice(since)
      .map((entry) => entry.upstreams.at(-1))
      .filter((address): address is string => address !== undefined),
  );
}

export function allInstances(): Set<string> {
  return new Set(runState().instances.map((instance) => instance.address));
}

/**
 * Makes the next request go to `target`. A page view is always the same number of requests, so round
 * robin would hand every form submission of a loop to the same instance; small requests first move
 * nginx's turn (it cycles through the upstreams in the order of the file) until the one before `target`
 * has answered.
 */
export async function turnTo(request: APIRequestContext, target: string): Promise<void> {
  const order = runState().instances.map((instance) => instance.address);
  const before = order[(order.indexOf(target) + order.length - 1) % order.length];
  for (let i = 0; i < 2 * order.length; i++) {
    expect((await request.get("/icon.svg")).ok()).toBe(true);
    const answered = accessLog()
      .filter((entry) => entry.path === "/icon.svg")
      .at(-1)?.upstreams.at(-1);
    if (answered === before) return;
  }
}

/** A crash, not a shutdown: SIGKILL to the instance's whole process group (scripts/lib/many-instances.ts). */
export function killInstance(index: number): void {
  const instance = runState().instances[index];
  if (!instance) throw new Error(`There is no instance ${index}.`);
  process.kill(-instance.pid, "SIGKILL");
}

// ---- people

export async function signIn(page: Page, user: { name: string; password: string }): Promise<void> {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with Wikimedia" }).click();
  await page.getByLabel("Username").fill(user.name);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Authorize application" })).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();
  await page.waitForURL(`${MANY.url}/dashboard`);
}

/** One request through nginx from `address` (127.x.y.z: all of 127.0.0.0/8 is this machine on Linux). */
export function fromAddress(address: string, method: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  const url = new URL(MANY.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: Number(url.port), localAddress: address, method, path, headers: { host: url.host, ...headers } }, (res) => {
      res.resume();
      res.once("end", () => resolve(res.statusCode ?? 0));
    });
    req.once("error", reject);
    req.end();
  });
}
