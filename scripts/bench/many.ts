/**
 * (m1–m3) The refresh storm through nginx over three instances on PostgreSQL, and (m4, m5) warm article throughput
 * through nginx with 1 vs 3 instances on PostgreSQL and 1 on SQLite. Each shape is started by the same
 * harness as the many-instance end-to-end run (scripts/lib/many-instances.ts: deploy/nginx/wikiport.conf
 * in front, a throwaway PostgreSQL), one after the other, so all of it shares this run's machine and load.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { startManyInstances, type ManyInstances } from "../lib/many-instances";
import { ARTICLE_PATH } from "./article";
import { load, warmUp, type LoadResult } from "./load";
import { freePort } from "./processes";
import { describeStatuses, formatCount, formatMs, formatRate, formatRatio, percentile, ratio, type Row } from "./report";
import { createSandboxControl, TOKEN_ENDPOINT } from "./sandbox-control";
import { READ_LIMIT_OFF } from "./stack";
import { SESSION_COOKIE, signInOverHttp } from "./sign-in";
import type { ThroughputPlan } from "./throughput";

export interface ManyInput {
  root: string;
  runDir: string;
  storm: number;
  plan: ThroughputPlan;
}

type Shape = { name: string; engine: "postgres" | "sqlite"; instances: number };

const THREE_ON_POSTGRES: Shape = { name: "many-pg-3", engine: "postgres", instances: 3 };
const ONE_ON_POSTGRES: Shape = { name: "many-pg-1", engine: "postgres", instances: 1 };
const ONE_ON_SQLITE: Shape = { name: "many-sqlite-1", engine: "sqlite", instances: 1 };

async function start(input: ManyInput, shape: Shape): Promise<ManyInstances> {
  const front = await freePort(8960);
  const sandbox = await freePort(front + 1);
  const apps: number[] = [];
  for (let i = 0; i < shape.instances; i += 1) apps.push(await freePort((apps.at(-1) ?? sandbox) + 1));
  return startManyInstances({
    root: input.root,
    instances: shape.instances,
    engine: shape.engine,
    ports: { front, sandbox, apps },
    runDir: join(input.runDir, shape.name),
    env: {
      AUTH_SECRET: randomBytes(33).toString("base64"),
      WIKIPORT_KEYS: `bench=${randomBytes(32).toString("base64url")}`,
      WIKIPORT_ACTIVE_KEY: "bench",
      LOG_LEVEL: "info",
      // All the load comes through nginx's one address: the storm measures the instances, not the read limit.
      WIKIPORT_READ_LIMIT: READ_LIMIT_OFF,
    },
  });
}

/** nginx listens on 127.0.0.1; load generators go there directly rather than through `localhost`. */
function frontUrl(stack: ManyInstances, path: string): string {
  return `${stack.nginx.url}${path}`;
}

async function burst(stack: ManyInstances, total: number, cookie: string): Promise<LoadResult> {
  return load({ url: frontUrl(stack, ARTICLE_PATH), connections: total, amount: total, headers: { cookie, host: new URL(stack.url).host } }, true);
}

async function throughput(stack: ManyInstances, plan: ThroughputPlan): Promise<{ rate: number; p50: number; p99: number; problems: string }> {
  const url = frontUrl(stack, ARTICLE_PATH);
  await warmUp(url, plan.warmUp);
  const runs: LoadResult[] = [];
  for (let round = 0; round < plan.rounds; round += 1) runs.push(await load({ url, connections: plan.connections, duration: plan.seconds }, true));
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const statuses: Record<string, number> = {};
  for (const run of runs) for (const [status, count] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  const ok = Object.entries(statuses).filter(([status]) => status.startsWith("2")).reduce((sum, [, count]) => sum + count, 0);
  const samples = runs.flatMap((run) => run.samples);
  const bad = runs.reduce((sum, run) => sum + run.non2xx + run.errors, 0);
  return {
    rate: seconds > 0 ? ok / seconds : Number.NaN,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    problems: bad > 0 ? `answers ${describeStatuses(statuses)}, ${runs.reduce((sum, run) => sum + run.errors, 0)} errors` : "",
  };
}

async function grantOf(databaseUrl: string, username: string): Promise<{ version: number; status: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: number; status: string }>(
      "SELECT g.version, g.status FROM grants g JOIN wikimedia_profiles p ON p.user_id = g.user_id WHERE p.username = $1",
      [username],
    );
    if (!rows[0]) throw new Error(`The sign-in left no grant for ${username}.`);
    return rows[0];
  } finally {
    await client.end();
  }
}

/** The only write the benchmark makes to Wikiport's database, as in storm.ts: the vault learns the token expired. */
async function expireInDatabase(databaseUrl: string, username: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      "UPDATE grants SET access_expires_at = now() - interval '1 second' WHERE user_id = (SELECT user_id FROM wikimedia_profiles WHERE username = $1)",
      [username],
    );
  } finally {
    await client.end();
  }
}

async function stormRows(stack: ManyInstances, requests: number): Promise<Row[]> {
  const control = createSandboxControl(stack.sandboxUrl);
  const info = await control.info();
  const user = info.users.find((candidate) => candidate.role === "editor") ?? info.users[0];
  if (!user) throw new Error("The sandbox has no demo user to sign in with.");
  const { sessionToken } = await signInOverHttp(stack.url, user);
  const cookie = `${SESSION_COOKIE}=${sessionToken}`;
  const databaseUrl = stack.databaseUrl!;
  const before = await grantOf(databaseUrl, user.name);

  await load({ url: frontUrl(stack, ARTICLE_PATH), connections: 5, amount: 30, headers: { cookie, host: new URL(stack.url).host } });
  const fresh = await burst(stack, requests, cookie);

  await control.advanceClock(info.settings.accessTokenTtl + 60);
  await expireInDatabase(databaseUrl, user.name);
  const mark = await control.mark();
  const storm = await burst(stack, requests, cookie);
  const tokenCalls = (await control.requestsSince(mark, TOKEN_ENDPOINT)).length;
  const after = await grantOf(databaseUrl, user.name);
  if (storm.non2xx > 0 || storm.errors > 0) {
    throw new Error(`(m1) the storm's requests did not all succeed: ${describeStatuses(storm.statuses)}, ${storm.errors} errors.`);
  }
  const what = `${formatCount(requests)} concurrent requests via nginx, expired token, 3 instances on PostgreSQL`;
  return [
    {
      id: "m1",
      what: `Refresh storm over instances: token-endpoint calls (${what})`,
      measured: formatCount(tokenCalls),
      baseline: "1 (must be)",
      ratio: formatRatio(ratio(tokenCalls, 1)),
      note: `${tokenCalls === 1 ? "single-flight held across instances" : "SINGLE-FLIGHT BROKEN: expected exactly 1 call"}; grant ${after.status}, version ${before.version} → ${after.version}; answers ${describeStatuses(storm.statuses)}.`,
    },
    {
      id: "m2",
      what: "Refresh storm over instances: p50 latency (vs the same burst, token fresh)",
      measured: formatMs(percentile(storm.samples, 50)),
      baseline: formatMs(percentile(fresh.samples, 50)),
      ratio: formatRatio(ratio(percentile(storm.samples, 50), percentile(fresh.samples, 50))),
    },
    {
      id: "m3",
      what: "Refresh storm over instances: p99 latency (vs the same burst, token fresh)",
      measured: formatMs(percentile(storm.samples, 99)),
      baseline: formatMs(percentile(fresh.samples, 99)),
      ratio: formatRatio(ratio(percentile(storm.samples, 99), percentile(fresh.samples, 99))),
      note: "Most of either side is queueing on the machine's cores; the difference is what the refresh adds.",
    },
  ];
}

/** Starts a shape, runs `measure` on it, and always stops it. */
async function withShape<T>(input: ManyInput, shape: Shape, measure: (stack: ManyInstances) => Promise<T>): Promise<T> {
  const stack = await start(input, shape);
  try {
    return await measure(stack);
  } finally {
    await stack.stop();
  }
}

export async function measureManyInstances(input: ManyInput): Promise<Row[]> {
  const { plan } = input;
  const rows: Row[] = [];
  const three = await withShape(input, THREE_ON_POSTGRES, async (stack) => {
    const result = await throughput(stack, plan);
    rows.push(...(await stormRows(stack, input.storm)));
    return result;
  });
  const onePg = await withShape(input, ONE_ON_POSTGRES, (stack) => throughput(stack, plan));
  const oneSqlite = await withShape(input, ONE_ON_SQLITE, (stack) => throughput(stack, plan));
  const latency = (side: { p50: number; p99: number }) => `${formatMs(side.p50)}/${formatMs(side.p99)}`;
  const problems = [three.problems && `3 on PostgreSQL: ${three.problems}`, onePg.problems && `1 on PostgreSQL: ${onePg.problems}`, oneSqlite.problems && `1 on SQLite: ${oneSqlite.problems}`]
    .filter(Boolean)
    .join("; ");
  rows.push(
    {
      id: "m4",
      what: "Warm article view via nginx: 3 instances vs 1, both on PostgreSQL",
      measured: formatRate(three.rate),
      baseline: formatRate(onePg.rate),
      ratio: formatRatio(ratio(three.rate, onePg.rate)),
      note:
        `${ARTICLE_PATH}, anonymous, ${plan.connections} connections, ${plan.rounds}×${plan.seconds} s each, shapes started one after the other. ` +
        `p50/p99: 3 instances ${latency(three)}, 1 instance ${latency(onePg)}. Each instance is one Node.js process: more instances than cores add little.` +
        (problems ? ` ${problems}.` : ""),
    },
    {
      id: "m5",
      what: "Warm article view via nginx, 1 instance: PostgreSQL vs SQLite",
      measured: formatRate(onePg.rate),
      baseline: formatRate(oneSqlite.rate),
      ratio: formatRatio(ratio(onePg.rate, oneSqlite.rate)),
      note: `p50/p99: PostgreSQL ${latency(onePg)}, SQLite ${latency(oneSqlite)}. The database on the same machine as the instances.`,
    },
  );
  return rows;
}
