import { describe, expect, it, vi } from "vitest";
import { useTestDb } from "@/db/testing";
import { DEMO_USERS, WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { appCredential, createAppToken } from "./app-token";
import { sandboxVault, signInToVault } from "@/lib/grants/testing";
import { failure, siteOf } from "./testing";
import { anonymousCredential, createWikimediaHttp, type Credential } from "./http";
import { createRestClient } from "./rest";

const sb = useSandbox();
const testDb = useTestDb();

const EN = siteOf("en.wikipedia.org");

function setup() {
  const { vault, tokens } = sandboxVault(sb, testDb.db);
  // The production timeout: on a loaded machine a first read (app token, first render) can take over 2 s.
  // The timeout test below sets its own deadline.
  const http = createWikimediaHttp({ wikiUrlTemplate: `${sb.url}/{host}/w`, userAgent: "Wikiport/test (rest tests)" });
  return { vault, rest: createRestClient({ http }), visitor: appCredential(createAppToken({ tokens })) };
}

async function signIn(vault: ReturnType<typeof setup>["vault"], user: { name: string; password: string } = DEMO_USERS.editor): Promise<Credential> {
  return (await signInToVault(sb, testDb.db, vault, user)).as;
}


async function requests(endpoint: string): Promise<{ status: number; details: Record<string, unknown> }[]> {
  return (await sb.control("GET", `/requests?endpoint=${encodeURIComponent(endpoint)}`)).requests;
}

describe("reading with the app token and with a user token", () => {
  it("reads source, HTML, history and search as a visitor", async () => {
    const { rest, visitor } = setup();
    const page = await rest.getPageSource(visitor, EN, "Solar System");
    expect(page).toMatchObject({ title: "Solar System", key: "Solar_System", contentModel: "wikitext", redirectedFrom: null });
    expect(page.source.length).toBeGreaterThan(100);
    expect(page.latest.id).toBeGreaterThan(0);

    const html = await rest.getPageWithHtml(visitor, EN, "Solar System");
    expect(html).toMatchObject({ title: "Solar System", redirectedFrom: null, latest: page.latest });
    expect(html.html).toContain("Solar System");

    const history = await rest.getHistory(visitor, EN, "Solar System");
    expect(history.revisions[0]?.id).toBe(page.latest.id);
    expect(history.revisions).toHaveLength(20);
    expect(history.olderThan).toBe(history.revisions[19]!.id);
    const older = await rest.getHistory(visitor, EN, "Solar System", { olderThan: history.olderThan! });
    expect(older.revisions.length).toBeGreaterThan(0);
    expect(older.revisions.every((revision) => revision.id < history.olderThan!)).toBe(true);
    expect(older.newerThan).toBe(older.revisions[0]!.id);

    const hits = await rest.search(visitor, EN, "moon", { limit: 5 });
    expect(hits.map((hit) => hit.title)).toContain("Moon");

    const issued = (await requests("oauth2/access_token")).filter((r) => r.details.grantType === "client_credentials");
    expect(issued).toHaveLength(1);
  });

  it("reads as a signed-in user", async () => {
    const { vault, rest } = setup();
    const ada = await signIn(vault);
    const page = await rest.getPageWithHtml(ada, EN, "Moon");
    expect(page.title).toBe("Moon");
    expect(page.html).toContain("<html");
  });

  it("maps a missing page and an invalid title", async () => {
    const { rest } = setup();
    expect((await failure(rest.getPageSource(anonymousCredential, EN, "No such page here"))).code).toBe("not_found");
    expect((await failure(rest.getPageSource(anonymousCredential, EN, "Bad[title]"))).code).toBe("invalid_title");
  });
});

describe("title normalization and wiki redirects", () => {
  it("follows the 301 to the normalized title (relative Location)", async () => {
    const { rest } = setup();
    const page = await rest.getPageSource(anonymousCredential, EN, "solar System");
    expect(page.title).toBe("Solar System");
    expect((await requests("rest/page")).map((r) => r.status)).toEqual([301, 200]);
  });

  it("follows redirect_target for source, once", async () => {
    const { rest } = setup();
    const page = await rest.getPageSource(anonymousCredential, EN, "Planet Earth");
    expect(page).toMatchObject({ title: "Earth", redirectedFrom: "Planet Earth" });
    const unfollowed = await rest.getPageSource(anonymousCredential, EN, "Planet Earth", { followRedirect: false });
    expect(unfollowed.title).toBe("Planet Earth");
  });

  it("follows the 307 for HTML and says where it came from", async () => {
    const { rest } = setup();
    const html = await rest.getPageWithHtml(anonymousCredential, EN, "planet Earth");
    expect(html).toMatchObject({ title: "Earth", redirectedFrom: "Planet Earth" });
    expect((await requests("rest/page/with_html")).map((r) => r.status)).toEqual([301, 307, 200]);
  });
});

describe("writing with PUT", () => {
  it("updates with latest.id and reports a conflict with base and current revisions", async () => {
    const { vault, rest } = setup();
    const ada = await signIn(vault);
    const before = await rest.getPageSource(ada, EN, "Moon");

    const saved = await rest.putPage(ada, EN, "Moon", { source: `${before.source}\n\nAda was here.`, comment: "test", latestRevisionId: before.latest.id });
    expect(saved.created).toBe(false);
    expect(saved.page.latest.id).toBeGreaterThan(before.latest.id);

    // Ana changes the first line; Ada, still on the old base, changes the same line.
    const ana = await sb.token(DEMO_USERS.admin.name);
    const anaPut = await fetch(`${sb.url}/en.wikipedia.org/w/rest.php/v1/page/Moon`, {
      method: "PUT",
      headers: { authorization: `Bearer ${ana}`, "content-type": "application/json" },
      body: JSON.stringify({ source: `Ana's first line.\n${saved.page.source}`, comment: "ana", latest: { id: saved.page.latest.id } }),
    });
    expect(anaPut.status).toBe(200);
    const current = ((await anaPut.json()) as { latest: { id: number } }).latest.id;

    const error = await failure(
      rest.putPage(ada, EN, "Moon", { source: `Ada's first line.\n${saved.page.source}`, comment: "ada", latestRevisionId: saved.page.latest.id }),
    );
    // Wikimedia's 409 names no revisions (docs/wikimedia-protocol.md §6.6); the caller reads the page again.
    expect(error).toMatchObject({ code: "edit_conflict", status: 409, conflict: { baseRevisionId: null, currentRevisionId: null } });
    expect(current).toBeGreaterThan(saved.page.latest.id);
    expect(error.message).toMatch(/Someone else changed this page/);
  });

  it("creates with PUT without latest, then refuses a second create as page_exists", async () => {
    const { vault, rest } = setup();
    const ada = await signIn(vault);
    const created = await rest.putPage(ada, EN, "Wikiport test page", { source: "Hello.", comment: "create" });
    expect(created).toMatchObject({ created: true, page: { title: "Wikiport test page", source: "Hello." } });
    expect((await failure(rest.putPage(ada, EN, "Wikiport test page", { source: "Again.", comment: "create" }))).code).toBe("page_exists");
  });

  it("maps protection, blocks and a CAPTCHA's soft failure on REST writes", async () => {
    const { vault, rest } = setup();
    const ada = await signIn(vault);
    const main = await rest.getPageSource(ada, EN, "Main Page");
    expect((await failure(rest.putPage(ada, EN, "Main Page", { source: "x", comment: "", latestRevisionId: main.latest.id }))).code).toBe("protected");

    const blake = await signIn(vault, DEMO_USERS.blocked);
    const moon = await rest.getPageSource(blake, EN, "Moon");
    const blocked = await failure(rest.putPage(blake, EN, "Moon", { source: `${moon.source}\nx`, comment: "", latestRevisionId: moon.latest.id }));
    expect(blocked).toMatchObject({ code: "blocked", apiCode: "blocked" });

    const nico = await signIn(vault, DEMO_USERS.newcomer);
    const captcha = await failure(
      rest.putPage(nico, EN, "Moon", { source: `${moon.source}\nSee https://spam.example/`, comment: "", latestRevisionId: moon.latest.id }),
    );
    expect(captcha.code).toBe("captcha");
  });

  it("faults on a write: hang → timeout, html → unavailable, truncated → bad_response", async () => {
    const { vault, rest } = setup();
    const ada = await signIn(vault);
    const moon = await rest.getPageSource(ada, EN, "Moon");
    const put = (deadline?: number) =>
      rest.putPage(ada, EN, "Moon", { source: `${moon.source}\n${Math.random()}`, comment: "", latestRevisionId: moon.latest.id, ...(deadline ? { deadline } : {}) });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await sb.control("POST", "/faults", { endpoint: "rest/page/put", kind: "hang" });
    expect((await failure(put(Date.now() + 500))).code).toBe("timeout");
    await sb.control("POST", "/faults", { endpoint: "rest/page/put", kind: "html", status: 503 });
    expect((await failure(put())).code).toBe("wikimedia_unavailable");
    await sb.control("POST", "/faults", { endpoint: "rest/page/put", kind: "truncated" });
    expect((await failure(put())).code).toBe("bad_response");
    warn.mockRestore();
  });
});

describe("a revoked grant", () => {
  it("is refreshed once after the rejected token, then reported as reconnect_needed", async () => {
    const { vault, rest } = setup();
    const ada = await signIn(vault);
    await sb.control("POST", "/grants/revoke", { user: DEMO_USERS.editor.name, clientId: WIKIPORT_CLIENT.key });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = await failure(rest.getPageSource(ada, EN, "Earth"));
    warn.mockRestore();
    expect(error.code).toBe("reconnect_needed");
    expect(error.message).toMatch(/Sign in with Wikimedia again/);
    const refreshes = (await requests("oauth2/access_token")).filter((r) => r.details.grantType === "refresh_token");
    expect(refreshes).toHaveLength(1);
    expect((await requests("rest/page")).map((r) => r.status)).toEqual([403]);
  });
});

describe("an access token that expires mid-request", () => {
  it("is refreshed once through the vault and the request retried once", async () => {
    const { vault, rest } = setup();
    const ada = await signIn(vault);
    // The wiki's clock passes the token's expiry while Wikiport still believes it fresh (clock skew, or
    // a token revoked early): the wiki answers 403 mwoauth-invalid-authorization.
    await sb.control("POST", "/clock", { advanceSeconds: 4 * 3600 + 60 });
    const page = await rest.getPageSource(ada, EN, "Moon");
    expect(page.title).toBe("Moon");
    const refreshes = (await requests("oauth2/access_token")).filter((r) => r.details.grantType === "refresh_token");
    expect(refreshes).toHaveLength(1);
    expect((await requests("rest/page")).map((r) => r.status)).toEqual([403, 200]);
  });
});
