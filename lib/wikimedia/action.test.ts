import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { useTestDb } from "@/db/testing";
import { DEMO_USERS, WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { createActionClient } from "./action";
import { sandboxVault, signInToVault } from "@/lib/grants/testing";
import { failure, siteOf } from "./testing";
import { createWikimediaHttp, type HttpOptions } from "./http";
import { userCredential } from "./user-token";

const sb = useSandbox();
const testDb = useTestDb();

const EN = siteOf("en.wikipedia.org");

function setup(overrides: Partial<HttpOptions> = {}, actionOptions: { tokenCacheBytes?: number } = {}) {
  const { vault } = sandboxVault(sb, testDb.db);
  const http = createWikimediaHttp({
    wikiUrlTemplate: `${sb.url}/{host}/w`,
    userAgent: "Wikiport/test (action tests)",
    requestTimeoutMs: 2_000,
    deadlineMs: 8_000,
    ...overrides,
  });
  return { vault, action: createActionClient({ http, ...actionOptions }) };
}

type TestVault = ReturnType<typeof setup>["vault"];

function signIn(vault: TestVault, user: { name: string; password: string } = DEMO_USERS.editor, userId?: string) {
  return signInToVault(sb, testDb.db, vault, user, { userId });
}


interface LogEntry {
  method: string;
  status: number;
  fault: string | null;
  details: Record<string, unknown>;
}

async function requests(endpoint: string): Promise<LogEntry[]> {
  return (await sb.control("GET", `/requests?endpoint=${encodeURIComponent(endpoint)}`)).requests;
}

let counter = 0;
function uniqueText(): string {
  counter += 1;
  return `Wikiport action test ${counter} ${Date.now()}`;
}

describe("action=edit with a CSRF token from meta=tokens", () => {
  it("fetches the token once per user and wiki and reuses it (never action=tokens)", async () => {
    const { vault, action } = setup();
    const { as } = await signIn(vault);
    const first = await action.edit(as, EN, { title: "Wikiport sandbox page", text: uniqueText(), summary: "first" });
    expect(first).toMatchObject({ title: "Wikiport sandbox page", created: true, noChange: false });
    expect(first.newRevisionId).toBeGreaterThan(0);
    const second = await action.edit(as, EN, { title: "Wikiport sandbox page", text: uniqueText(), summary: "second", baseRevisionId: first.newRevisionId! });
    expect(second).toMatchObject({ created: false, oldRevisionId: first.newRevisionId });

    expect(await requests("api/query/tokens")).toHaveLength(1);
    expect(await requests("api/tokens")).toEqual([]);
    expect((await requests("api/edit")).map((r) => [r.method, r.status, r.details.user])).toEqual([
      ["POST", 200, DEMO_USERS.editor.name],
      ["POST", 200, DEMO_USERS.editor.name],
    ]);
  });

  it("after badtoken (the user signed in again: a new session), fetches one new token and retries once", async () => {
    const { vault, action } = setup();
    const { userId } = await signIn(vault);
    const as = userCredential(vault, userId);
    await action.edit(as, EN, { title: "Wikiport sandbox page", text: uniqueText() });
    await sb.control("POST", "/grants/revoke", { user: DEMO_USERS.editor.name, clientId: WIKIPORT_CLIENT.key });
    await signIn(vault, DEMO_USERS.editor, userId);

    const result = await action.edit(as, EN, { title: "Wikiport sandbox page", text: uniqueText() });
    expect(result.newRevisionId).toBeGreaterThan(0);
    expect(await requests("api/query/tokens")).toHaveLength(2);
    expect((await requests("api/edit")).map((r) => r.details.apiError ?? "ok")).toEqual(["ok", "badtoken", "ok"]);
  });

  it("keeps tokens within its budget in bytes: past it, the least recently used is asked for again", async () => {
    // Room for one (credential, wiki, type) entry of about 200 bytes, not two.
    const { vault, action } = setup({}, { tokenCacheBytes: 300 });
    const { as } = await signIn(vault);
    const DE = siteOf("de.wikipedia.org");
    await action.token(as, EN, "csrf");
    await action.token(as, EN, "csrf");
    expect(await requests("api/query/tokens")).toHaveLength(1);
    await action.token(as, DE, "csrf");
    await action.token(as, EN, "csrf");
    expect(await requests("api/query/tokens")).toHaveLength(3);
  });

  it("reports a token endpoint failure without attempting the edit", async () => {
    const { vault, action } = setup();
    const { as } = await signIn(vault);
    await sb.control("POST", "/faults", { endpoint: "api/query/tokens", kind: "status", status: 500 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = await failure(action.edit(as, EN, { title: "Wikiport sandbox page", text: uniqueText() }));
    warn.mockRestore();
    expect(error.code).toBe("wikimedia_unavailable");
    expect(await requests("api/edit")).toEqual([]);
  });
});

describe("edit refusals in the taxonomy", () => {
  it("a blocked user (Blake Blocked) → blocked, with who, why and how long", async () => {
    const { vault, action } = setup();
    const { as } = await signIn(vault, DEMO_USERS.blocked);
    const error = await failure(action.edit(as, EN, { title: "Moon", appendText: "\nx" }));
    expect(error).toMatchObject({
      code: "blocked",
      apiCode: "blocked",
      block: { by: "Ana Admin", reason: "Disruptive editing (demo block)", expiry: "infinite", partial: false },
    });
    expect(error.message).toBe(
      'You are blocked from editing en.wikipedia.org by Ana Admin. Reason given: "Disruptive editing (demo block)". The block does not expire. You can appeal it on the wiki.',
    );
  });

  it("a protected page → protected", async () => {
    const { vault, action } = setup();
    const { as } = await signIn(vault);
    const error = await failure(action.edit(as, EN, { title: "Main Page", appendText: "\nx" }));
    expect(error).toMatchObject({ code: "protected", apiCode: "protectedpage" });
  });

  it("an abuse filter: disallow → abuse_filter; a warning passes when submitted again", async () => {
    const { vault, action } = setup();
    const { as } = await signIn(vault);
    const disallowed = await failure(action.edit(as, EN, { title: "Moon", appendText: "\nbuy cheap watches" }));
    expect(disallowed).toMatchObject({ code: "abuse_filter", abuseFilter: { id: "42", warning: false } });
    const warned = await failure(action.edit(as, EN, { title: "Moon", appendText: "\nALL CAPS WARNING" }));
    expect(warned).toMatchObject({ code: "abuse_filter", abuseFilter: { id: "43", warning: true } });
    expect(warned.message).toMatch(/save it again to confirm/);
    expect((await action.edit(as, EN, { title: "Moon", appendText: "\nALL CAPS WARNING" })).noChange).toBe(false);
  });

  it("a CAPTCHA (edit.result Failure) → captcha", async () => {
    const { vault, action } = setup();
    const { as } = await signIn(vault, DEMO_USERS.newcomer);
    const error = await failure(action.edit(as, EN, { title: "Moon", appendText: "\nSee https://spam.example/" }));
    expect(error.code).toBe("captcha");
  });

  it("a revoked grant → one refresh attempt → reconnect_needed", async () => {
    const { vault, action } = setup();
    const { as } = await signIn(vault);
    await sb.control("POST", "/grants/revoke", { user: DEMO_USERS.editor.name, clientId: WIKIPORT_CLIENT.key });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = await failure(action.edit(as, EN, { title: "Moon", appendText: "\nx" }));
    warn.mockRestore();
    expect(error.code).toBe("reconnect_needed");
    const refreshes = (await requests("oauth2/access_token")).filter((r) => r.details.grantType === "refresh_token");
    expect(refreshes).toHaveLength(1);
    expect(await requests("api/edit")).toEqual([]);
  });
});

describe("faults on an edit (api/edit)", () => {
  it.each([
    ["status", { status: 500 }, "wikimedia_unavailable", undefined],
    ["html", { status: 503 }, "wikimedia_unavailable", undefined],
    ["non-json", {}, "bad_response", undefined],
    ["truncated", {}, "bad_response", undefined],
    ["hang", {}, "timeout", undefined],
    ["rate-limit", { retryAfter: 60 }, "rate_limited", 60],
  ] as const)("%s %j → %s", async (kind, extra, code, retryAfterSeconds) => {
    const { vault, action } = setup({ requestTimeoutMs: 500 });
    const { as } = await signIn(vault);
    await action.token(as, EN, "csrf");
    await sb.control("POST", "/faults", { endpoint: "api/edit", kind, ...extra });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = await failure(action.edit(as, EN, { title: "Wikiport sandbox page", text: uniqueText() }));
    warn.mockRestore();
    expect(error.code).toBe(code);
    expect(error.retryAfterSeconds).toBe(retryAfterSeconds);
  });

  it("slow within the deadline → saved", async () => {
    const { vault, action } = setup();
    const { as } = await signIn(vault);
    await sb.control("POST", "/faults", { endpoint: "api/edit", kind: "slow", delayMs: 300 });
    expect((await action.edit(as, EN, { title: "Wikiport sandbox page", text: uniqueText() })).created).toBe(true);
  });

  it("429 with Retry-After: 1 → waits and saves", async () => {
    const { vault, action } = setup();
    const { as } = await signIn(vault);
    await sb.control("POST", "/faults", { endpoint: "api/edit", kind: "rate-limit", retryAfter: 1 });
    expect((await action.edit(as, EN, { title: "Wikiport sandbox page", text: uniqueText() })).created).toBe(true);
    expect((await requests("api/edit")).map((r) => r.status)).toEqual([429, 200]);
  });

  it("maxlag within the deadline → waits the Retry-After (max(lag, 5) s) and saves", async () => {
    // The wait is real (5 s): the deadline leaves a busy machine 10 s for the rest (9 s in all ran out once),
    // and stays under the test timeout (20 s) so a miss reads as the deadline, not as a hung test.
    const { vault, action } = setup({ deadlineMs: 15_000 });
    const { as } = await signIn(vault);
    await sb.control("POST", "/faults", { endpoint: "api/edit", kind: "maxlag", retryAfter: 1 });
    expect((await action.edit(as, EN, { title: "Wikiport sandbox page", text: uniqueText() })).created).toBe(true);
    expect((await requests("api/edit")).map((r) => r.fault)).toEqual(["maxlag", null]);
  });

  it("maxlag past the deadline → maxlag with the Retry-After, and no second attempt", async () => {
    const { vault, action } = setup({ deadlineMs: 3_000 });
    const { as } = await signIn(vault);
    await sb.control("POST", "/faults", { endpoint: "api/edit", kind: "maxlag", retryAfter: 7 });
    const error = await failure(action.edit(as, EN, { title: "Wikiport sandbox page", text: uniqueText() }));
    expect(error).toMatchObject({ code: "maxlag", retryAfterSeconds: 7, apiCode: "maxlag" });
    expect(error.message).toMatch(/Try again in 7 seconds/);
    expect(await requests("api/edit")).toHaveLength(1);
  });
});

describe("action=watch and reads", () => {
  it("watches with a watch token and reads with a GET", async () => {
    const { vault, action } = setup();
    const { as } = await signIn(vault);
    expect(await action.watch(as, EN, { titles: ["Moon", "Sun"] })).toEqual([
      { title: "Moon", watched: true, missing: false },
      { title: "Sun", watched: true, missing: false },
    ]);
    const info = await action.get(
      as,
      EN,
      { action: "query", meta: "userinfo" },
      z.object({ query: z.object({ userinfo: z.object({ name: z.string() }) }) }),
    );
    expect(info.query.userinfo.name).toBe(DEMO_USERS.editor.name);
  });
});
