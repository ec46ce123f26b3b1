import { defineConfig, globalIgnores } from "eslint/config";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextCoreWebVitals,
  ...nextTypescript,
  globalIgnores([".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      // lib/env.ts is the only reader of process.env; everything else imports the typed config.
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through getConfig() from lib/env.ts." },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Layers point one way: app/ (routes, their actions and views) uses lib/, never the reverse.
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app", "@/app/*", "@/app/**"], message: "lib/ never imports app/: move the code that needs it into app/, or what app/ offers into lib/." },
            { regex: "^(\\.\\./)+app(/|$)", message: "lib/ never imports app/: move the code that needs it into app/, or what app/ offers into lib/." },
          ],
        },
      ],
    },
  },
  {
    // Programs other than the app read their own environment: the config module itself, the sandbox wiki
    // (a separate program), the launcher and tooling scripts, test harnesses, and Next's runtime flag.
    files: [
      "lib/env.ts",
      "sandbox/**",
      "scripts/**",
      "e2e/**",
      "contract/**",
      "instrumentation.ts",
      "next.config.mjs",
      "playwright.config.ts",
      "*.config.ts",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Not React code: `use…` helpers there are test fixtures, not hooks.
    files: ["sandbox/**", "contract/**", "e2e/**", "scripts/**", "**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "react-hooks/rules-of-hooks": "off" },
  },
]);
