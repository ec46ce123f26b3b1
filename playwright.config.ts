/**
 * End-to-end tests: Debian's Chromium drives a production build of Wikiport, started with the same
 * launcher as `npm start`, against a fresh sandbox wiki (in memory) and a fresh database.
 */
import { defineConfig, devices } from "@playwright/test";
import { mkdirSync, rmSync } from "node:fs";
import { E2E } from "./e2e/environment";
import { SERVER_LOG } from "./e2e/final/evidence";

// Each run starts from an empty database. Workers load this file too, after the server has started:
// only the runner may empty the folder (workers inherit its environment), or the specs that read the
// server's database would find it gone.
if (!process.env.WIKIPORT_E2E_DATA_RESET) {
  rmSync(E2E.dataDir, { recursive: true, force: true });
  // Before the webServer command runs: its `tee` opens the server log in this folder.
  mkdirSync(E2E.dataDir, { recursive: true });
  process.env.WIKIPORT_E2E_DATA_RESET = "1";
}

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: E2E.appUrl,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", testIgnore: ["**/final/**", "**/many/**"], use: { ...devices["Desktop Chrome"], channel: undefined } },
    // e2e/many/ is the many-instance run, with servers of its own: playwright.many.config.ts.
    // Scans what the whole suite left behind (database, server output, bundles), so it runs last.
    { name: "no-secrets", testDir: "./e2e/final", dependencies: ["chromium"] },
  ],
  webServer: {
    // The servers' output also goes to a file that the no-secrets project scans (docs/security-requirements.md item 35).
    command: `npx tsx scripts/start.ts 2>&1 | tee ${JSON.stringify(SERVER_LOG)}`,
    url: `${E2E.appUrl}/`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    env: E2E.serverEnv,
  },
});
