/**
 * Undo from the activity log, against the sandbox over HTTP: the wiki reverts the change against the
 * page as it is now, keeps later edits elsewhere, and refuses in words when later edits touched the
 * same lines.
 */
import { describe, expect, it } from "vitest";
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
import { saveEdit, type EditDeps } from "./save";
import { undoEdit } from "./undo";

const sb = useSandbox();
const testDb = useTestDb();

const EN = siteOf("en.wikipedia.org");

async function signedIn(): Promise<{ deps: EditDeps; ada: Credential }> {
  const oauthUrl = `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
  const tokens = createTokenClient({ oauthUrl, clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test" });
  const vault = createVault({ db: testDb.db, keyRing: randomKeyRing(), tokens, oauthServer: oauthUrl, refreshSkewSeconds: 120, log });
  const http = createWikimediaHttp({ wikiUrlTemplate: `${sb.url}/{host}/w`, userAgent: "Wikiport/test (undo tests)", requestTimeoutMs: 2_000 });
  const userId = (await testDb.db.insert(users).values({ name: DEMO_USERS.editor.name }).returning())[0]!.id;
  const issued = await wikiportTokens(sb, DEMO_USERS.editor);
  await vault.storeTokens({
    userId, wikimediaUserId: "1", accessToken: issued.access_token, refreshToken: issued.refresh_token,
    expiresInSeconds: issued.expires_in, scopes: ["basic", "editpage", "createeditmovepage"],
  });
  return { deps: { rest: createRestClient({ http }), action: createActionClient({ http }) }, ada: userCredential(vault, userId) };
}

async function source(title: string): Promise<{ source: string; latest: { id: number } }> {
  const response = await fetch(`${sb.wiki()}/rest.php/v1/page/${encodeURIComponent(title)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { source: string; latest: { id: number } };
}

/** Ana Admin edits the page too, through REST like any other client. */
async function anaSets(title: string, text: string): Promise<void> {
  const token = await sb.token("Ana Admin");
  const response = await fetch(`${sb.wiki()}/rest.php/v1/page/${encodeURIComponent(title)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ source: text, comment: "Ana's change", latest: { id: (await source(title)).latest.id } }),
  });
  expect(response.status).toBe(200);
}

/** A page of three lines, then Ada's edit of the middle one; answers her revision. */
async function adaEdits(deps: EditDeps, ada: Credential, title: string): Promise<number> {
  const created = await saveEdit(deps, ada, EN, { title, text: "one\n\ntwo\n\nthree", summary: "new", minor: false, baseRevisionId: null, section: null });
  expect(created.status).toBe("saved");
  const base = (await source(title)).latest.id;
  const saved = await saveEdit(deps, ada, EN, { title, text: "one\n\nTWO\n\nthree", summary: "louder", minor: false, baseRevisionId: base, section: null });
  if (saved.status !== "saved") throw new Error(`not saved: ${saved.status}`);
  return saved.revisionId!;
}

describe("undoing an edit", () => {
  it("reverts the edit with action=edit&undo, as a new revision tagged mw-undo with the wiki's own summary", async () => {
    const { deps, ada } = await signedIn();
    const revision = await adaEdits(deps, ada, "Undo_test_plain");

    const outcome = await undoEdit(deps, ada, EN, { title: "Undo test plain", revisionId: revision });

    expect(outcome).toMatchObject({ status: "undone", title: "Undo test plain" });
    const page = await source("Undo_test_plain");
    expect(page.source).toBe("one\n\ntwo\n\nthree");
    expect(outcome.status === "undone" && outcome.revisionId).toBe(page.latest.id);
    const history = await fetch(
      `${sb.wiki()}/api.php?action=query&prop=revisions&titles=Undo_test_plain&rvprop=ids|comment|tags&rvlimit=1&format=json&formatversion=2`,
    );
    const latest = ((await history.json()) as { query: { pages: { revisions: { comment: string; tags: string[] }[] }[] } }).query.pages[0]!.revisions[0]!;
    expect(latest.tags).toContain("mw-undo");
    // The wiki's own summary (MediaWiki's undo-summary message; its wording varies between versions).
    expect(latest.comment).toMatch(/^Undo revision .*\b\d+\b.* by \[\[Special:Contributions\/Ada Editor\|Ada Editor\]\]/);
    expect(latest.comment).toContain(String(revision));
  });

  it("keeps later edits to other lines: the reversal is merged into the current text", async () => {
    const { deps, ada } = await signedIn();
    const revision = await adaEdits(deps, ada, "Undo_test_merge");
    await anaSets("Undo_test_merge", "one\n\nTWO\n\nthree, and more");

    const outcome = await undoEdit(deps, ada, EN, { title: "Undo test merge", revisionId: revision });

    expect(outcome.status).toBe("undone");
    expect((await source("Undo_test_merge")).source).toBe("one\n\ntwo\n\nthree, and more");
  });

  it("answers undo_failed in words when later edits changed the same lines, and changes nothing", async () => {
    const { deps, ada } = await signedIn();
    const revision = await adaEdits(deps, ada, "Undo_test_conflict");
    await anaSets("Undo_test_conflict", "one\n\nTWO!\n\nthree");
    const before = (await source("Undo_test_conflict")).latest.id;

    const outcome = await undoEdit(deps, ada, EN, { title: "Undo test conflict", revisionId: revision });

    expect(outcome).toEqual({
      status: "error",
      code: "undo_failed",
      message: "This edit cannot be undone automatically: later edits changed the same lines. Open the page's editor to change it by hand.",
      params: { host: "en.wikipedia.org" },
    });
    expect((await source("Undo_test_conflict")).latest.id).toBe(before);
  });

  it("refuses a revision of another page instead of reverting something else", async () => {
    const { deps, ada } = await signedIn();
    const revision = await adaEdits(deps, ada, "Undo_test_own");
    await adaEdits(deps, ada, "Undo_test_other");

    const outcome = await undoEdit(deps, ada, EN, { title: "Undo test other", revisionId: revision });

    expect(outcome).toMatchObject({ status: "error", code: "api_error" });
    expect((await source("Undo_test_other")).source).toBe("one\n\nTWO\n\nthree");
  });
});
