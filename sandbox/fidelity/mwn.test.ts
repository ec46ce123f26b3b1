/**
 * Fidelity: the npm client mwn, unchanged, against the sandbox's api.php. If mwn trips on a shape here,
 * the sandbox is wrong, not the test.
 */
import { Mwn } from "mwn";
import { beforeEach, describe, expect, it } from "vitest";
import { createPages } from "../action/api-client";
import { DEMO_BOT_PASSWORD } from "../seed";
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
