import { describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { useTestDb } from "@/db/testing";
import { randomKeyRing } from "@/lib/grants/testing";
import { createVault } from "@/lib/grants/vault";
import { log } from "@/lib/log";
import { createActionClient } from "@/lib/wikimedia/action";
import { createWikimediaHttp, type Credential } from "@/lib/wikimedia/http";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { createRestClient } from "@/lib/wikimedia/rest";
import { siteOf } from "@/lib/wikimedia/testing";
import { userCredential } from "@/lib/wikimedia/user-token";
import { wikiportTokens } from "@/sandbox/oauth/test-browser";
import { DEMO_USERS, WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { hasConflictMarkers, mergeThreeWay } from "./merge";
import { addSection, loadDraft, saveEdit, type EditDeps, type SaveOutcome } from "./save";
import { extractSection, replaceSection } from "./sections";
import { isWatched, listWatched, setWatched } from "./watch";

const sb = useSandbox();
const testDb = useTestDb();

const EN = siteOf("en.wikipedia.org");

function setup() {
  const oauthUrl = `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
  const tokens = createTokenClient({ oauthUrl, clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test" });
  const vault = createVault({ db: testDb.db, keyRing: randomKeyRing(), tokens, oauthServer: oauthUrl, refreshSkewSeconds: 120, log });
  const http = createWikimediaHttp({ wikiUrlTemplate: `${sb.url}/{host}/w`, userAgent: "Wikiport/test (edit tests)", requestTimeoutMs: 2_000 });
  const deps: EditDeps = { rest: createRestClient({ http }), action: createActionClient({ http }) };
  return { vault, deps };
}

async function signIn(vault: ReturnType<typeof setup>["vault"], user: { name: string; password: string } = DEMO_USERS.editor): Promise<Credential> {
  const userId = (await testDb.db.insert(users).values({ name: user.name }).returning())[0]!.id;
  const tokens = await wikiportTokens(sb, user);
  await vault.storeTokens({
    userId, wikimediaUserId: "1", accessToken: tokens.access_token, refreshToken: tokens.refresh_token,
    expiresInSeconds: tokens.expires_in,
    scopes: ["basic", "editpage", "createeditmovepage", "editmywatchlist", "viewmywatchlist"],
  });
  return userCredential(vault, userId);
}

/** The sandbox's request log for one endpoint (sandbox/control.ts). */
async function sandboxRequests(endpoint: string): Promise<{ method: string; path: string; status: number }[]> {
  return (await sb.control("GET", `/requests?endpoint=${endpoint}`)).requests;
}

/** The page as the sandbox's REST API serves it to anyone. */
async function wikiPage(title: string): Promise<{ source: string; latest: { id: number } }> {
  const response = await fetch(`${sb.wiki()}/rest.php/v1/page/${encodeURIComponent(title.replaceAll(" ", "_"))}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { source: string; latest: { id: number } };
}

/** Ana Admin changes the page behind the user's back, through REST like any other client. */
async function anaEdits(title: string, source: string): Promise<number> {
  const token = await sb.token("Ana Admin");
  const { latest } = await wikiPage(title);
  const response = await fetch(`${sb.wiki()}/rest.php/v1/page/${encodeURIComponent(title.replaceAll(" ", "_"))}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ source, comment: "Ana's change", latest: { id: latest.id } }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { latest: { id: number } }).latest.id;
}

function errorCode(outcome: SaveOutcome | { status: string; code?: string }): string | undefined {
  expect(outcome.status).toBe("error");
  return (outcome as { code?: string }).code;
}

describe("saving through REST", () => {
  it("loads a page, saves it with latest.id and the wiki shows the new text", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    const loaded = await loadDraft(deps, ada, EN, "Moon", null);
    if (loaded.status !== "ok") throw new Error(loaded.message);
    expect(loaded.draft).toMatchObject({ exists: true, title: "Moon", section: null });
    const text = `${loaded.draft.text}\n\nA sentence Ada added.`;
    const saved = await saveEdit(deps, ada, EN, { title: "Moon", text, summary: "Add a sentence", minor: false, baseRevisionId: loaded.draft.baseRevisionId, section: null });
    expect(saved).toMatchObject({ status: "saved", title: "Moon" });
    const page = await wikiPage("Moon");
    expect(page.source).toContain("A sentence Ada added.");
    expect(page.latest.id).toBe((saved as { revisionId: number }).revisionId);
    // The sandbox's log of the save itself: one REST PUT to the page, and no Action API edit.
    const writes = await sandboxRequests("rest/page/put");
    expect(writes.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: "PUT", path: "/en.wikipedia.org/w/rest.php/v1/page/Moon", status: 200 },
    ]);
    expect(await sandboxRequests("api/edit")).toEqual([]);
  });

  it("creates a new page without latest", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    const loaded = await loadDraft(deps, ada, EN, "Wikiport test page", null);
    expect(loaded).toMatchObject({ status: "ok", draft: { exists: false, baseRevisionId: null, text: "" } });
    const saved = await saveEdit(deps, ada, EN, { title: "Wikiport test page", text: "Fresh page.", summary: "New", minor: false, baseRevisionId: null, section: null });
    expect(saved.status).toBe("saved");
    expect((await wikiPage("Wikiport test page")).source).toBe("Fresh page.");
    const again = await saveEdit(deps, ada, EN, { title: "Wikiport test page", text: "Other.", summary: "", minor: false, baseRevisionId: null, section: null });
    expect(errorCode(again)).toBe("page_exists");
  });

  it("a conflicting edit gives the base, current and own texts; a minor edit also conflicts", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    const loaded = await loadDraft(deps, ada, EN, "Sun", null);
    if (loaded.status !== "ok") throw new Error(loaded.message);
    const base = loaded.draft.text;
    const [first, ...rest] = base.split("\n");
    const anaText = [`${first} (Ana)`, ...rest].join("\n");
    const currentId = await anaEdits("Sun", anaText);
    const mine = [`${first} (Ada)`, ...rest].join("\n");
    for (const minor of [false, true]) {
      const outcome = await saveEdit(deps, ada, EN, { title: "Sun", text: mine, summary: "", minor, baseRevisionId: loaded.draft.baseRevisionId, section: null });
      expect(outcome).toEqual({
        status: "conflict",
        base: { revisionId: loaded.draft.baseRevisionId, text: base },
        current: { revisionId: currentId, text: anaText },
        mine,
      });
    }
  });
});

describe("three-way merge", () => {
  const base = ["one", "two", "three", "four", "five", "six"].join("\n");
  it("merges changes to different lines", async () => {
    const current = base.replace("one", "ONE");
    const mine = base.replace("six", "SIX");
    expect(mergeThreeWay(base, current, mine)).toEqual({ clean: true, text: base.replace("one", "ONE").replace("six", "SIX") });
  });

  it("reports overlapping changes as a conflict with markers", async () => {
    const merged = mergeThreeWay(base, base.replace("three", "THREE"), base.replace("three", "3"));
    expect(merged).toMatchObject({ clean: false, conflicts: 1 });
    expect(hasConflictMarkers(merged.text)).toBe(true);
    expect(merged.text).toContain("3\n=======\nTHREE");
  });

  it("saves a clean merge on top of the current revision", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    const loaded = await loadDraft(deps, ada, EN, "Sun", null);
    if (loaded.status !== "ok") throw new Error(loaded.message);
    const lines = loaded.draft.text.split("\n");
    expect(lines.length).toBeGreaterThan(6);
    const anaText = [`${lines[0]} (Ana)`, ...lines.slice(1)].join("\n");
    await anaEdits("Sun", anaText);
    // An overlapping edit, so the wiki cannot merge it itself and answers 409.
    const mine = [`${lines[0]} (Ada)`, ...lines.slice(1, -1), `${lines.at(-1)} Ada's ending.`].join("\n");
    const conflict = await saveEdit(deps, ada, EN, { title: "Sun", text: mine, summary: "", minor: false, baseRevisionId: loaded.draft.baseRevisionId, section: null });
    if (conflict.status !== "conflict") throw new Error(`expected a conflict, got ${conflict.status}`);
    const fixed = [`${lines[0]} (Ana)`, ...lines.slice(1, -1), `${lines.at(-1)} Ada's ending.`].join("\n");
    const merged = mergeThreeWay(conflict.base.text, conflict.current.text, fixed);
    expect(merged).toEqual({ clean: true, text: fixed });
    const saved = await saveEdit(deps, ada, EN, { title: "Sun", text: merged.text, summary: "", minor: false, baseRevisionId: conflict.current.revisionId, section: null });
    expect(saved.status).toBe("saved");
    expect((await wikiPage("Sun")).source).toBe(fixed);
  });
});

describe("sections and appending through the Action API", () => {
  it("edits one section with a CSRF token", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    const loaded = await loadDraft(deps, ada, EN, "Solar System", 1);
    if (loaded.status !== "ok") throw new Error(loaded.message);
    expect(loaded.draft.text.startsWith("==")).toBe(true);
    const before = (await wikiPage("Solar System")).source;
    const text = `${loaded.draft.text}\n\nAda's line in section one.`;
    const saved = await saveEdit(deps, ada, EN, { title: "Solar System", text, summary: "Section edit", minor: true, baseRevisionId: loaded.draft.baseRevisionId, section: 1 });
    expect(saved.status).toBe("saved");
    const after = (await wikiPage("Solar System")).source;
    expect(after).toBe(replaceSection(before, 1, text));
    expect(extractSection(after, 1)).toBe(text);
    // One POSTed action=edit (a write), and no REST PUT.
    const writes = await sandboxRequests("api/edit");
    expect(writes.map(({ method, path, status }) => ({ method, path, status }))).toEqual([{ method: "POST", path: "/en.wikipedia.org/w/api.php", status: 200 }]);
    expect(await sandboxRequests("rest/page/put")).toEqual([]);
  });

  it("a conflicting section edit is shown as whole-page texts", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    const loaded = await loadDraft(deps, ada, EN, "Solar System", 1);
    if (loaded.status !== "ok") throw new Error(loaded.message);
    const before = (await wikiPage("Solar System")).source;
    const section = loaded.draft.text;
    const anaText = before.replace(section, `${section} Ana.`);
    await anaEdits("Solar System", anaText);
    const mine = `${section} Ada.`;
    const outcome = await saveEdit(deps, ada, EN, { title: "Solar System", text: mine, summary: "", minor: false, baseRevisionId: loaded.draft.baseRevisionId, section: 1 });
    expect(outcome).toMatchObject({ status: "conflict", base: { text: before }, current: { text: anaText }, mine: replaceSection(before, 1, mine) });
  });

  it("adds a new section at the end", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    const saved = await addSection(deps, ada, EN, { title: "Talk:Moon", sectionTitle: "A question", text: "Is the Moon made of cheese? ~~~~" });
    expect(saved.status).toBe("saved");
    const page = await wikiPage("Talk:Moon");
    expect(page.source).toMatch(/== A question ==\n\nIs the Moon made of cheese\?/);
  });
});

describe("a save whose outcome is unknown", () => {
  const MAYBE_SAVED = "It may have been saved all the same: check the page's history before you save again.";

  it("a cut-off answer to a new section: the section is on the wiki, so the message says to check first", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    await sb.control("POST", "/faults", { endpoint: "api/edit", kind: "truncated" });
    const outcome = await addSection(deps, ada, EN, { title: "Talk:Moon", sectionTitle: "Cut off", text: "Did this save?" });
    expect(outcome).toMatchObject({ status: "error", code: "bad_response" });
    expect(outcome.status === "error" && outcome.message).toBe(
      `en.wikipedia.org sent an answer about your edit that Wikiport could not read. ${MAYBE_SAVED}`,
    );
    expect((await wikiPage("Talk:Moon")).source).toContain("== Cut off ==");
  });

  it("no answer to a REST save within the request timeout", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    const loaded = await loadDraft(deps, ada, EN, "Moon", null);
    if (loaded.status !== "ok") throw new Error(loaded.message);
    await sb.control("POST", "/faults", { endpoint: "rest/page/put", kind: "hang", delayMs: 5_000 });
    const outcome = await saveEdit(deps, ada, EN, { title: "Moon", text: `${loaded.draft.text}\nx`, summary: "", minor: false, baseRevisionId: loaded.draft.baseRevisionId, section: null });
    expect(outcome).toMatchObject({ status: "error", code: "timeout", message: `en.wikipedia.org did not confirm your edit in time. ${MAYBE_SAVED}` });
  });

  it("a CSRF token that could not be fetched: nothing was sent, so the usual sentence", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    await sb.control("POST", "/faults", { endpoint: "api/query/tokens", kind: "truncated" });
    const outcome = await saveEdit(deps, ada, EN, { title: "Solar System", text: "== S ==\nx", summary: "", minor: false, baseRevisionId: null, section: 1 });
    expect(outcome).toMatchObject({ status: "error", code: "bad_response" });
    expect(outcome.status === "error" && outcome.message).not.toContain("may have been saved");
    const edits = (await sb.control("GET", "/requests?endpoint=api/edit")).requests as unknown[];
    expect(edits).toEqual([]);
  });
});

describe("refusals, each with a stable code and a sentence", () => {
  it("blocked", async () => {
    const { vault, deps } = setup();
    const blake = await signIn(vault, DEMO_USERS.blocked);
    const loaded = await loadDraft(deps, blake, EN, "Moon", null);
    if (loaded.status !== "ok") throw new Error(loaded.message);
    const outcome = await saveEdit(deps, blake, EN, { title: "Moon", text: `${loaded.draft.text}\nx`, summary: "", minor: false, baseRevisionId: loaded.draft.baseRevisionId, section: null });
    expect(errorCode(outcome)).toBe("blocked");
    expect((outcome as { message: string }).message).toContain("You are blocked from editing");
    const section = await saveEdit(deps, blake, EN, { title: "Moon", text: "x", summary: "", minor: false, baseRevisionId: loaded.draft.baseRevisionId, section: 0 });
    expect(errorCode(section)).toBe("blocked");
  });

  it("protected (Main Page, as Ada)", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    const loaded = await loadDraft(deps, ada, EN, "Main Page", null);
    if (loaded.status !== "ok") throw new Error(loaded.message);
    const outcome = await saveEdit(deps, ada, EN, { title: "Main Page", text: `${loaded.draft.text}\nx`, summary: "", minor: false, baseRevisionId: loaded.draft.baseRevisionId, section: null });
    expect(errorCode(outcome)).toBe("protected");
    const section = await addSection(deps, ada, EN, { title: "Main Page", sectionTitle: "x", text: "y" });
    expect(errorCode(section)).toBe("protected");
  });

  it("AbuseFilter", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    const loaded = await loadDraft(deps, ada, EN, "Moon", null);
    if (loaded.status !== "ok") throw new Error(loaded.message);
    const outcome = await saveEdit(deps, ada, EN, { title: "Moon", text: `${loaded.draft.text}\nbuy cheap watches`, summary: "", minor: false, baseRevisionId: loaded.draft.baseRevisionId, section: null });
    expect(errorCode(outcome)).toBe("abuse_filter");
    const appended = await addSection(deps, ada, EN, { title: "Talk:Moon", sectionTitle: "Deal", text: "buy cheap watches" });
    expect(errorCode(appended)).toBe("abuse_filter");
  });

  it("captcha for a newcomer's external link", async () => {
    const { vault, deps } = setup();
    const nico = await signIn(vault, DEMO_USERS.newcomer);
    const loaded = await loadDraft(deps, nico, EN, "Moon", null);
    if (loaded.status !== "ok") throw new Error(loaded.message);
    const text = `${loaded.draft.text}\n[https://spam.example.org/ a link]`;
    const outcome = await saveEdit(deps, nico, EN, { title: "Moon", text, summary: "", minor: false, baseRevisionId: loaded.draft.baseRevisionId, section: null });
    expect(errorCode(outcome)).toBe("captcha");
    const viaAction = await addSection(deps, nico, EN, { title: "Talk:Moon", sectionTitle: "Link", text: "[https://spam.example.org/ a link]" });
    expect(errorCode(viaAction)).toBe("captcha");
  });

  it("rate limited after a newcomer's quick edits", async () => {
    const { vault, deps } = setup();
    const nico = await signIn(vault, DEMO_USERS.newcomer);
    const outcomes: string[] = [];
    for (let i = 1; i <= 9; i++) {
      const outcome = await addSection(deps, nico, EN, { title: "Talk:Sun", sectionTitle: `Note ${i}`, text: `Note number ${i}.` });
      outcomes.push(outcome.status === "error" ? outcome.code : outcome.status);
    }
    expect(outcomes).toEqual([...Array<string>(8).fill("saved"), "rate_limited"]);
  });

  it("reconnect needed after the grant is revoked", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    const loaded = await loadDraft(deps, ada, EN, "Moon", null);
    if (loaded.status !== "ok") throw new Error(loaded.message);
    await sb.control("POST", "/grants/revoke", { user: "Ada Editor", clientId: WIKIPORT_CLIENT.key });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const outcome = await saveEdit(deps, ada, EN, { title: "Moon", text: `${loaded.draft.text}\nx`, summary: "", minor: false, baseRevisionId: loaded.draft.baseRevisionId, section: null });
    warn.mockRestore();
    expect(errorCode(outcome)).toBe("reconnect_needed");
    expect((outcome as { message: string }).message).toContain("Sign in with Wikimedia again");
  });
});

describe("watchlist", () => {
  it("watches, lists and unwatches", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    expect(await isWatched(deps, ada, EN, "Sun")).toEqual({ ok: true, watched: false });
    expect(await setWatched(deps, ada, EN, "Sun", true)).toEqual({ ok: true, title: "Sun", watched: true });
    expect(await isWatched(deps, ada, EN, "Sun")).toEqual({ ok: true, watched: true });
    const listed = await listWatched(deps, ada, EN);
    if (!listed.ok) throw new Error(listed.message);
    expect(listed.pages).toContainEqual({ ns: 0, title: "Sun" });
    expect(await setWatched(deps, ada, EN, "Sun", false)).toEqual({ ok: true, title: "Sun", watched: false });
    const after = await listWatched(deps, ada, EN);
    if (!after.ok) throw new Error(after.message);
    expect(after.pages).not.toContainEqual({ ns: 0, title: "Sun" });
  });

  it("a revoked grant is reconnect_needed", async () => {
    const { vault, deps } = setup();
    const ada = await signIn(vault);
    await sb.control("POST", "/grants/revoke", { user: "Ada Editor", clientId: WIKIPORT_CLIENT.key });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const outcome = await setWatched(deps, ada, EN, "Sun", true);
    warn.mockRestore();
    expect(outcome).toMatchObject({ ok: false, code: "reconnect_needed" });
  });
});
