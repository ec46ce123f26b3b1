/**
 * `npm run keys:rotate`: re-seals every stored token with WIKIPORT_ACTIVE_KEY. Run it after adding a
 * new key and making it active; when it reports 0 left, the old keys can be removed from
 * WIKIPORT_KEYS. Safe to stop and run again, and safe while Wikiport is running.
 */
import { createDb } from "../db";
import { migrate } from "../db/migrate";
import { ConfigError, parseConfig } from "../lib/env";
import { countStale, resealAll } from "../lib/grants/reseal";
import { loadEnvFiles } from "./lib/env-files";

loadEnvFiles(process.cwd(), false);
let config;
try {
  config = parseConfig(process.env);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
const db = createDb(config.db.path);
migrate(db);
const ring = config.vault.keyRing;
console.log(`Re-sealing stored tokens with key "${ring.activeKeyId}"…`);
const result = resealAll(db, ring, ({ done, total, skipped }) => {
  console.log(`  ${done + skipped}/${total} rows (${done} re-sealed, ${skipped} busy, retried on the next run)`);
});
const left = countStale(db, ring);
db.$client.close();
console.log(
  left === 0
    ? `Done: ${result.done} rows re-sealed. No value uses another key now; older keys can be removed from WIKIPORT_KEYS.`
    : `${left} rows still use an older key (they were being refreshed). Run npm run keys:rotate again.`,
);
process.exit(left === 0 ? 0 : 2);
