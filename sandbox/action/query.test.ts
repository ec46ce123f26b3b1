import { beforeEach, describe, expect, it } from "vitest";
import { useSandbox } from "../testing";
import { callApi, createPages } from "./api-client";

const sb = useSandbox();
const api = (params: Record<string, string>, call?: Parameters<typeof callApi>[2]) => callApi(sb.wiki(), params, call);

beforeEach(async () => {
  const ana = await sb.token("Ana Admin");
  await createPages(sb.wiki(), ana, {
    "Zyx alpha": "Quokkas are small marsupials.",
    "Zyx beta": "Another quokka page.",
    "Zyx redirect": "#REDIRECT [[Zyx alpha]]",
  });
  // A short history for enumeration tests.
  await createPages(sb.wiki(), ana, { "Zyx alpha": "Quokkas are small marsupials. Revised." });
  await createPages(sb.wiki(), ana, { "Zyx alpha": "Quokkas are small marsupials. Revised twice." });
});

describe("action=query pages", () => {
  it("normalizes titles and follows redirects with redirects=1", async () => {
    const reply = await api({ action: "query", titles: "zyx_redirect", redirects: "1", prop: "info", formatversion: "2" });
    expect(reply.body.query.normalized).toEqual([{ fromencoded: false, from: "zyx_redirect", to: "Zyx redirect" }]);
    expect(reply.body.query.redirects).toEqual([{ from: "Zyx redirect", to: "Zyx alpha" }]);
    expect(reply.body.query.pages[0]).toMatchObject({ title: "Zyx alpha", contentmodel: "wikitext", length: expect.any(Number) });
  });

  it("says whether the viewer may read a page (intestactions), with the latest revision and touched time", async () => {
    const reply = await api({ action: "query", titles: "Zyx alpha|Zyx nowhere", prop: "info", intestactions: "read", formatversion: "2" });
    expect(reply.body.warnings).toBeUndefined();
    const byTitle = (title: string) => reply.body.query.pages.find((page: { title: string }) => page.title === title);
    expect(byTitle("Zyx alpha")).toMatchObject({ title: "Zyx alpha", actions: { read: true }, lastrevid: expect.any(Number), touched: expect.stringMatching(/Z$/) });
    expect(byTitle("Zyx nowhere")).toMatchObject({ missing: true, actions: { read: true } });
  });

  it("marks redirects, invalid titles and unknown page ids", async () => {
    const redirect = await api({ action: "query", titles: "Zyx redirect|Bad[title", prop: "info", formatversion: "2" });
    expect(redirect.body.query.pages).toContainEqual(expect.objectContaining({ title: "Zyx redirect", redirect: true }));
    expect(redirect.body.query.pages).toContainEqual(expect.objectContaining({ title: "Bad[title", invalid: true }));
    const ids = await api({ action: "query", pageids: "999999", formatversion: "2" });
    expect(ids.body.query.pages).toEqual([{ pageid: 999999, missing: true }]);
  });

  it("shows the latest revision in slot form, and the legacy form with a warning without rvslots", async () => {
    const slots = await api({ action: "query", titles: "Zyx alpha", prop: "revisions", rvprop: "content|ids|user|size", rvslots: "main", formatversion: "2" });
    const revision = slots.body.query.pages[0].revisions[0];
    expect(revision).toMatchObject({ user: "Ana Admin", slots: { main: { contentmodel: "wikitext", contentformat: "text/x-wiki", content: "Quokkas are small marsupials. Revised twice." } } });
    expect(revision.parentid).toBeGreaterThan(0);
    const legacy = await api({ action: "query", titles: "Zyx alpha", prop: "revisions", rvprop: "content" });
    const page = Object.values(legacy.body.query.pages)[0] as { revisions: Record<string, unknown>[] };
    expect(page.revisions[0]!["*"]).toBe("Quokkas are small marsupials. Revised twice.");
    expect(legacy.body.warnings.revisions["*"]).toContain('"rvslots" was not specified');
  });

  it("enumerates history with rvlimit and continues", async () => {
    const first = await api({ action: "query", titles: "Zyx alpha", prop: "revisions", rvlimit: "2", formatversion: "2" });
    expect(first.body.query.pages[0].revisions).toHaveLength(2);
    expect(first.body.batchcomplete).toBeUndefined();
    expect(first.body.continue).toMatchObject({ rvcontinue: expect.any(String), continue: "||" });
    const rest = await api({ action: "query", titles: "Zyx alpha", prop: "revisions", rvlimit: "2", rvcontinue: first.body.continue.rvcontinue, formatversion: "2" });
    expect(rest.body.query.pages[0].revisions).toHaveLength(1);
    expect(rest.body.batchcomplete).toBe(true);
  });
});

describe("action=query lists", () => {
  it("searches with snippets and continues by offset", async () => {
    const reply = await api({ action: "query", list: "search", srsearch: "quokka", srlimit: "1", formatversion: "2" });
    expect(reply.body.query.searchinfo.totalhits).toBe(2);
    expect(reply.body.query.search[0].snippet).toContain('<span class="searchmatch">');
    expect(reply.body.continue).toEqual({ sroffset: 1, continue: "-||" });
    expect(reply.body.batchcomplete).toBe(true);
    const missing = await api({ action: "query", list: "search" });
    expect(missing.body.error).toMatchObject({ code: "missingparam", info: 'The "srsearch" parameter must be set.' });
  });

  it("lists all pages from a prefix", async () => {
    const reply = await api({ action: "query", list: "allpages", apprefix: "Zyx", aplimit: "2", formatversion: "2" });
    expect(reply.body.query.allpages.map((p: { title: string }) => p.title)).toEqual(["Zyx alpha", "Zyx beta"]);
    expect(reply.body.continue).toEqual({ apcontinue: "Zyx_redirect", continue: "-||" });
  });

  it("lists recent changes on the watchlist", async () => {
    const bearer = await sb.token("Ada Editor");
    const watchToken = (await api({ action: "query", meta: "tokens", type: "watch", formatversion: "2" }, { bearer })).body.query.tokens.watchtoken;
    await api({ action: "watch", titles: "Zyx alpha", token: watchToken }, { method: "POST", bearer });
    const reply = await api({ action: "query", list: "watchlist", wlprop: "ids|title|user|timestamp", formatversion: "2" }, { bearer });
    expect(reply.body.query.watchlist).toEqual([
      expect.objectContaining({ type: "edit", title: "Zyx alpha", user: "Ana Admin", revid: expect.any(Number), old_revid: expect.any(Number) }),
    ]);
  });

  it("warns about unknown submodules", async () => {
    const reply = await api({ action: "query", list: "nonesuch", formatversion: "2" });
    expect(reply.body.warnings.query.warnings).toBe('Unrecognized value for parameter "list": nonesuch');
  });
});

describe("meta=userinfo and meta=siteinfo", () => {
  it("describes the OAuth user with groups, narrowed rights, edit count and block info", async () => {
    const ada = await api({ action: "query", meta: "userinfo", uiprop: "groups|rights|editcount|registrationdate|email", formatversion: "2" }, { bearer: await sb.token("Ada Editor") });
    expect(ada.body.query.userinfo).toMatchObject({ id: 1001, name: "Ada Editor", groups: ["*", "user", "autoconfirmed"], editcount: expect.any(Number) });
    // No `privateinfo` grant: the email stays hidden.
    expect(ada.body.query.userinfo.email).toBeUndefined();
    expect(ada.body.query.userinfo.rights).not.toContain("sendemail");
    const blake = await api({ action: "query", meta: "userinfo", uiprop: "blockinfo", formatversion: "2" }, { bearer: await sb.token("Blake Blocked") });
    expect(blake.body.query.userinfo).toMatchObject({ blockid: 1, blockedby: "Ana Admin", blockexpiry: "infinite" });
  });

  it("gives every preference with uiprop=options, the user's own over the wiki's defaults (§5.10)", async () => {
    const wanda = await api({ action: "query", meta: "userinfo", uiprop: "options", formatversion: "2" }, { bearer: await sb.token("Wanda Wanderer") });
    expect(wanda.body.query.userinfo.options).toMatchObject({ language: "de", gender: "female", variant: "en", skin: "vector-2022", searchNs0: 1, watchdefault: 1 });
    const ada = await api({ action: "query", meta: "userinfo", uiprop: "options", formatversion: "2" }, { bearer: await sb.token("Ada Editor") });
    expect(ada.body.query.userinfo.options).toMatchObject({ language: "en", gender: "unknown", variant: "en" });
    // An anonymous user gets the defaults, and the default language is the wiki's content language.
    const anonymousOnDe = await callApi(sb.wiki("de.wikipedia.org"), { action: "query", meta: "userinfo", uiprop: "options", formatversion: "2" });
    expect(anonymousOnDe.body.query.userinfo).toMatchObject({ anon: true, options: { language: "de", variant: "de", gender: "unknown" } });
  });

  it("describes the wiki the way mwn needs it", async () => {
    const reply = await api({ action: "query", meta: "siteinfo", siprop: "general|namespaces|namespacealiases", formatversion: "2" });
    expect(reply.body.query.general).toMatchObject({
      sitename: "Wikipedia", lang: "en", rtl: false, scriptpath: "/en.wikipedia.org/w", articlepath: "/en.wikipedia.org/wiki/$1",
      generator: expect.stringMatching(/^MediaWiki 1\.46\.0-wmf\./), legaltitlechars: expect.any(String),
    });
    expect(reply.body.query.namespaces["1"]).toMatchObject({ id: 1, name: "Talk", canonical: "Talk" });
    expect(reply.body.query.namespacealiases).toContainEqual({ id: 6, alias: "Image" });
    const v1 = await api({ action: "query", meta: "siteinfo", siprop: "namespaces" });
    expect(v1.body.query.namespaces["0"]).toMatchObject({ id: 0, "*": "", content: "" });
  });

  it("pretty-prints HTML when no format is given (jsonfm)", async () => {
    const response = await fetch(`${sb.wiki()}/api.php?action=query&meta=siteinfo`);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain("api-pretty-content");
  });
});
