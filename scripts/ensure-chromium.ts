/**
 * End-to-end tests drive Debian's Chromium (Playwright cannot download its own browser here). When it
 * is missing and we are root, install it with apt-get; otherwise stop and say which package to install.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = "/usr/bin/chromium";

function run(command: string, args: string[]): void {
  console.log(`$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.status !== 0) {
    console.error(`\`${command} ${args.join(" ")}\` failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

if (!existsSync(CHROMIUM_PATH)) {
  if (process.getuid?.() === 0) {
    console.log(`Chromium is missing at ${CHROMIUM_PATH}: installing Debian's chromium package for the end-to-end tests.`);
    run("apt-get", ["update"]);
    run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"]);
  } else {
    console.error(
      `The end-to-end tests need Chromium at ${CHROMIUM_PATH}.\n` +
        "Install Debian's package and run the tests again:\n\n    sudo apt-get install chromium\n",
    );
    process.exit(1);
  }
}
