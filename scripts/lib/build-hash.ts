/**
 * Decides whether `.next` is stale: a digest of every input of the build (sources, config, lockfile) is
 * written next to the build, and compared on the next start. Content, not mtimes, so a fresh clone or a
 * branch switch is judged correctly.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";

const INPUT_DIRS = ["app", "lib", "db", "public"];
const INPUT_FILES = [
  "next.config.mjs",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "instrumentation.ts",
  "instrumentation-node.ts",
  "proxy.ts",
];
const HASH_FILE = join(".next", "wikiport-build-hash");

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

export async function sourceDigest(root: string): Promise<string> {
  const files = [
    ...(await Promise.all(INPUT_DIRS.map((dir) => listFiles(join(root, dir))))).flat(),
    ...INPUT_FILES.map((file) => join(root, file)).filter((file) => existsSync(file)),
  ]
    .filter((file) => !/\.test\.tsx?$/.test(file))
    .sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(relative(root, file)).update("\0").update(await readFile(file)).update("\0");
  }
  return hash.digest("hex");
}

/** Whether the build must be redone, and the digest of the sources it would be built from. */
export async function checkBuild(root: string): Promise<{ stale: boolean; digest: string }> {
  const digest = await sourceDigest(root);
  if (!existsSync(join(root, ".next", "BUILD_ID")) || !existsSync(join(root, HASH_FILE))) return { stale: true, digest };
  return { stale: (await readFile(join(root, HASH_FILE), "utf8")).trim() !== digest, digest };
}

/** Records the digest of the sources a finished build was made from. */
export async function recordBuild(root: string, digest: string): Promise<void> {
  await writeFile(join(root, HASH_FILE), `${digest}\n`);
}
