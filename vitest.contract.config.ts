/**
 * Contract suite: the sandbox wiki against a real MediaWiki 1.39 (contract/). Run with
 * `npm run test:contract`. Without PHP and Debian's mediawiki package the suite is skipped as a whole,
 * with a message saying so; CONTRACT_REQUIRE_MEDIAWIKI=1 turns that skip into a failure (for CI, where
 * scripts/install-mediawiki.sh always runs first, so a missing install must not pass silently).
 *
 * The availability check lives here, self-contained, because it must run before any test file is
 * collected (and Vite's config loader wants no extension-less relative imports).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const SKIP_MESSAGE =
  "Contract tests skipped: Debian's mediawiki package is not installed (run scripts/install-mediawiki.sh as root)";

function missingPiece(): string | null {
  if (!existsSync("/usr/share/mediawiki/maintenance/install.php")) return "/usr/share/mediawiki is missing";
  // `php -m` lists loaded extensions; MediaWiki on SQLite needs pdo_sqlite.
  const php = spawnSync("php", ["-m"], { encoding: "utf8" });
  if (php.error || php.status !== 0) return "php (CLI) is not on PATH";
  if (!/^pdo_sqlite$/m.test(php.stdout)) return "PHP's SQLite driver (php-sqlite3) is not installed";
  return null;
}

const missing = missingPiece();
if (missing) {
  if (process.env.CONTRACT_REQUIRE_MEDIAWIKI === "1") {
    throw new Error(`Contract tests cannot run: ${missing} (run scripts/install-mediawiki.sh as root)`);
  }
  console.log(`${SKIP_MESSAGE}. (${missing})`);
}

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./", import.meta.url)) },
  },
  test: {
    include: missing ? [] : ["contract/**/*.test.ts"],
    passWithNoTests: Boolean(missing),
    globalSetup: missing ? [] : ["./contract/global-setup.ts"],
    environment: "node",
    pool: "forks",
    // One MediaWiki (PHP's single-threaded built-in server) serves every file: run files one at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
