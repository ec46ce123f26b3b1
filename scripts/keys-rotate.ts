/**
 * `npm run keys:rotate`: re-seals every sealed column (lib/sealed-columns/registry.ts) with
 * WIKIPORT_ACTIVE_KEY. Run it after adding a new key and making it active; only when every column reports
 * 0 values left under another key can the old keys be removed from WIKIPORT_KEYS. Safe to stop and run
 * again, and safe while Wikiport is running.
 */
import { openDb } from "../db";
import { DatabaseConfigError } from "../db/engine";
import { migrate } from "../db/migrate";
import { ConfigError, parseConfig } from "../lib/env";
import { countStale, resealAll } from "../lib/sealed-columns/rotate";
import { loadEnvFiles } from "./lib/env-files";

loadEnvFiles(process.cwd(), false);
let config;
try {
  config = parseConfig(process.env);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
let db;
try {
  db = await openDb(config.db);
} catch (error) {
  console.error(error instanceof DatabaseConfigError ? error.message : error);
  process.exit(1);
}
await migrate(db);
const ring = config.vault.keyRing;
console.log(`Re-sealing stored values with key "${ring.activeKeyId}"…`);
const results = await resealAll(db, ring, ({ column, done, total, skipped }) => {
  console.log(`  ${column}: ${done + skipped}/${total} (${done} re-sealed, ${skipped} busy, retried on the next run)`);
});
const left = await countStale(db, ring);
await db.close();
for (const result of results) {
  console.log(`  ${result.column}: ${result.done} re-sealed, ${left[result.column]} still under an older key`);
}
const remaining = Object.values(left).reduce((sum, count) => sum + count, 0);
console.log(
  remaining === 0
    ? "Done: every sealed column uses the active key now; older keys can be removed from WIKIPORT_KEYS."
    : `${remaining} values still use an older key (their rows were busy). Keep the old keys and run npm run keys:rotate again.`,
);
process.exit(remaining === 0 ? 0 : 2);
