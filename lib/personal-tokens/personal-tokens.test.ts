import { generateKeyPairSync } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it, vi } from "vitest";
import { personalTokens, users } from "@/db/schema";
import { storedRows, useTestDb } from "@/db/testing";
import { saveWikimediaProfile } from "@/lib/auth/wikimedia-profiles";
import { randomKeyRing, SEALED_ENVELOPE } from "@/lib/grants/testing";
import { log } from "@/lib/log";
import { createActionClient } from "@/lib/wikimedia/action";
import { createWikimediaHttp } from "@/lib/wikimedia/http";
import { parseSite, type Site } from "@/lib/wikimedia/sites";
import { DEMO_USERS } from "@/sandbox/seed";
import { ALL_WIKIPORT_GRANTS, useSandbox } from "@/sandbox/testing";
import { describeRateLimit } from "./claims";
import type { PersonalTokenDeps } from "./deps";
import { describePersonalToken } from "./describe";
import { personalTokenSnippets } from "./snippets";
import { deletePersonalToken, getPersonalTokenRow, openPersonalToken, savePersonalToken } from "./store";
import { testPersonalToken } from "./test-call";
import { verifyPersonalToken, type VerifiedToken } from "./verify";

const sb = useSandbox();
const testDb = useTestDb();

const META = "meta.wikimedia.org";
const ADA = { wikimediaUserId: String(DEMO_USERS.editor.id), username: DEMO_USERS.editor.name };
const EN = (parseSite("en.wikipedia.org") as { ok: true; site: Site }).site;

function deps(overrides: Partial<PersonalTokenDeps> = {}): PersonalTokenDeps {
  const http = createWikimediaHttp({ wikiUrlTemplate: `${sb.url}/{host}/w`, userAgent: "Wikiport/test (personal token tests)", log });
  return {
    db: testDb.db,
    keyRing: randomKeyRing(),
    http,
    action: createActionClient({ http }),
    oauthUrl: `${sb.url}/${META}/w/rest.php/oauth2`,
    neededGrants: ALL_WIKIPORT_GRANTS,
    log,
    ...overrides,
  };
}

/**
 * A personal API token as Meta makes one: an owner-only OAuth 2.0 client registered by the user
 * (`POST /oauth2/client`, docs/wikimedia-protocol.md §1.4), whose reply carries the never-expiring access token.
 */
async function ownerOnlyToken(user: string, grants: string[] = ALL_WIKIPORT_GRANTS): Promise<{ token: string; clientKey: string }> {
  const manager = await sb.token(user, ["basic", "oauthmanageownclient"]);
  const response = await fetch(`${sb.url}/${META}/w/rest.php/oauth2/client`, {
    method: "POST",
    headers: { authorization: `Bearer ${manager}`, "content-type": "application/json" },
    body: JSON.stringify({ name: `Scripts ${Math.random()}`, version: "1.0", description: "My scripts", owner_only: true, scopes: grants }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { access_token: string; client_key: string };
  return { token: body.access_token, clientKey: body.client_key };
}

async function wikiportUser(name: string = ADA.username, wikimediaUserId: string = ADA.wikimediaUserId): Promise<string> {
  const userId = (await testDb.db.insert(users).values({ name }).returning())[0]!.id;
  await saveWikimediaProfile(
    testDb.db,
    userId,
    { sub: wikimediaUserId, username: name, editcount: 1, confirmed_email: true, blocked: false, registered: null, groups: [], rights: [], grants: [] },
    new Date(),
  );
  return userId;
}

async function profileCalls(): Promise<number> {
  const { requests } = await sb.control("GET", "/requests?endpoint=oauth2/resource/profile");
  return requests.length;
}

async function verified(d: PersonalTokenDeps, userId: string, token: string): Promise<VerifiedToken> {
  const result = await verifyPersonalToken(d, { userId, pasted: token, viewer: ADA });
  if (!result.ok) throw new Error(`expected a verified token, got ${result.code}`);
  return result.verified;
}

describe("verifyPersonalToken", () => {
  it("asks the profile endpoint whose token it is and reads the tier from the claims", async () => {
    const { token, clientKey } = await ownerOnlyToken(ADA.username);
    const userId = await wikiportUser();
    // Pasted as people do: with a Bearer prefix and a line break.
    const result = await verifyPersonalToken(deps(), { userId, pasted: `Bearer ${token.slice(0, 20)}\n${token.slice(20)}\n`, viewer: ADA });
    expect(result).toEqual({
      ok: true,
      warnings: [],
      verified: {
        token,
        wikimediaUserId: "1001",
        username: "Ada Editor",
        grants: ALL_WIKIPORT_GRANTS,
        blocked: false,
        rateLimit: { requestsPerUnit: 5000, unit: "HOUR" },
        clientId: clientKey,
        expiresAt: null,
      },
    });
    expect(await profileCalls()).toBe(1);
    expect(describeRateLimit({ requestsPerUnit: 5000, unit: "HOUR" })).toBe("default tier: 5,000 requests per hour");
  });

  it("warns when the token belongs to another Wikimedia account than the signed-in one", async () => {
    const { token } = await ownerOnlyToken(DEMO_USERS.newcomer.name);
    const result = await verifyPersonalToken(deps(), { userId: await wikiportUser(), pasted: token, viewer: ADA });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.verified).toMatchObject({ wikimediaUserId: "1002", username: "Nico Newcomer" });
    expect(result.warnings.map((warning) => warning.code)).toEqual(["different_account"]);
    expect(result.warnings[0]?.message).toContain("“Nico Newcomer”, not to “Ada Editor”");
  });

  it("warns when the token lacks grants Wikiport uses for editing and the watchlist", async () => {
    const { token } = await ownerOnlyToken(ADA.username, ["basic", "editpage"]);
    const result = await verifyPersonalToken(deps(), { userId: await wikiportUser(), pasted: token, viewer: ADA });
    expect(result.ok && result.warnings).toEqual([
      expect.objectContaining({ code: "missing_grants", missing: ["createeditmovepage", "editmywatchlist", "viewmywatchlist"] }),
    ]);
  });

  it("warns that an app's expiring access token is not a personal API token", async () => {
    const appToken = await sb.token(ADA.username, ALL_WIKIPORT_GRANTS, 3600);
    const result = await verifyPersonalToken(deps(), { userId: await wikiportUser(), pasted: appToken, viewer: ADA });
    expect(result.ok && result.warnings.map((warning) => warning.code)).toEqual(["expires"]);
  });

  it("reports a token Wikimedia rejects: revoked, or not issued by it", async () => {
    const { token, clientKey } = await ownerOnlyToken(ADA.username);
    await sb.control("POST", "/grants/revoke", { user: ADA.username, clientId: clientKey });
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = await new SignJWT({ aud: clientKey, sub: "1001", scopes: ALL_WIKIPORT_GRANTS })
      .setProtectedHeader({ typ: "JWT", alg: "RS256" })
      .sign(privateKey);
    const userId = await wikiportUser();
    for (const pasted of [token, forged]) {
      const result = await verifyPersonalToken(deps(), { userId, pasted, viewer: ADA });
      expect(result).toMatchObject({ ok: false, code: "rejected", message: expect.stringContaining("Wikimedia does not accept this token") });
    }
    expect(await profileCalls()).toBe(2);
  });

  it("refuses malformed values with a message that says what to copy, before any call to Wikimedia", async () => {
    const userId = await wikiportUser();
    const cases: [unknown, string][] = [
      ["", "Paste your personal API token."],
      [null, "Paste your personal API token."],
      ["f0950fa7a8399babe551f51af656b54a", "That is the client application key"],
      ["e916f22dcba352d17137e196fbf12df1015244d6", "That is the client application secret"],
      ["hello world", "three parts separated by dots"],
      ["eyJhbGciOiJSUzI1NiJ9.not-json.c2ln", "its middle part is not readable"],
      ["x".repeat(9000), "far longer than a personal API token"],
    ];
    for (const [pasted, message] of cases) {
      const result = await verifyPersonalToken(deps(), { userId, pasted, viewer: ADA });
      expect(result).toMatchObject({ ok: false, code: "malformed", message: expect.stringContaining(message) });
    }
    expect(await profileCalls()).toBe(0);
  });

  it("says Meta did not answer when the profile endpoint fails", async () => {
    const { token } = await ownerOnlyToken(ADA.username);
    await sb.control("POST", "/faults", { endpoint: "oauth2/resource/profile", kind: "html", status: 503 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const result = await verifyPersonalToken(deps(), { userId: await wikiportUser(), pasted: token, viewer: ADA });
    warn.mockRestore();
    expect(result).toMatchObject({ ok: false, code: "wikimedia_unavailable" });
  });
});

describe("the stored token", () => {
  it("is sealed at rest, bound to its column and user, and described masked", async () => {
    const { token } = await ownerOnlyToken(ADA.username);
    const d = deps();
    const ada = await wikiportUser();
    const saved = new Date("2026-03-01T10:00:00Z");
    await savePersonalToken(d, ada, await verified(d, ada, token), saved);

    const raw = (await storedRows(testDb.db)).personal_tokens!.find((stored) => stored.user_id === ada) as { token: string; last_four: string };
    expect(raw.token).toMatch(SEALED_ENVELOPE);
    expect(raw.token).not.toContain(token);
    expect(raw.token).not.toContain(token.split(".")[1]);
    expect(raw.last_four).toBe(token.slice(-4));
    expect(await openPersonalToken(d, ada)).toMatchObject({ ok: true, token });

    expect(await describePersonalToken(d.db, ada, d.neededGrants)).toEqual({
      masked: `…${token.slice(-4)}`,
      username: "Ada Editor",
      wikimediaUserId: "1001",
      grants: ALL_WIKIPORT_GRANTS,
      rateLimit: "default tier: 5,000 requests per hour",
      rateLimitClaim: { requestsPerUnit: 5000, unit: "HOUR" },
      clientId: expect.stringMatching(/^[0-9a-f]{32}$/),
      expiresAt: null,
      createdAt: saved,
      verifiedAt: saved,
      lastUsedAt: null,
      warnings: [],
    });

    // Ada's envelope copied into another user's row does not open there.
    const other = await wikiportUser("Nico Newcomer", "1002");
    const row = await getPersonalTokenRow(d.db, ada);
    await d.db.insert(personalTokens).values({ ...row!, userId: other });
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await openPersonalToken(d, other)).toEqual({ ok: false, code: "unsealable" });
    expect(await testPersonalToken(d, other, EN)).toMatchObject({ ok: false, code: "unsealable" });
    expect(error).toHaveBeenCalledTimes(2);
    expect(JSON.stringify(error.mock.calls)).not.toContain(token);
    error.mockRestore();
    // Nor under another key ring.
    expect(await openPersonalToken({ ...d, keyRing: randomKeyRing() }, ada)).toMatchObject({ ok: false });
  });

  it("shows the different-account warning against the signed-in user's central id", async () => {
    const { token } = await ownerOnlyToken(DEMO_USERS.newcomer.name);
    const d = deps();
    const ada = await wikiportUser();
    await savePersonalToken(d, ada, await verified(d, ada, token), new Date());
    expect((await describePersonalToken(d.db, ada, d.neededGrants))?.warnings.map((warning) => warning.code)).toEqual(["different_account"]);
  });

  it("“Test it” makes one userinfo call with the token and updates last used; a revoked token is reported", async () => {
    const { token, clientKey } = await ownerOnlyToken(ADA.username);
    const tested = new Date("2026-03-02T08:30:00Z");
    const d = deps({ now: () => tested });
    const ada = await wikiportUser();
    expect(await testPersonalToken(d, ada, EN)).toMatchObject({ ok: false, code: "no_token" });
    await savePersonalToken(d, ada, await verified(d, ada, token), new Date("2026-03-01T10:00:00Z"));
    await sb.control("DELETE", "/requests");

    expect(await testPersonalToken(d, ada, EN)).toEqual({ ok: true, wiki: "en.wikipedia.org", username: "Ada Editor", localUserId: 1001, at: tested });
    expect((await getPersonalTokenRow(d.db, ada))?.lastUsedAt).toEqual(tested);
    const { requests } = await sb.control("GET", "/requests");
    expect(requests.map((r: { endpoint: string }) => r.endpoint)).toEqual(["api/query"]);

    await sb.control("POST", "/grants/revoke", { user: ADA.username, clientId: clientKey });
    expect(await testPersonalToken(d, ada, EN)).toMatchObject({ ok: false, code: "rejected", message: expect.stringContaining("revoked on Meta") });
    expect((await getPersonalTokenRow(d.db, ada))?.lastUsedAt).toEqual(tested);
  });

  it("is replaced by a new paste and removed by delete, which leaves it valid on Wikimedia", async () => {
    const first = await ownerOnlyToken(ADA.username);
    const second = await ownerOnlyToken(ADA.username);
    const d = deps();
    const ada = await wikiportUser();
    await savePersonalToken(d, ada, await verified(d, ada, first.token), new Date());
    await savePersonalToken(d, ada, await verified(d, ada, second.token), new Date());
    expect((await d.db.select().from(personalTokens))).toHaveLength(1);
    expect(await openPersonalToken(d, ada)).toMatchObject({ ok: true, token: second.token });

    expect(await deletePersonalToken(d.db, ada)).toBe(true);
    expect(await getPersonalTokenRow(d.db, ada)).toBeNull();
    expect(await describePersonalToken(d.db, ada, d.neededGrants)).toBeNull();
    expect(await deletePersonalToken(d.db, ada)).toBe(false);
    // Only revoking on Meta ends it: Wikimedia still accepts it.
    expect((await verifyPersonalToken(d, { userId: ada, pasted: second.token, viewer: ADA })).ok).toBe(true);
  });
});

describe("personalTokenSnippets", () => {
  it("puts the real token in only when given one, and reads $WIKIMEDIA_TOKEN otherwise", async () => {
    const api = "https://en.wikipedia.org/w/api.php";
    const withToken = personalTokenSnippets(api, "eyJa.eyJb.sig");
    const placeholder = personalTokenSnippets(api, null);
    for (const snippet of Object.values(withToken)) {
      expect(snippet).toContain("eyJa.eyJb.sig");
      expect(snippet).toMatch(/User-Agent/i);
    }
    for (const snippet of Object.values(placeholder)) {
      expect(snippet).not.toContain("eyJa");
      expect(snippet).toContain("WIKIMEDIA_TOKEN");
    }
    expect(placeholder.curl).toContain('curl "https://en.wikipedia.org/w/api.php?action=query&meta=userinfo&format=json"');
    expect(placeholder.curl).toContain('--header "Authorization: Bearer $WIKIMEDIA_TOKEN"');
    expect(placeholder.javascript).toContain("process.env.WIKIMEDIA_TOKEN");
    expect(placeholder.python).toContain('os.environ["WIKIMEDIA_TOKEN"]');
  });
});
