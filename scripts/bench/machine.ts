/** What the numbers were measured on: they mean little without the machine, its load and the commit. */
import { execFileSync } from "node:child_process";
import { cpus, loadavg, release, totalmem, type } from "node:os";
import { formatBytes } from "./report";

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

export function describeCommit(root: string): string {
  const commit = git(root, ["rev-parse", "--short=12", "HEAD"]);
  if (!commit) return "unknown (not a git checkout)";
  const dirty = git(root, ["status", "--porcelain", "--untracked-files=no"]);
  return dirty ? `${commit} with uncommitted changes` : commit;
}

export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(", ");
}

export function describeMachine(root: string): string[] {
  const cpu = cpus();
  return [
    `CPU:     ${cpu[0]?.model.trim() ?? "unknown"} × ${cpu.length} logical cores`,
    `RAM:     ${formatBytes(totalmem())}`,
    `OS:      ${type()} ${release()}`,
    `Node:    ${process.version}`,
    `Commit:  ${describeCommit(root)}`,
  ];
}
