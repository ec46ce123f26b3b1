import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/env";
import { clientAddress, UNKNOWN_CLIENT } from "./client-address";

const BASE = { AUTH_SECRET: "x".repeat(32), WIKIPORT_KEYS: `k1=${randomBytes(32).toString("base64url")}`, WIKIPORT_ACTIVE_KEY: "k1" };

function keyOf(forwardedFor: string | null, hops: number): string {
  return clientAddress(new Headers(forwardedFor === null ? {} : { "x-forwarded-for": forwardedFor }), hops);
}

describe("clientAddress", () => {
  it("trusts no forwarded header unless proxies are configured", () => {
    const hops = parseConfig(BASE).app.trustedProxyHops;
    expect(hops).toBe(0);
    // Under the default, rotating made-up addresses all land in one bucket: nothing to escape to.
    const keys = new Set(["203.0.113.1", "203.0.113.2", "198.51.100.9, 203.0.113.3", "2001:db8::1"].map((value) => keyOf(value, hops)));
    expect([...keys]).toEqual([UNKNOWN_CLIENT]);
    expect(parseConfig({ ...BASE, WIKIPORT_TRUSTED_PROXY_HOPS: "2" }).app.trustedProxyHops).toBe(2);
  });

  it("reads the entry the outermost trusted proxy appended, never one the client put to its left", () => {
    expect(keyOf("203.0.113.7", 1)).toBe("203.0.113.7");
    expect(keyOf("198.51.100.1, 10.0.0.1 ,203.0.113.7", 1)).toBe("203.0.113.7");
    // npm start's front door behind one nginx: nginx appended the client, the front door appended nginx.
    expect(keyOf("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    // A request that passed fewer proxies than configured: the leftmost entry is the nearest one there is.
    expect(keyOf("203.0.113.7", 3)).toBe("203.0.113.7");
  });

  it("gives one key per client whatever the address's spelling", () => {
    expect(keyOf("::ffff:127.0.0.2", 1)).toBe("127.0.0.2");
    expect(keyOf("::FFFF:127.0.0.2", 1)).toBe("127.0.0.2");
    expect(keyOf("2001:DB8::1", 1)).toBe("2001:db8::1");
  });

  it("puts missing or unreadable entries into the one shared bucket", () => {
    expect(keyOf(null, 1)).toBe(UNKNOWN_CLIENT);
    expect(keyOf("", 1)).toBe(UNKNOWN_CLIENT);
    expect(keyOf(" , ", 1)).toBe(UNKNOWN_CLIENT);
    expect(keyOf("203.0.113.7, evil", 1)).toBe(UNKNOWN_CLIENT);
    expect(keyOf("203.0.113.7, 203.0.113.8:443", 1)).toBe(UNKNOWN_CLIENT);
    expect(keyOf("unknown", 1)).toBe(UNKNOWN_CLIENT);
  });
});
