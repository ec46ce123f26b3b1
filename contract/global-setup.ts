/**
 * vitest globalSetup: one real MediaWiki for the whole contract run, handed to the test files through
 * provide/inject. Each test file starts its own in-process sandbox (see targets.ts).
 */
import type { TestProject } from "vitest/node";
import { startMediaWiki, type MediaWikiInfo } from "./mediawiki";

declare module "vitest" {
  export interface ProvidedContext {
    mediawiki: MediaWikiInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const mediawiki = await startMediaWiki();
  console.info(`contract: MediaWiki 1.39 installed and serving at ${mediawiki.info.base} (${Date.now() - started} ms)`);
  project.provide("mediawiki", mediawiki.info);
  return () => mediawiki.stop();
}
