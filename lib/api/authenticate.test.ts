import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiTokens, users } from "@/db/schema";
import { useTestDb } from "@/db/testing";
import { createApiToken, generateApiToken, revokeApiToken } from "@/lib/api-tokens";
import { createRateLimiter } from "@/lib/rate-limit";
import { createAuthFailureLimiter } from "./auth-failures";
import { authenticate } from "./authenticate";
import { clientAddress, UNKNOWN_CLIENT } from "@/lib/security/client-address";

const testDb = useTestDb();

function request(token: string | null, forwardedFor = "203.0.113.7"): Request {
  const headers = new Headers({ "x-forwarded-for": forwardedFor });
  if (token !== null) headers.set("authorization", `Bearer ${token}`);
  return new Request("http://localhost/api/v1/me", { headers });
}

async function setup(limits = { failures: { capacity: 3, refillPerMinute: 6 }, perToken: { capacity: 100, refillPerMinute: 60 } }) {
  const clock = { now: 0 };
  const store = { db: () => testDb.db, secret: "authenticate-test-secret" };
  const deps = {
    db: testDb.db,
    failures: createAuthFailureLimiter(store, { ...limits.failures, now: () => clock.now }),
    perToken: createRateLimiter(store, { name: "api", ...limits.perToken, now: () => clock.now }),
    trustedProxyHops: 1,
  };
  const userId = (await testDb.db.insert(users).values({ name: "Ada Editor" }).returning())[0]!.id;
  const mint = async (scopes: ("read" | "edit" | "watch")[] = ["read"], expiresInDays: 30 | null = null) => {
    const created = await createApiToken(testDb.db, { userId, name: "bot", scopes, expiresInDays }, new Date(clock.now));
    if (!created.ok) throw new Error(created.message);
    return created;
  };
  return { clock, deps, userId, mint };
}

async function problemOf(pending: ReturnType<typeof authenticate>) {
  const result = await pending;
  expect(result.ok).toBe(false);
  const response = (result as { ok: false; response: Response }).response;
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe("client address", () => {
  it("trusts only the entry the one reverse proxy appended", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7" }), 1)).toBe("203.0.113.7");
    // Whatever the client put to the left is its own claim.
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.1, 10.0.0.1 ,203.0.113.7" }), 1)).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "::ffff:127.0.0.1" }), 1)).toBe("127.0.0.1");
    expect(clientAddress(new Headers({ "x-forwarded-for": "2001:DB8::1" }), 1)).toBe("2001:db8::1");
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4, 5.6.7.8" }), 2)).toBe("1.2.3.4");
    // No proxy in front (WIKIPORT_TRUSTED_PROXY_HOPS=0): nothing in the header is the client's own word to trust.
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7" }), 0)).toBe(UNKNOWN_CLIENT);
  });

  it("puts unreadable or missing addresses into one shared bucket", () => {
    expect(clientAddress(new Headers(), 1)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7, evil" }), 1)).toBe(UNKNOWN_CLIENT);
  });
});

describe("authenticate", () => {
  it("accepts a valid token with its scope, and refuses a missing scope with 403 (not a failure)", async () => {
    const { deps, mint } = await setup();
    const { token, record } = await mint(["read"]);
    expect(await authenticate(request(token), "read", deps)).toMatchObject({ ok: true, tokenId: record.id, scopes: ["read"] });
    for (let i = 0; i < 5; i++) {
      const refused = await problemOf(authenticate(request(token), "edit", deps));
      expect(refused).toMatchObject({ status: 403, body: { code: "insufficient_scope", requiredScope: "edit" } });
    }
    expect((await authenticate(request(token), "read", deps)).ok).toBe(true);
  });

  it("answers malformed, unknown, revoked and expired tokens with 401, then 429 with Retry-After for that client", async () => {
    const { clock, deps, userId, mint } = await setup();
    const revoked = await mint();
    await revokeApiToken(testDb.db, userId, revoked.record.id, new Date(clock.now));
    const expired = await mint(["read"], 30);
    clock.now = 31 * 24 * 3600 * 1000;
    const valid = await mint();

    const cases = [
      ["not-a-token", "malformed_token"],
      [revoked.token, "unauthorized"],
      [expired.token, "unauthorized"],
    ] as const;
    for (const [token, code] of cases) {
      const answer = await problemOf(authenticate(request(token), "read", deps));
      expect(answer).toMatchObject({ status: 401, body: { code } });
      expect(answer.headers.get("www-authenticate")).toContain('error="invalid_token"');
    }
    // The fourth failure (capacity 3) is one too many: one failure refills in 10 s at 6 a minute.
    const limited = await problemOf(authenticate(request(generateApiToken()), "read", deps));
    expect(limited).toMatchObject({ status: 429, body: { code: "rate_limited", retryAfterSeconds: 10 } });
    expect(limited.headers.get("retry-after")).toBe("10");
    expect(limited.headers.get("content-type")).toBe("application/problem+json");

    // Blocked: even a valid token from that address waits, and the remaining wait is what Retry-After says.
    clock.now += 4_000;
    const stillLimited = await problemOf(authenticate(request(valid.token), "read", deps));
    expect(stillLimited).toMatchObject({ status: 429, body: { retryAfterSeconds: 6 } });
    expect(stillLimited.headers.get("retry-after")).toBe("6");
    // …while other clients are unaffected, and a spoofed left-hand X-Forwarded-For entry changes nothing.
    expect((await authenticate(request(valid.token, "203.0.113.8"), "read", deps)).ok).toBe(true);
    expect((await problemOf(authenticate(request(valid.token, "203.0.113.8, 203.0.113.7"), "read", deps))).status).toBe(429);

    clock.now += 6_000;
    expect((await authenticate(request(valid.token), "read", deps)).ok).toBe(true);
  });

  it("refuses a limited client before its token is looked at", async () => {
    const { deps, mint } = await setup();
    const valid = await mint();
    const lastUsed = async () => (await testDb.db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, valid.record.id)))[0]?.at;
    for (let i = 0; i < 3; i++) await authenticate(request(generateApiToken()), "read", deps);
    expect((await problemOf(authenticate(request(valid.token), "read", deps))).status).toBe(429);
    // A verified token records its use; this one was never verified.
    expect(await lastUsed()).toBeNull();
    expect((await authenticate(request(valid.token, "203.0.113.9"), "read", deps)).ok).toBe(true);
    expect(await lastUsed()).not.toBeNull();
  });

  it("does not count requests without a token as failed authentications", async () => {
    const { deps, mint } = await setup();
    const { token } = await mint();
    for (let i = 0; i < 10; i++) expect((await problemOf(authenticate(request(null), "read", deps))).status).toBe(401);
    expect((await authenticate(request(token), "read", deps)).ok).toBe(true);
  });

  it("limits requests per token with 429 and Retry-After, each token on its own", async () => {
    const { clock, deps, mint } = await setup({ failures: { capacity: 3, refillPerMinute: 6 }, perToken: { capacity: 2, refillPerMinute: 12 } });
    const first = await mint();
    const second = await mint();
    expect((await authenticate(request(first.token), "read", deps)).ok).toBe(true);
    expect((await authenticate(request(first.token), "read", deps)).ok).toBe(true);
    const limited = await problemOf(authenticate(request(first.token), "read", deps));
    expect(limited).toMatchObject({ status: 429, body: { code: "rate_limited", retryAfterSeconds: 5 } });
    expect(limited.headers.get("retry-after")).toBe("5");
    expect((await authenticate(request(second.token), "read", deps)).ok).toBe(true);
    clock.now += 5_000;
    expect((await authenticate(request(first.token), "read", deps)).ok).toBe(true);
  });
});

describe("problem details in the request's language", () => {
  const withLanguage = (token: string | null, acceptLanguage: string) => {
    const made = request(token);
    made.headers.set("accept-language", acceptLanguage);
    return made;
  };

  it("says `detail` in German for Accept-Language: de, keeping the stable code, type and English title", async () => {
    const { deps } = await setup();
    const missing = await problemOf(authenticate(withLanguage(null, "de"), "read", deps));
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({
      code: "unauthorized",
      type: "https://wikiport.dev/problems/unauthorized",
      title: "Authentication required",
      detail: "Sende ein API-Token von Wikiport als `Authorization: Bearer wkp_…`. Du kannst es in deiner Übersicht erstellen.",
    });
    expect(missing.headers.get("content-language")).toBe("de");
    expect(missing.headers.get("vary")).toBe("Accept-Language");

    const unknown = await problemOf(authenticate(withLanguage(generateApiToken(), "de-AT, en;q=0.5"), "read", deps));
    expect(unknown.body).toMatchObject({ code: "unauthorized", detail: "Dieses API-Token gibt es nicht. Erstelle in deiner Übersicht ein neues." });
    expect(unknown.headers.get("content-language")).toBe("de");
  });

  it("says the wait in Hebrew, and English when no language Wikiport speaks is asked for", async () => {
    const { deps, mint } = await setup({ failures: { capacity: 3, refillPerMinute: 6 }, perToken: { capacity: 1, refillPerMinute: 6 } });
    const { token } = await mint(["read"]);
    expect((await authenticate(withLanguage(token, "he"), "read", deps)).ok).toBe(true);
    const limited = await problemOf(authenticate(withLanguage(token, "he"), "read", deps));
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: "rate_limited", title: "Too many requests", detail: "האסימון הזה שלח יותר מדי בקשות. נא לנסות שוב בעוד 10 שניות." });
    expect(limited.headers.get("content-language")).toBe("he");
    const english = await problemOf(authenticate(withLanguage(token, "sw"), "edit", deps));
    expect(english.body).toMatchObject({ code: "insufficient_scope", detail: 'This API token does not have the "edit" scope. Create a token that has it.' });
    expect(english.headers.get("content-language")).toBe("en");
  });
});
