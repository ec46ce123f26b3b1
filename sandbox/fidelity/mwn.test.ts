/**
 * Fidelity: the npm client mwn, unchanged, against the sandbox's api.php. If mwn trips on a shape here,
 * the sandbox is wrong, not the test.
 */
import { Mwn } from "mwn";
import { beforeEach, describe, expect, it } from "vitest";
import { createPages } from "../action/api-client";
import { Browser, hiddenFields } from "../oauth/test-browser";
import { DEMO_BOT_PASSWORD, DEMO_USERS } from "../seed";
import { useSandbox } from "../testing";

const sb = useSandbox();
const USER_AGENT = "WikiportSandboxTest/0.1 (test@example.org)";

beforeEach(async () => {
  await createPages(sb.wiki(), await sb.token("Ana Admin"), {
    "Fixture Earth": "'''Earth''' is the third planet.",
    "Fixture redirect": "#REDIRECT [[Fixture Earth]]",
    "Fixture Moon": "The '''Moon''' orbits [[Fixture Earth]].",
  });
});

async function oauthBot(): Promise<Mwn> {
  const bot = new Mwn({
    apiUrl: `${sb.wiki()}/api.php`,
    OAuth2AccessToken: await sb.token("Ada Editor"),
    userAgent: USER_AGENT,
    silent: true,
  });
  // mwn only sends the bearer header once OAuth is initialised (Mwn.init does the same).
  bot.initOAuth();
  return bot;
}

describe("mwn against the sandbox", () => {
  it("reads site info, tokens and a page", async () => {
    const bot = await oauthBot();
    await bot.getSiteInfo();
    await bot.getTokens();
    expect(bot.csrfToken).toMatch(/^[0-9a-f]{32}[0-9a-f]+\+\\$/);
    expect(bot.state.watchtoken).toMatch(/\+\\$/);
    const page = await bot.read("Fixture Earth");
    expect(page.title).toBe("Fixture Earth");
    expect(page.revisions?.[0]?.content).toContain("'''Earth'''");
    expect(await new bot.Page("Fixture redirect").exists()).toBe(true);
    const title = new bot.Title("talk:earth");
    expect(title.getNamespaceId()).toBe(1);
  });

  it("initialises with Mwn.init and edits with bot.edit, bot.save and bot.create", async () => {
    const bot = await Mwn.init({
      apiUrl: `${sb.wiki()}/api.php`,
      OAuth2AccessToken: await sb.token("Ada Editor"),
      userAgent: USER_AGENT,
      silent: true,
    });
    const edited = await bot.edit("Fixture Moon", (revision) => ({ text: `${revision.content}\n\nEdited by mwn.`, summary: "mwn edit" }));
    expect(edited).toMatchObject({ result: "Success", title: "Fixture Moon" });
    expect(edited.newrevid).toBeGreaterThan(edited.oldrevid);

    const saved = await bot.save("Fixture Moon", "Replaced by bot.save", "mwn save");
    expect(saved.result).toBe("Success");
    const unchanged = await bot.save("Fixture Moon", "Replaced by bot.save", "mwn save again");
    expect(unchanged.nochange).toBe(true);

    const created = await bot.create("Created by mwn", "A new page.", "mwn create");
    expect(created).toMatchObject({ result: "Success", new: true, title: "Created by mwn" });
    await expect(bot.create("Created by mwn", "Again.", "mwn create")).rejects.toMatchObject({ code: "articleexists" });

    // Over mwn's multipart threshold (8000 characters): sent as multipart/form-data.
    const long = "Long line of text.\n".repeat(600);
    const longSave = await bot.save("Long page", long, "long");
    expect(longSave.result).toBe("Success");
    expect((await bot.read("Long page")).revisions?.[0]?.content).toBe(long.trimEnd());

    const section = await bot.newSection("Fixture Moon", "A heading", "Section body.");
    expect(section.result).toBe("Success");
  });

  it("watches and unwatches through action=watch with mwn's watch token", async () => {
    // mwn 3.0.3's Page has no watch()/unwatch(); its generic request() is how clients do it.
    const bot = await Mwn.init({
      apiUrl: `${sb.wiki()}/api.php`,
      OAuth2AccessToken: await sb.token("Ada Editor"),
      userAgent: USER_AGENT,
      silent: true,
    });
    const watched = await bot.request({ action: "watch", titles: "Fixture Earth", token: bot.state.watchtoken });
    expect(watched.watch).toEqual([{ ns: 0, title: "Fixture Earth", watched: true }]);
    const info = await bot.query({ titles: "Fixture Earth", prop: "info", inprop: "watched" });
    expect(info.query?.pages?.[0]?.watched).toBe(true);
    const unwatched = await bot.request({ action: "watch", titles: "Fixture Earth", unwatch: true, token: bot.state.watchtoken });
    expect(unwatched.watch).toEqual([{ ns: 0, title: "Fixture Earth", unwatched: true }]);
  });

  it("surfaces sandbox errors as mwn errors with the wire code", async () => {
    const bot = await Mwn.init({
      apiUrl: `${sb.wiki()}/api.php`,
      OAuth2AccessToken: await sb.token("Blake Blocked"),
      userAgent: USER_AGENT,
      silent: true,
    });
    await expect(bot.save("Fixture Moon", "blocked edit")).rejects.toMatchObject({ code: "blocked" });
    await expect(bot.edit("Does not exist", () => "x")).rejects.toMatchObject({ code: "missingtitle" });
  });

  it("recovers from a stale CSRF token the way mwn does (badtoken, paraminfo, retry)", async () => {
    const bot = await Mwn.init({
      apiUrl: `${sb.wiki()}/api.php`,
      OAuth2AccessToken: await sb.token("Ada Editor"),
      userAgent: USER_AGENT,
      silent: true,
    });
    bot.csrfToken = `${"0".repeat(32)}1+\\`;
    const saved = await bot.save("Fixture Moon", "Saved after a token refresh");
    expect(saved.result).toBe("Success");
  });

  it("logs in with a bot password and edits within its grants", async () => {
    const bot = await Mwn.init({
      apiUrl: `${sb.wiki()}/api.php`,
      username: `Ada Editor@${DEMO_BOT_PASSWORD.appId}`,
      password: DEMO_BOT_PASSWORD.password,
      userAgent: USER_AGENT,
      silent: true,
    });
    expect(bot.loggedIn).toBe(true);
    const saved = await bot.save("Bot password page", "Made after action=login");
    expect(saved).toMatchObject({ result: "Success", new: true });
    const me = await bot.userinfo();
    expect(me.name).toBe("Ada Editor");
    await bot.logout();
    const after = await bot.userinfo();
    expect(after.anon).toBe(true);
  });
});

/** mwn's own helpers for the modules of issue 15 point 3: each must return what the wiki holds. */
describe("mwn's reading and editing helpers against what the sandbox holds", () => {
  async function initBot(user = "Ada Editor"): Promise<Mwn> {
    return Mwn.init({ apiUrl: `${sb.wiki()}/api.php`, OAuth2AccessToken: await sb.token(user), userAgent: USER_AGENT, silent: true });
  }

  beforeEach(async () => {
    await createPages(sb.wiki(), await sb.token("Ana Admin"), {
      "Fixture Mars": "'''Mars''' is red. It is near [[Fixture Earth]].\n\n[[Category:Fixture planets]]",
      "Fixture Venus": "Venus is hot.\n\n[[Category:Fixture planets|Venus]]",
    });
  });

  it("reads revisions by id with massQuery over revids", async () => {
    const bot = await initBot();
    const first = await bot.save("Fixture Moon", "Moon, first version.", "v1");
    await bot.save("Fixture Moon", "Moon, second version.", "v2");
    const [answer] = await bot.massQuery({ action: "query", prop: "revisions", revids: [first.newrevid], rvprop: ["ids", "content"], rvslots: "main" }, "revids");
    const revision = answer!.query!.pages![0]!.revisions![0]!;
    expect(revision.revid).toBe(first.newrevid);
    expect(revision.slots!.main!.content).toBe("Moon, first version.");
  });

  it("lists contributions with User.contribs and continuedQuery", async () => {
    const bot = await initBot();
    await bot.save("Fixture Moon", "A contribution by Ada.", "by Ada");
    const contribs = await new bot.User("Ada Editor").contribs({ uclimit: 5 });
    expect(contribs[0]).toMatchObject({ user: "Ada Editor", title: "Fixture Moon", comment: "by Ada", top: true });
    const pages = await bot.continuedQuery({ action: "query", list: "usercontribs", ucuser: "Ana Admin", uclimit: 2 }, 3);
    expect(pages).toHaveLength(3);
    const titles = pages.flatMap((page) => page.query!.usercontribs.map((row: { title: string }) => row.title));
    expect(titles.slice(0, 2)).toEqual(["Fixture Venus", "Fixture Mars"]);
  });

  it("lists category members with Category.members", async () => {
    const bot = await initBot();
    const members = await new bot.Category("Fixture planets").members();
    expect(members.map((m: { title: string }) => m.title)).toEqual(["Fixture Mars", "Fixture Venus"]);
  });

  it("lists backlinks with Page.backlinks (prop=linkshere)", async () => {
    const bot = await initBot();
    const backlinks = await new bot.Page("Fixture Earth").backlinks();
    expect(backlinks.sort()).toEqual(["Fixture Mars", "Fixture Moon", "Fixture redirect"]);
  });

  it("undoes an edit with action=edit undo through bot.request", async () => {
    // mwn 3.0.3 has no undo helper; its generic request is how a script undoes.
    const bot = await initBot();
    const bad = await bot.save("Fixture Mars", "Vandalised.", "oops");
    const undone = await bot.request({ action: "edit", title: "Fixture Mars", undo: bad.newrevid, token: bot.csrfToken });
    expect(undone.edit.result).toBe("Success");
    expect((await bot.read("Fixture Mars")).revisions?.[0]?.content).toContain("'''Mars''' is red.");
  });

  it("parses a page and wikitext with parseTitle and parseWikitext", async () => {
    const bot = await initBot();
    const page = await bot.parseTitle("Fixture Mars");
    expect(page).toContain("<b>Mars</b> is red.");
    expect(page).toContain('href="/en.wikipedia.org/wiki/Fixture_Earth"');
    const text = await bot.parseWikitext("{{Short description|Hidden}}''Hello'' [[Fixture Venus]]");
    expect(text).toContain("<i>Hello</i>");
    expect(text).not.toContain("Hidden");
  });

  it("reads the REST routes with rawRequest", async () => {
    const bot = await initBot();
    await bot.save("Fixture Mars", "Mars again.\n\n[[de:Mars (Planet)]]", "langlink");
    const rest = (path: string) => bot.rawRequest({ url: `${sb.wiki()}/rest.php/v1${path}` }).then((response) => response.data);
    expect(await rest("/page/Fixture_Mars/history/counts/edits")).toEqual({ count: 2, limit: false });
    expect((await rest("/search/title?q=Fixture%20Ma")).pages.map((p: { title: string }) => p.title)).toEqual(["Fixture Mars"]);
    expect(await rest("/page/Fixture_Mars/links/language")).toEqual([{ code: "de", name: "Deutsch", key: "Mars_(Planet)", title: "Mars (Planet)" }]);
  });

  it("logs in with a bot password created on Special:BotPasswords", async () => {
    const browser = new Browser(sb.url);
    await browser.login(DEMO_USERS.editor.name, DEMO_USERS.editor.password);
    const form = await (await browser.get("/en.wikipedia.org/wiki/Special:BotPasswords/mwn-bot")).text();
    const fields = hiddenFields(form, ">Create</button>");
    fields.append("wpgrants", "editpage");
    const created = await (await browser.post("/en.wikipedia.org/wiki/Special:BotPasswords/mwn-bot", fields)).text();
    const password = /<code id="bot-password">([a-z0-9]{32})<\/code>/.exec(created)![1]!;
    const bot = await Mwn.init({ apiUrl: `${sb.wiki()}/api.php`, username: "Ada Editor@mwn-bot", password, userAgent: USER_AGENT, silent: true });
    expect(bot.loggedIn).toBe(true);
    expect(await bot.save("Fixture Venus", "Saved by mwn-bot.")).toMatchObject({ result: "Success" });
    expect((await bot.userinfo({ uiprop: "rights" })).rights).not.toContain("editmywatchlist");
  });
});
