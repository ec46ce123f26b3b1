import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { useTestDb } from "@/db/testing";
import { setWatched } from "@/lib/edits/watch";
import { saveEdit, loadDraft } from "@/lib/edits/save";
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
import { createHtmlCache } from "./html-cache";
import { mediaPrefixFor } from "./media";
import type { Article } from "./read";
import { createKnownPages, readArticleAsUser, type SignedInReadDeps } from "./signed-in-read";

const sb = useSandbox();
const testDb = useTestDb();
const EN = siteOf("en.wikipedia.org");

interface Logged {
  seq: number;
  method: string;
  path: string;
  endpoint: string;
  status: number;
  credential: string | null;
}

function setup() {
  const oauthUrl = `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
  const tokens = createTokenClient({ oauthUrl, clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test" });
  const vault = createVault({ db: testDb.db, keyRing: randomKeyRing(), tokens, oauthServer: oauthUrl, refreshSkewSeconds: 120, log });
  const wikiUrlTemplate = `${sb.url}/{host}/w`;
  const http = createWikimediaHttp({ wikiUrlTemplate, userAgent: "Wikiport/test (signed-in read tests)", requestTimeoutMs: 10_000 });
  const rest = createRestClient({ http });
  const action = createActionClient({ http });
  const deps: SignedInReadDeps = {
    rest,
    action,
    wikiUrlTemplate,
    mediaPrefix: mediaPrefixFor({ mode: "sandbox", sandboxUrl: sb.url }),
    cache: createHtmlCache(),
    known: createKnownPages(),
  };
  async function signIn(user: { name: string; password: string }): Promise<Credential> {
    const userId = (await testDb.db.insert(users).values({ name: user.name }).returning())[0]!.id;
    const issued = await wikiportTokens(sb, user);
    await vault.storeTokens({
      userId, wikimediaUserId: String(userId), accessToken: issued.access_token, refreshToken: issued.refresh_token,
      expiresInSeconds: issued.expires_in,
      scopes: ["basic", "editpage", "createeditmovepage", "editmywatchlist", "viewmywatchlist"],
    });
    return userCredential(vault, userId);
  }
  return { deps, edit: { rest, action }, signIn };
}

async function mark(): Promise<number> {
  const { requests } = (await sb.control("GET", "/requests")) as { requests: Logged[] };
  return Math.max(0, ...requests.map((entry) => entry.seq));
}

async function requestsSince(seq: number): Promise<Logged[]> {
  return ((await sb.control("GET", `/requests?since=${seq}`)) as { requests: Logged[] }).requests;
}

async function view(deps: SignedInReadDeps, as: Credential, title: string): Promise<{ article: Article; watched: boolean | null }> {
  const { result, watched } = await readArticleAsUser(deps, as, EN, title);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return { article: result.value, watched };
}

/** Saves `line` at the end of the page through Wikiport's own edit path (lib/edits/save.ts). */
async function editThroughWikiport(edit: ReturnType<typeof setup>["edit"], as: Credential, title: string, line: string): Promise<number> {
  const loaded = await loadDraft(edit, as, EN, title, null);
  if (loaded.status !== "ok") throw new Error(loaded.message);
  const saved = await saveEdit(edit, as, EN, {
    title, text: `${loaded.draft.text}\n\n${line}`, summary: "A test line", minor: false, baseRevisionId: loaded.draft.baseRevisionId, section: null,
  });
  if (saved.status !== "saved" || saved.revisionId === null) throw new Error(`The edit was not saved: ${JSON.stringify(saved)}`);
  return saved.revisionId;
}

describe("a signed-in reader's article view", () => {
  it("costs one upstream request once warm: a revision check with the reader's own token, no page body", async () => {
    const { deps, signIn } = setup();
    const ada = await signIn(DEMO_USERS.editor);
    const first = await view(deps, ada, "Solar_System");
    const before = await mark();
    const second = await view(deps, ada, "Solar_System");
    const upstream = await requestsSince(before);
    expect(upstream.map(({ method, endpoint, status, credential }) => ({ method, endpoint, status, credential }))).toEqual([
      { method: "GET", endpoint: "api/query", status: 200, credential: "user:Ada Editor" },
    ]);
    expect(second.article).toEqual(first.article);
    expect(second.article.html).toContain("Solar");
  });

  it("shows the reader's own edit, made through Wikiport, on the very next view", async () => {
    const { deps, edit, signIn } = setup();
    const ada = await signIn(DEMO_USERS.editor);
    const before = await view(deps, ada, "Moon");
    const revisionId = await editThroughWikiport(edit, ada, "Moon", "Ada's fresh sentence about the Moon.");
    const after = await view(deps, ada, "Moon");
    expect(before.article.html).not.toContain("Ada's fresh sentence");
    expect(after.article.revisionId).toBe(revisionId);
    expect(after.article.html).toContain("Ada's fresh sentence about the Moon.");
  });

  it("shows another user's edit on the reader's very next view", async () => {
    const { deps, edit, signIn } = setup();
    const ada = await signIn(DEMO_USERS.editor);
    const ana = await signIn(DEMO_USERS.admin);
    await view(deps, ada, "Moon");
    await view(deps, ada, "Moon");
    const revisionId = await editThroughWikiport(edit, ana, "Moon", "Ana's note on lunar tides.");
    const after = await view(deps, ada, "Moon");
    expect(after.article.revisionId).toBe(revisionId);
    expect(after.article.html).toContain("Ana's note on lunar tides.");
  });

  it("follows a redirect's new target at once when the redirect is changed", async () => {
    const { deps, edit, signIn } = setup();
    const ada = await signIn(DEMO_USERS.editor);
    const first = await view(deps, ada, "Planet_Earth");
    expect(first.article).toMatchObject({ title: "Earth", redirectedFrom: "Planet Earth" });
    const loaded = await loadDraft(edit, ada, EN, "Planet_Earth", null);
    if (loaded.status !== "ok") throw new Error(loaded.message);
    // The draft is the redirect page itself (loadDraft follows no redirect), so this retargets it.
    const saved = await saveEdit(edit, ada, EN, {
      title: "Planet_Earth", text: "#REDIRECT [[Moon]]", summary: "Retarget", minor: false, baseRevisionId: loaded.draft.baseRevisionId, section: null,
    });
    expect(saved.status).toBe("saved");
    const after = await view(deps, ada, "Planet_Earth");
    expect(after.article).toMatchObject({ title: "Moon", redirectedFrom: "Planet Earth" });
  });

  it("never shows one reader another's data: each asks the wiki with their own token and gets their own watch state", async () => {
    const { deps, edit, signIn } = setup();
    const ada = await signIn(DEMO_USERS.editor);
    const nico = await signIn(DEMO_USERS.newcomer);
    const watch = await setWatched(edit, ada, EN, "Moon", true);
    expect(watch).toMatchObject({ ok: true, watched: true });
    const adaView = await view(deps, ada, "Moon");
    const before = await mark();
    const nicoView = await view(deps, nico, "Moon");
    expect(adaView.watched).toBe(true);
    expect(nicoView.watched).toBe(false);
    expect(nicoView.article.html).toBe(adaView.article.html);
    const upstream = await requestsSince(before);
    expect(upstream.map(({ endpoint, credential }) => ({ endpoint, credential }))).toEqual([{ endpoint: "api/query", credential: "user:Nico Newcomer" }]);
  });

  it("does not show a page another reader read to a reader the wiki refuses", async () => {
    const { deps, signIn } = setup();
    const ada = await signIn(DEMO_USERS.editor);
    const nico = await signIn(DEMO_USERS.newcomer);
    await view(deps, ada, "Moon");
    await sb.control("POST", "/faults", { endpoint: "api/query", kind: "status", status: 500, user: "Nico Newcomer" });
    const refused = await readArticleAsUser(deps, nico, EN, "Moon");
    expect(refused).toMatchObject({ result: { ok: false, error: { code: "wikimedia_unavailable" } }, watched: null });
    const upstream = await requestsSince(0);
    expect(upstream.filter((entry) => entry.endpoint === "rest/page/with_html").map((entry) => entry.credential)).toEqual(["user:Ada Editor"]);
  });

  it("keeps pages bounded in bytes, not only in number", () => {
    const known = createKnownPages({ maxSize: 10_000 });
    const article = (html: string): Article => ({
      title: "T", key: "T", displayTitle: "T", revisionId: 1, html, redirectedFrom: null, lang: "en", dir: "ltr",
      licence: { title: "L", url: "https://l" }, credit: null, lastModified: "2026-01-01T00:00:00Z", wikiUrl: "https://w",
    });
    known.set("a", { revisionId: 1, touched: "t", article: article("x".repeat(6_000)) });
    known.set("b", { revisionId: 2, touched: "t", article: article("y".repeat(6_000)) });
    expect(known.has("a")).toBe(false);
    expect(known.has("b")).toBe(true);
    expect(known.calculatedSize).toBeLessThanOrEqual(10_000);
  });
});
