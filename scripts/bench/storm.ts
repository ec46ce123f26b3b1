/**
 * (b) The refresh storm. One user signs in for real (sign-in.ts). Their access token is then expired on
 * both sides: the sandbox's clock moves past the token's lifetime (Wikimedia would refuse it) and the
 * grant row's `access_expires_at` is set to the past (so the vault knows without a 401 first). That row
 * update is the only write the benchmark makes to Wikiport's database. Then N requests of that user hit
 * two app processes sharing the database at once; the sandbox's request log says how many reached the
 * token endpoint (the vault's single-flight promise plus DB lease should make it exactly one).
 */
import { eq } from "drizzle-orm";
import { openSqlite } from "../../db";
import { grants, sessions } from "../../db/schema";
import { ARTICLE_PATH } from "./article";
import { load, type LoadResult } from "./load";
import { describeStatuses, formatCount, formatMs, formatRatio, median, percentile, ratio, type Row } from "./report";
import { TOKEN_ENDPOINT, type SandboxControl } from "./sandbox-control";
import { SESSION_COOKIE, signInOverHttp } from "./sign-in";

const PLAIN_TOKEN_CALLS = 5;

/** `total` requests at once, split evenly over the app processes; latencies of all of them together. */
async function burst(appUrls: readonly string[], total: number, cookie: string): Promise<{ samples: number[]; statuses: string; ok: boolean }> {
  const share = Math.floor(total / appUrls.length);
  const runs: LoadResult[] = await Promise.all(
    appUrls.map((url, i) => {
      const amount = i === appUrls.length - 1 ? total - share * (appUrls.length - 1) : share;
      return load({ url: `${url}${ARTICLE_PATH}`, connections: amount, amount, headers: { cookie } }, true);
    }),
  );
  const statuses: Record<string, number> = {};
  for (const run of runs) for (const [status, count] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  const ok = runs.every((run) => run.non2xx === 0 && run.errors === 0);
  return { samples: runs.flatMap((run) => run.samples), statuses: describeStatuses(statuses), ok };
}

/** One client-credentials request straight to the sandbox's token endpoint: what a single token call costs. */
async function plainTokenCall(sandboxUrl: string, consumer: { clientId: string; clientSecret: string }): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${sandboxUrl}/meta.wikimedia.org/w/rest.php/oauth2/access_token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: consumer.clientId, client_secret: consumer.clientSecret }).toString(),
  });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`A plain token call to the sandbox answered ${response.status}.`);
  return elapsed;
}

export interface StormInput {
  appOrigin: string;
  appUrls: readonly string[];
  sandboxUrl: string;
  sandbox: SandboxControl;
  dbPath: string;
  requests: number;
}

export async function measureRefreshStorm(input: StormInput): Promise<Row[]> {
  const info = await input.sandbox.info();
  const user = info.users.find((candidate) => candidate.role === "editor") ?? info.users[0];
  if (!user) throw new Error("The sandbox has no demo user to sign in with.");
  const { sessionToken } = await signInOverHttp(input.appOrigin, user);
  const cookie = `${SESSION_COOKIE}=${sessionToken}`;

  const db = openSqlite(input.dbPath);
  try {
    const [session] = await db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.sessionToken, sessionToken)).limit(1);
    const userId = session?.userId;
    if (!userId) throw new Error("The sign-in's session is not in the database.");
    const grantOf = async () => (await db.select().from(grants).where(eq(grants.userId, userId)).limit(1))[0];
    const before = await grantOf();
    if (!before || before.status !== "active") throw new Error("The sign-in left no active grant.");

    // Warm every process on this user's path while the token is fresh, then the same burst as a reference.
    for (const url of input.appUrls) await load({ url: `${url}${ARTICLE_PATH}`, connections: 5, amount: 20, headers: { cookie } });
    const freshMark = await input.sandbox.mark();
    const fresh = await burst(input.appUrls, input.requests, cookie);
    const freshTokenCalls = (await input.sandbox.requestsSince(freshMark, TOKEN_ENDPOINT)).length;

    await plainTokenCall(input.sandboxUrl, info.consumer);
    const plain: number[] = [];
    for (let i = 0; i < PLAIN_TOKEN_CALLS; i += 1) plain.push(await plainTokenCall(input.sandboxUrl, info.consumer));
    const plainMs = median(plain);

    await input.sandbox.advanceClock(info.settings.accessTokenTtl + 60);
    await db.update(grants).set({ accessExpiresAt: new Date(Date.now() - 1000) }).where(eq(grants.userId, userId));

    const mark = await input.sandbox.mark();
    const storm = await burst(input.appUrls, input.requests, cookie);
    const tokenCalls = (await input.sandbox.requestsSince(mark, TOKEN_ENDPOINT)).length;
    const after = await grantOf();
    // The reference burst again, now that the token is fresh once more: the load on a shared machine
    // drifts, so the storm is compared with the bursts on both sides of it.
    const afterMark = await input.sandbox.mark();
    const freshAfter = await burst(input.appUrls, input.requests, cookie);
    const freshCallsAfter = (await input.sandbox.requestsSince(afterMark, TOKEN_ENDPOINT)).length;
    const reference = [...fresh.samples, ...freshAfter.samples];
    if (!storm.ok) throw new Error(`(b) the refresh storm's requests did not all succeed: ${storm.statuses}.`);

    const p50 = percentile(storm.samples, 50);
    const freshP50 = percentile(reference, 50);
    const p99 = percentile(storm.samples, 99);
    const grantNote = after
      ? `grant ${after.status}, version ${before.version} → ${after.version}`
      : "grant row gone";
    const what = `${formatCount(input.requests)} concurrent requests, expired token, ${input.appUrls.length} processes`;
    return [
      {
        id: "b1",
        what: `Refresh storm: token-endpoint calls (${what})`,
        measured: formatCount(tokenCalls),
        baseline: "1 (must be)",
        ratio: formatRatio(ratio(tokenCalls, 1)),
        note:
          `${tokenCalls === 1 ? "single-flight held" : "SINGLE-FLIGHT BROKEN: expected exactly 1 call"}; ${grantNote}; ` +
          `answers ${storm.statuses}. The same burst with a fresh token, before and after, made ${freshTokenCalls} and ${freshCallsAfter} token call(s).`,
      },
      {
        id: "b2",
        what: "Refresh storm: p50 latency (vs one plain token call)",
        measured: formatMs(p50),
        baseline: formatMs(plainMs),
        ratio: formatRatio(ratio(p50, plainMs)),
        note: `Plain token call: median of ${PLAIN_TOKEN_CALLS} client-credentials requests straight to the sandbox's token endpoint.`,
      },
      {
        id: "b3",
        what: "Refresh storm: p99 latency (vs one plain token call)",
        measured: formatMs(p99),
        baseline: formatMs(plainMs),
        ratio: formatRatio(ratio(p99, plainMs)),
      },
      {
        id: "b4",
        what: "Refresh storm: p50 latency (vs the same bursts, token fresh)",
        measured: formatMs(p50),
        baseline: formatMs(freshP50),
        ratio: formatRatio(ratio(p50, freshP50)),
        note:
          `What the refresh itself adds. Reference: the same ${formatCount(input.requests)} concurrent requests with a fresh token just ` +
          `before and just after the storm, pooled (p50 ${formatMs(percentile(fresh.samples, 50))} before, ` +
          `${formatMs(percentile(freshAfter.samples, 50))} after; p99 ${formatMs(percentile(reference, 99))}); most of either is queueing on 2 cores.`,
      },
    ];
  } finally {
    await db.close();
  }
}
