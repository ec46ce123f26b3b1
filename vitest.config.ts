import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const include = ["lib/**/*.test.ts", "db/**/*.test.ts", "sandbox/**/*.test.ts", "scripts/**/*.test.ts"];
const exclude = ["node_modules/**", ".next/**", "e2e/**", "contract/**"];

/**
 * Every test file that opens a database (db/testing.ts) runs a second time on PostgreSQL, on a throwaway
 * server the `postgres` project starts; the `sqlite` project runs every file.
 */
const databaseTests = ["lib", "db", "sandbox", "scripts"]
  .flatMap((dir) => readdirSync(dir, { recursive: true, encoding: "utf8" }).map((file) => `${dir}/${file}`))
  .filter((file) => file.endsWith(".test.ts") && /\b(useTestDb|createTestDb)\b/.test(readFileSync(file, "utf8")))
  .sort();

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./", import.meta.url)) },
  },
  test: {
    exclude,
    environment: "node",
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // next-auth imports `next/server` without an extension, which Node's ESM resolver refuses: let Vite
    // resolve it instead.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      { extends: true, test: { name: "sqlite", include, setupFiles: ["./vitest.setup.ts"] } },
      {
        extends: true,
        test: {
          name: "postgres",
          include: databaseTests,
          globalSetup: ["./db/testing-setup/postgres.ts"],
          setupFiles: ["./db/testing-setup/postgres-worker.ts", "./vitest.setup.ts"],
        },
      },
    ],
  },
});
