/**
 * One "app process" for lib/grants/vault-processes.test.ts: its own database connection and vault,
 * asking for the same user's access token many times at once (docs/security-requirements.md item 18).
 *
 * Protocol, one JSON object per line. stdin: the settings, then `go`. stdout: `{"ready":true}` once set
 * up, then the result. The settings (a key ring among them) come over stdin: argv is readable by any
 * local user's `ps`, and lib/env.ts is the only reader of the environment. Tokens are never printed, only
 * their digests.
 */
import { createHash } from "node:crypto";
import { createInterface } from "node:readline";
import { connectDb } from "@/db";
import type { DatabaseTarget } from "@/db/engine";
import { parseKeyRing } from "@/lib/crypto/key-ring";
import { createVault } from "@/lib/grants/vault";
import type { Logger } from "@/lib/log";
import { createTokenClient } from "@/lib/wikimedia/oauth";

export interface WorkerSettings {
  db: DatabaseTarget;
  oauthUrl: string;
  clientId: string;
  clientSecret: string;
  keys: string;
  activeKey: string;
  userId: string;
  concurrency: number;
  refreshSkewSeconds: number;
}

export interface WorkerResult {
  /** SHA-256 (hex) of each distinct access token the calls returned. */
  digests: string[];
  calls: number;
  /** Vault log events, by name: the test reads which process refreshed. */
  events: string[];
}

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

async function nextLine(): Promise<string> {
  const line = await lines.next();
  if (line.done) throw new Error("stdin closed before the expected line");
  return line.value;
}

function send(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
  const settings = JSON.parse(await nextLine()) as WorkerSettings;
  const events: string[] = [];
  // Event names only: the test needs to know what happened, and fields never reach a pipe.
  const record = (event: string) => void events.push(event);
  const log: Logger = { error: record, warn: record, info: record, debug: record };
  const db = connectDb(settings.db);
  const vault = createVault({
    db,
    keyRing: parseKeyRing(settings.keys, settings.activeKey),
    tokens: createTokenClient({
      oauthUrl: settings.oauthUrl,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      userAgent: "Wikiport/test (vault process tests)",
    }),
    oauthServer: settings.oauthUrl,
    refreshSkewSeconds: settings.refreshSkewSeconds,
    log,
  });
  // Everything a first call would load or open is ready before the barrier, so both processes race.
  if (!(await vault.describe(settings.userId))) throw new Error("the grant to race on is missing");
  send({ ready: true });

  if ((await nextLine()) !== "go") throw new Error("expected go");
  const tokens = await Promise.all(Array.from({ length: settings.concurrency }, () => vault.getAccessToken(settings.userId)));
  const digests = [...new Set(tokens.map((token) => createHash("sha256").update(token).digest("hex")))];
  await db.close();
  send({ digests, calls: tokens.length, events } satisfies WorkerResult);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    // Name, code and message only (the vault's errors carry no token); SQLITE_BUSY would show its code here.
    const { name, message, code } = error as { name?: string; message?: string; code?: string };
    process.stderr.write(`${JSON.stringify({ name, code, message })}\n`);
    process.exit(1);
  },
);
