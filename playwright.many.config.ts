/**
 * The many-instance end-to-end run (issue 13 item 5): Debian's Chromium and plain HTTP clients talk to
 * Debian's nginx running deploy/nginx/wikiport.conf, in front of three `next start` instances of the
 * production build on one throwaway PostgreSQL, with the sandbox wiki behind them. The global setup starts
 * all of it (scripts/lib/many-instances.ts) and stops it afterwards.
 */
import { defineConfig, devices } from "@playwright/test";
import { MANY } from "./e2e/many/environment";

export default defineConfig({
  testDir: "./e2e/many",
  globalSetup: "./e2e/many/global-setup.ts",
  // The specs share one stack, and the last one kills an instance: one worker, in file order.
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  // A storm of 300 page renders over three instances on two cores takes tens of seconds.
  timeout: 180_000,
  use: {
    baseURL: MANY.url,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "many-instances", use: { ...devices["Desktop Chrome"], channel: undefined } }],
});
