import { defineConfig, globalIgnores } from "eslint/config";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const LIB_NEVER_IMPORTS_APP_MESSAGE = "lib/ never imports app/: move the code that needs it into app/, or what app/ offers into lib/.";
// Flat config replaces, rather than merges, a rule's options when a later block sets it for the same file:
// every no-restricted-imports block for files under lib/ repeats these patterns.
const LIB_NEVER_IMPORTS_APP = [
  { group: ["@/app", "@/app/*", "@/app/**"], message: LIB_NEVER_IMPORTS_APP_MESSAGE },
  { regex: "^(\\.\\./)+app(/|$)", message: LIB_NEVER_IMPORTS_APP_MESSAGE },
];

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
    // Every database call is asynchronous on every engine (db/index.ts): a promise left unawaited is a
    // write that may not happen, or happen after the answer. The type checker finds them.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["*.config.ts", "next-env.d.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Layers point one way: app/ (routes, their actions and views) uses lib/, never the reverse.
    files: ["lib/**"],
    rules: { "no-restricted-imports": ["error", { patterns: LIB_NEVER_IMPORTS_APP }] },
  },
  {
    // Programs other than the app read their own environment: the config module itself, the sandbox wiki
    // (a separate program), the launcher and tooling scripts, test harnesses, and Next's runtime flag.
    files: [
      "lib/env.ts",
      // The tables are chosen from DATABASE_URL as the module loads, before any configuration is parsed.
      "db/schema.ts",
      "db/testing.ts",
      "db/testing-setup/**",
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
    // Layers point one way (docs/decisions/015-layers-point-one-way.md): the request layer knows nothing
    // above it. The vault (lib/grants) uses lib/wikimedia; lib/wiring.ts hands the vault to it.
    files: ["lib/wikimedia/**"],
    ignores: ["lib/wikimedia/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...LIB_NEVER_IMPORTS_APP,
            {
              regex: "^(@/lib/|\\.\\./)(grants|articles|edits|account|widget|api|api-tokens|personal-tokens|ui|auth|audit|wiring)(/|$)",
              message: "lib/wikimedia is the request layer: it must not import the vault or a capability above it (see lib/wiring.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // Production code never imports a test, a testing helper or a test worker: they may carry fixtures,
    // fixed secrets or vitest itself. Only tests, e2e/ and the other test harnesses may. A rule of its own
    // name, so that it adds to (rather than replaces) no-restricted-imports blocks for the same files.
    files: ["**/*.{ts,tsx,mts,mjs}"],
    ignores: ["**/*.test.ts", "**/testing.ts", "**/testing-setup/**", "sandbox/oauth/test-browser.ts", "**/test-workers/**", "e2e/**", "contract/**", "*.config.ts", "vitest.setup.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^|/)(testing|test-browser|test-workers)(\\.ts)?(/|$)|\\.test(\\.tsx?)?$|(^|/)e2e/|^@/e2e(/|$)",
              message: "Production code must not import a testing module, a test or e2e/.",
            },
          ],
        },
      ],
    },
  },
  {
    // Not React code: `use…` helpers there are test fixtures, not hooks.
    files: ["sandbox/**", "contract/**", "e2e/**", "scripts/**", "**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "react-hooks/rules-of-hooks": "off" },
  },
]);
