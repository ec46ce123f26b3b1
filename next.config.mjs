// @ts-check
import { tsImport } from "tsx/esm/api";

// Validate the configuration before anything is built or served: a bad or missing variable stops
// `next build` and `next start` with a message naming it (lib/env.ts is TypeScript, so load it with tsx).
const { getConfig, ConfigError } = await tsImport("./lib/env.ts", import.meta.url);
try {
  getConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

// Headers that are the same on every response, static files included; proxy.ts adds the per-request ones.
const { configHeaders } = await tsImport("./lib/security/headers.ts", import.meta.url);

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  async headers() {
    return configHeaders();
  },
  reactStrictMode: true,
  // Wikiport never uses next/image (article images come from Wikimedia's servers as they are), so the
  // optimizer is off: `/_next/image` is a plain 404 instead of an endpoint that fetches Wikiport's own
  // pages on request (`?url=/dashboard` answered 500 "internal response is invalid").
  images: { unoptimized: true },
  typedRoutes: false,
  // The sandbox wiki is a separate program, and tests are not part of the app.
  outputFileTracingExcludes: { "*": ["sandbox/**", "e2e/**", "contract/**"] },
};

export default nextConfig;
