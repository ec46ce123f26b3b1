import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_GRANTS, SANDBOX_CONSUMER, parseConfig } from "./env";

const SECRET = "x".repeat(32);
const KEYS = { WIKIPORT_KEYS: `k1=${randomBytes(32).toString("base64url")}`, WIKIPORT_ACTIVE_KEY: "k1" };

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseConfig(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.variable}: ${p.problem}`);
  }
  throw new Error("expected the configuration to be rejected");
}

describe("parseConfig", () => {
  it("defaults to the sandbox wiki and its seeded consumer when no credentials are set", () => {
    const config = parseConfig({ AUTH_SECRET: SECRET, ...KEYS });
    expect(config.wikimedia.mode).toBe("sandbox");
    expect(config.wikimedia.clientId).toBe(SANDBOX_CONSUMER.clientId);
    expect(config.wikimedia.oauthUrl).toBe("http://127.0.0.1:8787/meta.wikimedia.org/w/rest.php/oauth2");
    expect(config.wikimedia.wikiUrlTemplate).toBe("http://127.0.0.1:8787/{host}/w");
    expect(config.wikimedia.grants).toEqual([...DEFAULT_GRANTS]);
    expect(config.app.url).toBe("http://localhost:3000");
    expect(config.wikimedia.redirectUri).toBe("http://localhost:3000/api/auth/callback/wikimedia");
    expect(config.db).toEqual({ engine: "sqlite", path: "data/wikiport.db" });
  });

  it("switches to real Wikimedia when a client id is configured", () => {
    const config = parseConfig({
      AUTH_SECRET: SECRET, ...KEYS,
      WIKIPORT_URL: "https://wikiport.example.org/",
      WIKIMEDIA_CLIENT_ID: "0123456789abcdef0123456789abcdef",
      WIKIMEDIA_CLIENT_SECRET: "0123456789abcdef0123456789abcdef01234567",
      WIKIPORT_CONTACT: "ops@example.org",
    });
    expect(config.wikimedia.mode).toBe("production");
    expect(config.wikimedia.oauthUrl).toBe("https://meta.wikimedia.org/w/rest.php/oauth2");
    expect(config.wikimedia.wikiUrlTemplate).toBe("https://{host}/w");
    expect(config.wikimedia.redirectUri).toBe("https://wikiport.example.org/api/auth/callback/wikimedia");
    expect(config.wikimedia.sandboxUrl).toBeNull();
  });

  it("names a missing AUTH_SECRET and says how to make one", () => {
    try {
      parseConfig({ ...KEYS });
      throw new Error("expected a ConfigError");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain("AUTH_SECRET is missing");
      expect((error as Error).message).toContain("openssl rand -base64 33");
    }
  });

  it("rejects a short secret, a bad port and an unknown mode, each by name", () => {
    expect(problemsOf({ ...KEYS, AUTH_SECRET: "short", PORT: "70000", WIKIMEDIA_MODE: "staging" })).toEqual([
      "PORT: Too big: expected number to be <=65535",
      "AUTH_SECRET: must be at least 32 characters long",
      'WIKIMEDIA_MODE: Invalid option: expected one of "sandbox"|"production"',
    ]);
  });

  it("requires the secret, a contact and the public URL with real Wikimedia in production", () => {
    expect(
      problemsOf({ AUTH_SECRET: SECRET, ...KEYS, NODE_ENV: "production", WIKIMEDIA_CLIENT_ID: "0123456789abcdef0123456789abcdef" }),
    ).toEqual([
      "WIKIMEDIA_CLIENT_SECRET: is missing (needed with real Wikimedia)",
      "WIKIPORT_CONTACT: is missing (needed with real Wikimedia)",
      "WIKIPORT_URL: is missing (needed with real Wikimedia in production)",
    ]);
  });

  it("rejects malformed credentials and a public URL with a path", () => {
    expect(
      problemsOf({
        AUTH_SECRET: SECRET, ...KEYS,
        WIKIMEDIA_CLIENT_ID: "not-hex",
        WIKIMEDIA_CLIENT_SECRET: "abc",
        WIKIPORT_URL: "https://example.org/wikiport",
      }),
    ).toEqual([
      "WIKIPORT_URL: must be an origin only (no path, query, fragment or credentials)",
      "WIKIMEDIA_CLIENT_ID: must be 32 lowercase hex characters",
      "WIKIMEDIA_CLIENT_SECRET: must be 40 lowercase hex characters",
    ]);
  });

  it("asks for both halves of a sandbox consumer", () => {
    expect(
      problemsOf({ AUTH_SECRET: SECRET, ...KEYS, WIKIMEDIA_MODE: "sandbox", WIKIMEDIA_CLIENT_ID: "0123456789abcdef0123456789abcdef" }),
    ).toEqual([
      "WIKIMEDIA_CLIENT_SECRET: is missing (set both the client id and the secret, or neither to use the sandbox's consumer)",
    ]);
  });

  it("insists that the grants include basic and treats empty values as unset", () => {
    expect(problemsOf({ AUTH_SECRET: SECRET, ...KEYS, WIKIMEDIA_GRANTS: "editpage" })).toEqual([
      "WIKIMEDIA_GRANTS: must include the `basic` grant",
    ]);
    expect(parseConfig({ AUTH_SECRET: SECRET, ...KEYS, WIKIMEDIA_CLIENT_ID: "", WIKIMEDIA_GRANTS: "" }).wikimedia.mode).toBe("sandbox");
  });

  it("reads the request limits an operator sets, per minute or per hour, and leaves the others to the defaults", () => {
    expect(parseConfig({ AUTH_SECRET: SECRET, ...KEYS }).limits).toEqual({});
    const config = parseConfig({ AUTH_SECRET: SECRET, ...KEYS, WIKIPORT_EDIT_LIMIT: "30,30/minute", WIKIPORT_SIGN_IN_LIMIT: "300,1/hour" });
    expect(config.limits).toEqual({ edit: { capacity: 30, refillPerMinute: 30 }, signIn: { capacity: 300, refillPerMinute: 1 / 60 } });
    expect(problemsOf({ AUTH_SECRET: SECRET, ...KEYS, WIKIPORT_EDIT_LIMIT: "30", WIKIPORT_ACTION_LIMIT: "0,1/minute" })).toEqual([
      "WIKIPORT_EDIT_LIMIT: must look like 30,30/minute or 5,1/hour",
      "WIKIPORT_ACTION_LIMIT: must allow at least one request and refill above zero",
    ]);
  });

  it("refuses to start without a usable key ring, and says how to make a key", () => {
    expect(problemsOf({ AUTH_SECRET: SECRET })).toEqual(["WIKIPORT_KEYS: is missing", "WIKIPORT_ACTIVE_KEY: is missing"]);
    expect(problemsOf({ AUTH_SECRET: SECRET, WIKIPORT_KEYS: "k1=c2hvcnQ", WIKIPORT_ACTIVE_KEY: "k1" })).toEqual([
      'WIKIPORT_KEYS: is not a usable key ring: key "k1" is 5 bytes; it must be exactly 32',
    ]);
    expect(() => parseConfig({ AUTH_SECRET: SECRET })).toThrow(/npm run keys:generate/);
    const config = parseConfig({ AUTH_SECRET: SECRET, ...KEYS, REFRESH_SKEW_SECONDS: "90" });
    expect(config.vault.keyRing.activeKeyId).toBe("k1");
    expect(config.vault.refreshSkewSeconds).toBe(90);
  });
});
