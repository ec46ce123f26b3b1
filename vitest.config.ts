import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./", import.meta.url)) },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "sandbox/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", "contract/**"],
    environment: "node",
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    setupFiles: ["./vitest.setup.ts"],
    // next-auth imports `next/server` without an extension, which Node's ESM resolver refuses: let Vite
    // resolve it instead.
    server: { deps: { inline: ["next-auth"] } },
  },
});
