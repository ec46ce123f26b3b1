/**
 * Loads .env files the way Next.js does (same precedence, same files), so the launcher and tooling
 * scripts see the configuration the app will see.
 */
import nextEnv from "@next/env";

export function loadEnvFiles(root: string, dev: boolean): void {
  nextEnv.loadEnvConfig(root, dev, { info: () => {}, error: console.error }, true);
}
