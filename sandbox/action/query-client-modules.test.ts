/**
 * The modules common clients use (issue 15 point 3): revids, usercontribs, recentchanges, categorymembers,
 * backlinks and linkshere, undo, parse with prop, and anonymous editcount, over HTTP.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { useSandbox } from "../testing";
import { callApi, createPages } from "./api-client";

const sb = useSandbox();
const api = (params: Record<string, string>, call?: Parameters<typeof callApi>[2]) => callApi(sb.wiki(), params, call);

const TARGET_TEXT = "Line one.\nLine two.\nLine three.\nLine four.\nLine five.";
const TARGET_SIZE = Buffer.byteLength(TARGET_TEXT);
let ana = "";
let revs: Record<string, number> = {};

async function latest(title: string): Promise<number> {
  const reply = await api({ action: "query", titles: title, prop: "revisions", rvprop: "ids", formatversion: "2" });
  return reply.body.query.pages[0].revisions[0].revid;
}

async function edit(bearer: string, params: Record<string, string>) {
  const token = (await api({ action: "query", meta: "tokens", formatversion: "2" }, { bearer })).body.query.tokens.csrftoken;
  return api({ action: "edit", token, formatversion: "2", ...params }, { method: "POST", bearer });
}

beforeEach(async () => {
  ana = await sb.token("Ana Admin");
  await createPages(sb.wiki(), ana, {
    "Qcm Alpha": "Alpha links to [[Qcm Target]] and [[Qcm Missing]].\n\n[[Category:Qcm things|Zed]]",
    "Qcm Beta": "Beta also links to [[qcm Target|the target]].\n\n[[Category:Qcm things]]",
    "Qcm Redirect": "#REDIRECT [[Qcm Target]]",
    "Qcm Target": TARGET_TEXT,
  });
  revs = { alpha: await latest("Qcm Alpha"), target1: await latest("Qcm Target") };
});

describe("prop=revisions with revids", () => {
  it("answers exactly the revisions asked for, grouped by page, and lists unknown ids as badrevids", async () => {
    await createPages(sb.wiki(), ana, { "Qcm Target": TARGET_TEXT.replace("two", "two changed") });
    const reply = await api({ action: "query", prop: "revisions", revids: `${revs.target1}|${revs.alpha}|99999999`, rvprop: "ids|content", rvslots: "main", formatversion: "2" });
    const pages = reply.body.query.pages as { title: string; revisions: { revid: number; slots: { main: { content: string } } }[] }[];
    expect(pages.map((p) => p.title).sort()).toEqual(["Qcm Alpha", "Qcm Target"]);
    const target = pages.find((p) => p.title === "Qcm Target")!;
    expect(target.revisions.map((r) => r.revid)).toEqual([revs.target1]);
    expect(target.revisions[0]!.slots.main.content).toBe(TARGET_TEXT);
    expect(reply.body.query.badrevids).toEqual({ "99999999": { revid: 99999999, missing: true } });
  });

  it("refuses revids with the enumeration options (apierror-revisions-norevids)", async () => {
    const reply = await api({ action: "query", prop: "revisions", revids: String(revs.alpha), rvlimit: "5" });
    expect(reply.body.error).toMatchObject({ code: "invalidparammix" });
    expect(reply.body.error.info).toContain('The "revids" parameter may not be used with the list options');
  });
});

describe("list=usercontribs", () => {
  it("lists a user's edits newest first with flags and sizes, and continues", async () => {
    const first = await api({ action: "query", list: "usercontribs", ucuser: "Ana_Admin", uclimit: "2", ucprop: "ids|title|flags|size|sizediff|comment", formatversion: "2" });
    const rows = first.body.query.usercontribs;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ user: "Ana Admin", userid: expect.any(Number), title: "Qcm Target", top: true, new: true, minor: false, size: TARGET_SIZE, sizediff: TARGET_SIZE });
    expect(rows[0].revid).toBeGreaterThan(rows[1].revid);
    expect(first.body.continue.uccontinue).toMatch(/^\d{14}\|\d+$/);
    const second = await api({ action: "query", list: "usercontribs", ucuser: "Ana Admin", uclimit: "2", uccontinue: first.body.continue.uccontinue, formatversion: "2" });
    expect(second.body.query.usercontribs[0].revid).toBeLessThan(rows[1].revid);
  });

  it("needs exactly one of ucuser, ucuserids, ucuserprefix, uciprange", async () => {
    const none = await api({ action: "query", list: "usercontribs" });
    expect(none.body.error).toMatchObject({ code: "missingparam", info: 'One of the parameters "ucuserprefix", "ucuserids", "uciprange" and "ucuser" is required.' });
    const two = await api({ action: "query", list: "usercontribs", ucuser: "Ana Admin", ucuserids: "1004" });
    expect(two.body.error).toMatchObject({ code: "invalidparammix", info: 'The parameters "ucuser" and "ucuserids" can not be used together.' });
    const bad = await api({ action: "query", list: "usercontribs", ucuser: "Ana Admin", uccontinue: "nonsense" });
    expect(bad.body.error.code).toBe("badcontinue");
  });
});

describe("list=recentchanges", () => {
  it("lists recent edits with ids, users, sizes and tags, and filters by type", async () => {
    const reply = await api({ action: "query", list: "recentchanges", rcprop: "title|ids|user|sizes|tags|flags", rclimit: "3", formatversion: "2" });
    const [top] = reply.body.query.recentchanges;
    // Made with an OAuth token of Wikiport, the seed's first consumer: tagged as on Wikimedia.
    expect(top).toMatchObject({ type: "new", title: "Qcm Target", user: "Ana Admin", oldlen: 0, newlen: TARGET_SIZE, new: true, tags: ["OAuth CID: 1"] });
    expect(top.rcid).toBe(top.revid);
    expect(reply.body.continue.rccontinue).toMatch(/^\d{14}\|\d+$/);
    const edits = await api({ action: "query", list: "recentchanges", rctype: "edit", rcprop: "title", rclimit: "50", formatversion: "2" });
    expect(edits.body.query.recentchanges.every((row: { type: string }) => row.type === "edit")).toBe(true);
  });
});

describe("list=categorymembers", () => {
  it("lists a category's members by sort key, with prefix and type", async () => {
    const reply = await api({ action: "query", list: "categorymembers", cmtitle: "Category:Qcm things", cmprop: "ids|title|sortkeyprefix|type", formatversion: "2" });
    expect(reply.body.query.categorymembers).toEqual([
      { pageid: expect.any(Number), ns: 0, title: "Qcm Beta", sortkeyprefix: "", type: "page" },
      { pageid: expect.any(Number), ns: 0, title: "Qcm Alpha", sortkeyprefix: "Zed", type: "page" },
    ]);
    const paged = await api({ action: "query", list: "categorymembers", cmtitle: "Category:Qcm things", cmlimit: "1", formatversion: "2" });
    expect(paged.body.query.categorymembers).toHaveLength(1);
    const rest = await api({ action: "query", list: "categorymembers", cmtitle: "Category:Qcm things", cmcontinue: paged.body.continue.cmcontinue, formatversion: "2" });
    expect(rest.body.query.categorymembers.map((m: { title: string }) => m.title)).toEqual(["Qcm Alpha"]);
  });

  it("refuses a title outside the Category namespace", async () => {
    const reply = await api({ action: "query", list: "categorymembers", cmtitle: "Qcm things" });
    expect(reply.body.error).toMatchObject({ code: "invalidcategory", info: "The category name you entered is not valid." });
  });
});

describe("list=backlinks and prop=linkshere", () => {
  it("lists the pages that link to a page, redirects marked", async () => {
    const reply = await api({ action: "query", list: "backlinks", bltitle: "Qcm Target", formatversion: "2" });
    expect(reply.body.query.backlinks.map((row: { title: string }) => row.title)).toEqual(["Qcm Alpha", "Qcm Beta", "Qcm Redirect"]);
    expect(reply.body.query.backlinks[2]).toMatchObject({ redirect: true });
    const paged = await api({ action: "query", list: "backlinks", bltitle: "Qcm Target", bllimit: "1", formatversion: "2" });
    expect(paged.body.continue.blcontinue).toMatch(/^0\|\d+$/);
    const none = await api({ action: "query", list: "backlinks" });
    expect(none.body.error).toMatchObject({ code: "missingparam", info: 'One of the parameters "bltitle" and "blpageid" is required.' });
  });

  it("prop=linkshere gives each page its linking pages, also for a missing page", async () => {
    const reply = await api({ action: "query", prop: "linkshere", titles: "Qcm Target|Qcm Missing", formatversion: "2" });
    const byTitle = (title: string) => reply.body.query.pages.find((p: { title: string }) => p.title === title);
    expect(byTitle("Qcm Target").linkshere.map((row: { title: string }) => row.title)).toEqual(["Qcm Alpha", "Qcm Beta", "Qcm Redirect"]);
    expect(byTitle("Qcm Target").linkshere[2]).toEqual({ pageid: expect.any(Number), ns: 0, title: "Qcm Redirect", redirect: true });
    expect(byTitle("Qcm Missing")).toMatchObject({ missing: true, linkshere: [{ ns: 0, title: "Qcm Alpha", redirect: false }] });
  });
});

describe("action=edit with undo", () => {
  it("takes an earlier edit back out with a three-way merge, tagged mw-undo, with MediaWiki's summary", async () => {
    const ada = await sb.token("Ada Editor");
    const middle = await edit(ada, { title: "Qcm Target", text: TARGET_TEXT.replace("two", "two by Ada") });
    await edit(ana, { title: "Qcm Target", text: TARGET_TEXT.replace("two", "two by Ada").replace("five", "five, later") });
    const undone = await edit(ana, { title: "Qcm Target", undo: String(middle.body.edit.newrevid) });
    expect(undone.body.edit).toMatchObject({ result: "Success" });
    const page = await api({ action: "query", titles: "Qcm Target", prop: "revisions", rvprop: "content|comment|tags", rvslots: "main", formatversion: "2" });
    const revision = page.body.query.pages[0].revisions[0];
    expect(revision.slots.main.content).toBe(TARGET_TEXT.replace("five", "five, later"));
    expect(revision.tags).toContain("mw-undo");
    expect(revision.comment).toBe(`Undo revision ${middle.body.edit.newrevid} by [[Special:Contributions/Ada Editor|Ada Editor]] ([[User talk:Ada Editor|talk]])`);
  });

  it("answers undofailure when later edits changed the same lines", async () => {
    const first = await edit(ana, { title: "Qcm Target", text: TARGET_TEXT.replace("two", "two A") });
    await edit(ana, { title: "Qcm Target", text: TARGET_TEXT.replace("two", "two B") });
    const reply = await edit(ana, { title: "Qcm Target", undo: String(first.body.edit.newrevid) });
    expect(reply.body.error).toMatchObject({ code: "undofailure", info: "The edit could not be undone due to conflicting intermediate edits." });
  });

  it("refuses a revision of another page (revwrongpage) and an unknown one (nosuchrevid)", async () => {
    // A page's first revision has nothing before it to undo to: a later one of another page.
    const alpha = (await edit(ana, { title: "Qcm Alpha", appendtext: "\nMore." })).body.edit.newrevid;
    const wrong = await edit(ana, { title: "Qcm Target", undo: String(alpha) });
    expect(wrong.body.error).toMatchObject({ code: "revwrongpage", info: `r${alpha} is not a revision of Qcm Target.` });
    const first = await edit(ana, { title: "Qcm Target", undo: String(revs.target1) });
    expect(first.body.error).toMatchObject({ code: "nosuchrevid", info: "There is no revision with ID ." });
    const unknown = await edit(ana, { title: "Qcm Target", undo: "99999999" });
    expect(unknown.body.error).toMatchObject({ code: "nosuchrevid", info: "There is no revision with ID 99999999." });
  });
});

describe("action=parse with prop", () => {
  it("renders templates as REST /html does and lists links, templates, sections and the display title", async () => {
    await createPages(sb.wiki(), ana, {
      "Qcm Parsed": "{{Short description|A test page}}\n'''Parsed''' links to [[Qcm Target]] and [[Qcm Nowhere]].\n\n== First ==\nText.\n\n=== Deeper ===\nMore.",
    });
    const reply = await api({ action: "parse", page: "Qcm Parsed", prop: "text|links|templates|sections|displaytitle", formatversion: "2" });
    const parse = reply.body.parse;
    expect(parse.title).toBe("Qcm Parsed");
    expect(parse.text).toContain("<b>Parsed</b>");
    expect(parse.text).not.toContain("Short description");
    expect(parse.text).toContain(`href="/en.wikipedia.org/wiki/Qcm_Target"`);
    expect(parse.text).toMatch(/class="new" title="Qcm Nowhere \(page does not exist\)"/);
    expect(parse.links).toEqual([
      { ns: 0, title: "Qcm Target", exists: true },
      { ns: 0, title: "Qcm Nowhere", exists: false },
    ]);
    expect(parse.templates).toEqual([{ ns: 10, title: "Template:Short description", exists: false }]);
    expect(parse.sections).toEqual([
      { toclevel: 1, level: "2", line: "First", number: "1", index: "1", fromtitle: "Qcm_Parsed", byteoffset: expect.any(Number), anchor: "First" },
      { toclevel: 2, level: "3", line: "Deeper", number: "1.1", index: "2", fromtitle: "Qcm_Parsed", byteoffset: expect.any(Number), anchor: "Deeper" },
    ]);
    expect(parse.displaytitle).toBe('<span class="mw-page-title-main">Qcm Parsed</span>');
    expect(parse.revid).toBeUndefined();
  });

  it("follows a redirect with redirects=1 and says so", async () => {
    const reply = await api({ action: "parse", page: "Qcm Redirect", redirects: "1", prop: "text|revid", formatversion: "2" });
    expect(reply.body.parse).toMatchObject({ title: "Qcm Target", redirects: [{ from: "Qcm Redirect", to: "Qcm Target" }], revid: expect.any(Number) });
    expect(reply.body.parse.text).toContain("Line one.");
  });

  it("keeps its default props when none are asked for", async () => {
    const reply = await api({ action: "parse", page: "Qcm Alpha", formatversion: "2" });
    expect(Object.keys(reply.body.parse)).toEqual(expect.arrayContaining(["text", "categories", "links", "templates", "sections", "revid", "displaytitle"]));
    expect(reply.body.parse.categories).toEqual([{ sortkey: "Zed", category: "Qcm_things", missing: true }]);
  });
});

describe("list=watchlist", () => {
  it("says of each change whether it was made logged out (anon), as MediaWiki does with wlprop=user", async () => {
    const watchToken = (await api({ action: "query", meta: "tokens", type: "watch", formatversion: "2" }, { bearer: ana })).body.query.tokens.watchtoken;
    await api({ action: "watch", titles: "Qcm Target", token: watchToken, formatversion: "2" }, { method: "POST", bearer: ana });
    const reply = await api({ action: "query", list: "watchlist", wlprop: "user|title", formatversion: "2" }, { bearer: ana });
    expect(reply.body.query.watchlist[0]).toEqual({ type: "new", ns: 0, title: "Qcm Target", user: "Ana Admin", anon: false });
  });
});

describe("meta=userinfo", () => {
  it("gives an anonymous user editcount 0", async () => {
    const reply = await api({ action: "query", meta: "userinfo", uiprop: "editcount", formatversion: "2" });
    expect(reply.body.query.userinfo).toMatchObject({ id: 0, anon: true, editcount: 0 });
  });
});
