import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkBuild, recordBuild } from "./build-hash";

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "wikiport-build-"));
  mkdirSync(join(root, "app"));
  writeFileSync(join(root, "app", "page.tsx"), "export default function Page() { return null; }\n");
  writeFileSync(join(root, "package-lock.json"), "{}\n");
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

function fakeBuild(): void {
  mkdirSync(join(root, ".next"), { recursive: true });
  writeFileSync(join(root, ".next", "BUILD_ID"), "test\n");
}

describe("checkBuild", () => {
  it("asks for a build when there is none", async () => {
    expect((await checkBuild(root)).stale).toBe(true);
  });

  it("keeps a build made from the same sources, and rebuilds after a source or the lockfile changes", async () => {
    fakeBuild();
    await recordBuild(root, (await checkBuild(root)).digest);
    expect((await checkBuild(root)).stale).toBe(false);

    writeFileSync(join(root, "app", "page.tsx"), "export default function Page() { return 1; }\n");
    expect((await checkBuild(root)).stale).toBe(true);
    await recordBuild(root, (await checkBuild(root)).digest);

    writeFileSync(join(root, "package-lock.json"), '{"lockfileVersion":3}\n');
    expect((await checkBuild(root)).stale).toBe(true);
  });

  it("ignores test files, which are not part of the build", async () => {
    fakeBuild();
    await recordBuild(root, (await checkBuild(root)).digest);
    writeFileSync(join(root, "app", "page.test.ts"), "// a test\n");
    expect((await checkBuild(root)).stale).toBe(false);
  });
});
