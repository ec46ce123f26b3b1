/**
 * docs/security-requirements.md item 18 with real OS processes: two app processes, each with its own Node, SQLite
 * connection and vault, share one database file and race to refresh the same user's expiring access
 * token. (vault.test.ts runs the same race with two connections inside one process.)
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { grants, users } from "@/db/schema";
import { createTestDb } from "@/db/testing";
import { parseKeyRing } from "@/lib/crypto/key-ring";
import { log } from "@/lib/log";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { WIKIPORT_CLIENT } from "@/sandbox/seed";
import { wikiportTokens } from "@/sandbox/oauth/test-browser";
import { useSandbox } from "@/sandbox/testing";
import type { WorkerResult, WorkerSettings } from "./test-workers/refresh-worker";
import { createVault } from "./vault";

const sb = useSandbox();
const KEY_ID = "k1";
const KEYS = `${KEY_ID}=${randomBytes(32).toString("base64url")}`;
const SKEW_SECONDS = 120;
const CALLS_PER_PROCESS = 25;
const TSX = join(process.cwd(), "node_modules", ".bin", "tsx");
const WORKER = fileURLToPath(new URL("./test-workers/refresh-worker.ts", import.meta.url));

let testDb: Awaited<ReturnType<typeof createTestDb>>;
const children: ChildProcessWithoutNullStreams[] = [];
beforeEach(async () => {
  testDb = await createTestDb();
});
afterEach(async () => {
  // Only a failed test leaves a worker running; these are the processes this file started.
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await testDb.cleanup();
});

function oauthUrl() {
  return `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
}

function vaultOnTestDb() {
  return createVault({
    db: testDb.db,
    keyRing: parseKeyRing(KEYS, KEY_ID),
    tokens: createTokenClient({
      oauthUrl: oauthUrl(),
      clientId: WIKIPORT_CLIENT.key,
      clientSecret: WIKIPORT_CLIENT.secret,
      userAgent: "Wikiport/test (vault process tests)",
    }),
    oauthServer: oauthUrl(),
    refreshSkewSeconds: SKEW_SECONDS,
    log,
  });
}

interface Finished {
  code: number | null;
  stderr: string;
  result: WorkerResult | undefined;
}

/** Starts a worker process; `ready` settles once it has set up, `go()` releases it, `finished` when it exits. */
function startWorker(settings: WorkerSettings) {
  const child = spawn(TSX, [WORKER], { cwd: process.cwd(), stdio: ["pipe", "pipe", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  let result: WorkerResult | undefined;
  const finished = new Promise<Finished>((resolve) => child.once("close", (code) => resolve({ code, stderr, result })));
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      const message = JSON.parse(line) as { ready: true } | WorkerResult;
      if ("ready" in message) resolve();
      else result = message;
    });
    void finished.then(({ code }) => reject(new Error(`a worker exited (code ${code}) before it was ready: ${stderr}`)));
  });
  child.stdin.write(`${JSON.stringify(settings)}\n`);
  return { ready, finished, go: () => child.stdin.end("go\n") };
}

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

async function tokenEndpointGrantTypes(): Promise<(string | undefined)[]> {
  const { requests } = await sb.control("GET", "/requests?endpoint=oauth2/access_token");
  return (requests as { details: { grantType?: string } }[]).map((request) => request.details.grantType);
}

describe("the token vault across processes", () => {
  it("refreshes once when two app processes sharing the database race on the same user", { timeout: 60_000 }, async () => {
    const userId = (await testDb.db.insert(users).values({ name: "Ada Editor" }).returning())[0]!.id;
    const signedIn = await wikiportTokens(sb);
    // Inside the refresh skew: every call in both processes wants a refresh.
    await vaultOnTestDb().storeTokens({
      userId,
      wikimediaUserId: "1001",
      accessToken: signedIn.access_token,
      refreshToken: signedIn.refresh_token,
      expiresInSeconds: SKEW_SECONDS / 2,
      scopes: ["basic", "editpage"],
    });
    const versionBefore = (await testDb.db.select().from(grants).where(eq(grants.userId, userId)))[0]!.version;

    const settings: WorkerSettings = {
      db: testDb.target,
      oauthUrl: oauthUrl(),
      clientId: WIKIPORT_CLIENT.key,
      clientSecret: WIKIPORT_CLIENT.secret,
      keys: KEYS,
      activeKey: KEY_ID,
      userId,
      concurrency: CALLS_PER_PROCESS,
      refreshSkewSeconds: SKEW_SECONDS,
    };
    const workers = [startWorker(settings), startWorker(settings)];
    // A barrier, not a delay: both have loaded their code and opened the database before either starts.
    await Promise.all(workers.map((worker) => worker.ready));
    for (const worker of workers) worker.go();
    const [first, second] = await Promise.all(workers.map((worker) => worker.finished));

    // No SQLITE_BUSY or any other error reached either process.
    for (const finished of [first!, second!]) {
      expect(finished).toMatchObject({ code: 0, stderr: "" });
      expect(finished.result).toMatchObject({ calls: CALLS_PER_PROCESS, digests: [expect.any(String)] });
    }
    expect(first!.result!.digests).toEqual(second!.result!.digests);
    // One code exchange (the sign-in above), then exactly one refresh for 50 calls in two processes.
    expect(await tokenEndpointGrantTypes()).toEqual(["authorization_code", "refresh_token"]);
    const events = [...first!.result!.events, ...second!.result!.events];
    expect(events).toEqual(["vault.refreshed"]);

    const after = (await testDb.db.select().from(grants).where(eq(grants.userId, userId)))[0]!;
    expect(after.version).toBe(versionBefore + 1);
    expect(after).toMatchObject({ status: "active", leaseOwner: null, leaseUntil: null });
    // What both processes got is what was stored, and it is new: read back without another refresh.
    const stored = await vaultOnTestDb().getAccessToken(userId);
    expect(sha256(stored)).toBe(first!.result!.digests[0]);
    expect(stored).not.toBe(signedIn.access_token);
    expect(await tokenEndpointGrantTypes()).toHaveLength(2);
  });
});
