/**
 * The modules and routes common clients (mwn, m3api) use beyond reading and editing one page, with their
 * validation errors, compared between MediaWiki 1.39 and the sandbox: revids, usercontribs, recentchanges,
 * categorymembers, backlinks and linkshere, undo, action=parse with prop, anonymous editcount, REST
 * history counts, title search and language links. Pages are made the same way on both wikis first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAllSameContract, expectSameContract, knownDifferenceUsage, valuesAt } from "./compare";
import { CookieJar, type Exchange, type Params } from "./http-client";
import { botLogin, token, type Session } from "./session";
import { api, pair, rest, useTargets, type Pair, type Target } from "./targets";

const targets = useTargets();
const sessions = new Map<Target["name"], Session>();
/** Revision ids per wiki: the same edit has a different id on each. */
const revisions = new Map<Target["name"], Record<string, number>>();

const TARGET = "Contract target";
const TARGET_TEXT = "Line one.\nLine two.\nLine three.\nLine four.\nLine five.";
const PAGES: Array<[string, string]> = [
  // Wikimedia's wikis have the template (it renders nothing); a fresh 1.39 needs it made, or it red-links.
  ["Template:Short description", "<includeonly></includeonly>"],
  [TARGET, TARGET_TEXT],
  ["Contract linker A", "A links to [[Contract target]] and [[Contract nowhere]].\n\n[[Category:Contract things|Zed]]"],
  ["Contract linker B", "B links to [[contract target|the target]].\n\n[[Category:Contract things]]"],
  ["Contract redirect", "#REDIRECT [[Contract target]]"],
  [
    "Contract parsed",
    "{{Short description|A contract page}}\n'''Parsed''' links to [[Contract target]] and [[Contract nowhere]].\n\n== First ==\nText.\n\n=== Deeper ===\nMore.\n\n[[Category:Contract things]]",
  ],
];

function session(target: Target): Session {
  const found = sessions.get(target.name);
  if (!found) throw new Error(`no session on ${target.name}`);
  return found;
}

function rev(target: Target, name: string): number {
  const id = revisions.get(target.name)?.[name];
  if (id === undefined) throw new Error(`no revision ${name} on ${target.name}`);
  return id;
}

async function edit(target: Target, body: Params, query: Params = {}): Promise<Exchange> {
  return api(target, {
    method: "POST",
    query: { action: "edit", formatversion: 2, ...query },
    body: { token: await token(target, session(target).jar), ...body },
    jar: session(target).jar,
  });
}

function newRevision(answer: Exchange): number {
  const id = (answer.json as { edit?: { newrevid?: unknown } }).edit?.newrevid;
  if (typeof id !== "number") throw new Error(`${answer.request}: no newrevid in ${answer.text.slice(0, 300)}`);
  return id;
}

beforeAll(async () => {
  for (const target of [targets.mediawiki, targets.sandbox]) {
    sessions.set(target.name, await botLogin(target));
    const ids: Record<string, number> = {};
    for (const [title, text] of PAGES) ids[title] = newRevision(await edit(target, { title, text, summary: "contract setup" }));
    // A second revision of the target, so history counts and revids have more than one to choose from.
    // A later revision of another page, for undo's revwrongpage (a first revision has nothing to undo to).
    ids.linkerB2 = newRevision(await edit(target, { title: "Contract linker B", appendtext: "\nMore.", summary: "second" }));
    ids.second = newRevision(await edit(target, { title: TARGET, text: TARGET_TEXT.replace("five", "five, again"), summary: "second", minor: true }));
    revisions.set(target.name, ids);
  }
});

afterAll(() => {
  console.info(knownDifferenceUsage());
});

const query = (params: Params) => (t: Target) => api(t, { query: { action: "query", ...params } });

/** Errors in the formats clients read them in: bc (fv1 and fv2) and plaintext, with equal codes and texts. */
async function errorInFormats(params: Params | ((t: Target) => Params)): Promise<void> {
  for (const extra of [{}, { formatversion: 2 }, { formatversion: 2, errorformat: "plaintext" }] as Params[]) {
    const answers = await pair(targets, (t) => api(t, { query: { ...(typeof params === "function" ? params(t) : params), ...extra } }));
    expectSameContract(answers);
    const paths = extra.errorformat === "plaintext" ? ["errors[].code", "errors[].text"] : ["error.code", "error.info"];
    for (const path of paths) {
      expect(valuesAt(answers.sandbox.json, path), `${answers.sandbox.request} at ${path}`).toEqual(valuesAt(answers.mediawiki.json, path));
    }
  }
}

describe("prop=revisions with revids", () => {
  it("the revisions asked for (fv2 and fv1), and unknown ids as badrevids", async () => {
    const pairs: Pair[] = [];
    for (const formatversion of [2, 1]) {
      pairs.push(
        await pair(targets, (t) =>
          api(t, { query: { action: "query", prop: "revisions", revids: rev(t, TARGET), rvprop: "ids|timestamp|user|comment|content", rvslots: "main", formatversion } }),
        ),
      );
    }
    pairs.push(await pair(targets, query({ action: "query", prop: "revisions", revids: 99999999, formatversion: 2 })));
    expectAllSameContract(pairs);
    const content = valuesAt(pairs[0]!.sandbox.json, "query.pages[].revisions[].slots.main.content");
    expect(content).toEqual([TARGET_TEXT]);
  });

  it("revids with rvlimit: invalidparammix (apierror-revisions-norevids)", async () => {
    await errorInFormats((t) => ({ action: "query", prop: "revisions", revids: rev(t, TARGET), rvlimit: 2 }));
  });
});

describe("list=usercontribs", () => {
  it("a user's contributions, then the next batch with uccontinue", async () => {
    const first = await pair(targets, query({ action: "query", list: "usercontribs", ucuser: "Ada Editor", uclimit: 2, formatversion: 2 }));
    expectSameContract(first);
    const next = await pair(targets, (t) => {
      const own = t.name === "mediawiki" ? first.mediawiki : first.sandbox;
      const uccontinue = valuesAt(own.json, "continue.uccontinue")[0];
      return api(t, { query: { action: "query", list: "usercontribs", ucuser: "Ada Editor", uclimit: 2, uccontinue: String(uccontinue), formatversion: 2 } });
    });
    expectSameContract(next);
    const fv1 = await pair(targets, query({ action: "query", list: "usercontribs", ucuser: "Ada_Editor", uclimit: 3, ucprop: "ids|title|timestamp|comment|size|sizediff|flags|tags" }));
    expectSameContract(fv1);
  });

  it("no user: missingparam (apierror-missingparam-one-of)", async () => {
    await errorInFormats({ action: "query", list: "usercontribs" });
  });

  it("two user parameters: invalidparammix", async () => {
    await errorInFormats({ action: "query", list: "usercontribs", ucuser: "Ada Editor", ucuserids: 1 });
  });

  it("a malformed uccontinue: badcontinue", async () => {
    await errorInFormats({ action: "query", list: "usercontribs", ucuser: "Ada Editor", uccontinue: "bogus" });
  });
});

describe("list=recentchanges", () => {
  it("recent edits with their properties", async () => {
    expectSameContract(
      await pair(
        targets,
        query({ action: "query", list: "recentchanges", rctype: "edit|new", rcprop: "title|ids|user|userid|sizes|flags|timestamp|comment|tags|redirect", rclimit: 3, formatversion: 2 }),
      ),
    );
  });

  it("fv1 and a user's changes", async () => {
    expectSameContract(await pair(targets, query({ action: "query", list: "recentchanges", rctype: "edit|new", rcuser: "Ada Editor", rclimit: 2 })));
  });

  it("rcuser with rcexcludeuser: invalidparammix", async () => {
    await errorInFormats({ action: "query", list: "recentchanges", rcuser: "Ada Editor", rcexcludeuser: "Ada Editor" });
  });

  it("mutually exclusive rcshow values: show", async () => {
    await errorInFormats({ action: "query", list: "recentchanges", rcshow: "minor|!minor" });
  });
});

describe("list=categorymembers", () => {
  it("members with every property, and the next one with cmcontinue", async () => {
    const props = { action: "query", list: "categorymembers", cmtitle: "Category:Contract things", cmprop: "ids|title|sortkey|sortkeyprefix|type|timestamp" };
    const first = await pair(targets, query({ ...props, cmlimit: 1, formatversion: 2 }));
    expectSameContract(first);
    const next = await pair(targets, (t) => {
      const own = t.name === "mediawiki" ? first.mediawiki : first.sandbox;
      return api(t, { query: { ...props, cmlimit: 1, cmcontinue: String(valuesAt(own.json, "continue.cmcontinue")[0]), formatversion: 2 } });
    });
    expectSameContract(next);
    const all = await pair(targets, query({ ...props }));
    expectSameContract(all);
    expect(valuesAt(all.sandbox.json, "query.categorymembers[].title")).toEqual(valuesAt(all.mediawiki.json, "query.categorymembers[].title"));
  });

  it("a title outside the Category namespace: invalidcategory", async () => {
    await errorInFormats({ action: "query", list: "categorymembers", cmtitle: "Contract things" });
  });

  it("neither cmtitle nor cmpageid: missingparam", async () => {
    await errorInFormats({ action: "query", list: "categorymembers" });
  });
});

describe("list=backlinks and prop=linkshere", () => {
  it("backlinks (fv2, fv1, paged)", async () => {
    const all = await pair(targets, query({ action: "query", list: "backlinks", bltitle: TARGET, formatversion: 2 }));
    expectAllSameContract([
      all,
      await pair(targets, query({ action: "query", list: "backlinks", bltitle: TARGET })),
      await pair(targets, query({ action: "query", list: "backlinks", bltitle: TARGET, bllimit: 1, formatversion: 2 })),
    ]);
    expect(valuesAt(all.sandbox.json, "query.backlinks[].title")).toEqual(valuesAt(all.mediawiki.json, "query.backlinks[].title"));
  });

  it("both bltitle and blpageid: invalidparammix", async () => {
    await errorInFormats({ action: "query", list: "backlinks", bltitle: TARGET, blpageid: 1 });
  });

  it("a malformed blcontinue: badcontinue", async () => {
    await errorInFormats({ action: "query", list: "backlinks", bltitle: TARGET, blcontinue: "x|y" });
  });

  it("prop=linkshere for an existing and a missing page, and paged", async () => {
    const both = await pair(targets, query({ action: "query", prop: "linkshere", titles: `${TARGET}|Contract nowhere`, formatversion: 2 }));
    expectAllSameContract([
      both,
      await pair(targets, query({ action: "query", prop: "linkshere", titles: TARGET, lhlimit: 1, formatversion: 2 })),
      await pair(targets, query({ action: "query", prop: "linkshere", titles: TARGET, lhprop: "title", lhshow: "!redirect" })),
    ]);
    // Per page, the linking pages in the same order; the order of `pages` itself is not this test's subject.
    const lists = (exchange: Exchange) =>
      ((exchange.json as { query: { pages: Array<{ title: string; linkshere?: Array<{ title: string }> }> } }).query.pages)
        .map((page) => `${page.title}: ${(page.linkshere ?? []).map((row) => row.title).join(", ")}`)
        .sort();
    expect(lists(both.sandbox)).toEqual(lists(both.mediawiki));
  });
});

describe("action=edit with undo", () => {
  it("undoes one revision, then refuses what it cannot undo", async () => {
    const middle = new Map<Target["name"], number>();
    for (const target of [targets.mediawiki, targets.sandbox]) {
      middle.set(target.name, newRevision(await edit(target, { title: TARGET, text: TARGET_TEXT.replace("two", "two, changed").replace("five", "five, again") })));
      await edit(target, { title: TARGET, text: TARGET_TEXT.replace("two", "two, changed").replace("five", "five, later") });
    }
    const undone = await pair(targets, (t) => edit(t, { title: TARGET, undo: middle.get(t.name)! }));
    expectSameContract(undone);
    const content = await pair(targets, query({ action: "query", titles: TARGET, prop: "revisions", rvprop: "content|comment|tags", rvslots: "main", formatversion: 2 }));
    expectSameContract(content);
    for (const path of ["query.pages[].revisions[].slots.main.content", "query.pages[].revisions[].tags"]) {
      expect(valuesAt(content.sandbox.json, path), path).toEqual(valuesAt(content.mediawiki.json, path));
    }

    for (const errorformat of ["bc", "plaintext"]) {
      const answers = [
        // The same lines changed since: undofailure.
        await pair(targets, (t) => edit(t, { title: TARGET, undo: rev(t, "second") }, { errorformat })),
        // A revision of another page: revwrongpage.
        await pair(targets, (t) => edit(t, { title: TARGET, undo: rev(t, "linkerB2") }, { errorformat })),
        // No such revision: nosuchrevid.
        await pair(targets, (t) => edit(t, { title: TARGET, undo: 99999999 }, { errorformat })),
      ];
      expectAllSameContract(answers);
      const path = errorformat === "bc" ? "error.code" : "errors[].code";
      expect(answers.map((a) => valuesAt(a.sandbox.json, path)[0])).toEqual(["undofailure", "revwrongpage", "nosuchrevid"]);
    }
  });
});

describe("action=parse", () => {
  it("prop=text|links|templates|sections|displaytitle (fv2 and fv1)", async () => {
    const pairs: Pair[] = [];
    for (const formatversion of [2, 1]) {
      pairs.push(await pair(targets, query({ action: "parse", page: "Contract parsed", prop: "text|links|templates|sections|displaytitle", formatversion })));
    }
    expectAllSameContract(pairs);
    for (const path of ["parse.links[].title", "parse.links[].exists", "parse.templates[].title", "parse.sections[].line", "parse.sections[].number", "parse.sections[].anchor", "parse.displaytitle"]) {
      expect(valuesAt(pairs[0]!.sandbox.json, path), path).toEqual(valuesAt(pairs[0]!.mediawiki.json, path));
    }
  });

  it("the default props, a redirect followed, wikitext with a title, and prop=revid", async () => {
    expectAllSameContract([
      await pair(targets, query({ action: "parse", page: "Contract linker A", formatversion: 2 })),
      await pair(targets, query({ action: "parse", page: "Contract redirect", redirects: 1, prop: "text|revid", formatversion: 2 })),
      await pair(targets, query({ action: "parse", text: "''Hi'' [[Contract target]]", title: "Contract scratch", prop: "text|links", formatversion: 2 })),
      await pair(targets, (t) => api(t, { query: { action: "parse", oldid: rev(t, TARGET), prop: "text|sections", formatversion: 2 } })),
    ]);
  });

  it("a missing page, an unknown page id and an unknown oldid", async () => {
    await errorInFormats({ action: "parse", page: "Contract no such page" });
    await errorInFormats({ action: "parse", pageid: 99999999 });
    await errorInFormats({ action: "parse", oldid: 99999999 });
  });
});

describe("bot-password login failures", () => {
  it("an unknown bot name and a wrong password both fail with MediaWiki's reason", async () => {
    for (const suffix of ["contract-no-such-bot", null]) {
      const answers = await pair(targets, async (t) => {
        const jar = new CookieJar();
        const lgtoken = await token(t, jar, "login");
        const user = t.bot.lgname.slice(0, t.bot.lgname.indexOf("@"));
        const lgname = suffix === null ? t.bot.lgname : `${user}@${suffix}`;
        return api(t, { method: "POST", query: { action: "login", formatversion: 2 }, body: { lgname, lgpassword: "wrong-password-0123456789abcdefg", lgtoken }, jar });
      });
      expectSameContract(answers);
      expect(valuesAt(answers.sandbox.json, "login.reason")).toEqual(valuesAt(answers.mediawiki.json, "login.reason"));
    }
  });
});

describe("meta=userinfo", () => {
  it("anonymous editcount is 0", async () => {
    const answers = await pair(targets, query({ action: "query", meta: "userinfo", uiprop: "editcount", formatversion: 2 }));
    expectSameContract(answers);
    expect(valuesAt(answers.sandbox.json, "query.userinfo.editcount")).toEqual([0]);
  });
});

describe("REST history counts", () => {
  it("every type, and the deprecated names", async () => {
    const pairs: Pair[] = [];
    for (const type of ["edits", "editors", "anonymous", "bot", "minor", "reverted", "anonedits"]) {
      pairs.push(await pair(targets, (t) => rest(t, "GET", `/v1/page/Contract_target/history/counts/${type}`)));
    }
    expectAllSameContract(pairs);
    for (const p of pairs.slice(0, 2)) expect(valuesAt(p.sandbox.json, "count")).toEqual(valuesAt(p.mediawiki.json, "count"));
    expect(pairs[6]!.sandbox.headers.get("deprecation")).toBe(pairs[6]!.mediawiki.headers.get("deprecation"));
  });

  it("edits between two revisions", async () => {
    const answers = await pair(targets, (t) => rest(t, "GET", `/v1/page/Contract_target/history/counts/edits?from=${rev(t, TARGET)}&to=${rev(t, "second")}`));
    expectSameContract(answers);
    expect(valuesAt(answers.sandbox.json, "count")).toEqual(valuesAt(answers.mediawiki.json, "count"));
  });

  it("an unknown type, from/to on minor, only from, and a missing page", async () => {
    expectAllSameContract([
      await pair(targets, (t) => rest(t, "GET", "/v1/page/Contract_target/history/counts/nonsense")),
      await pair(targets, (t) => rest(t, "GET", "/v1/page/Contract_target/history/counts/minor?from=1&to=2")),
      await pair(targets, (t) => rest(t, "GET", `/v1/page/Contract_target/history/counts/edits?from=${rev(t, TARGET)}`)),
      await pair(targets, (t) => rest(t, "GET", "/v1/page/Contract_no_such_page/history/counts/edits")),
    ]);
  });
});

describe("REST title search and language links", () => {
  it("GET /v1/search/title by prefix", async () => {
    const answers = await pair(targets, (t) => rest(t, "GET", "/v1/search/title?q=Contract%20linker&limit=5"));
    expectSameContract(answers);
    expect(valuesAt(answers.sandbox.json, "pages[].title")).toEqual(valuesAt(answers.mediawiki.json, "pages[].title"));
    expect(answers.sandbox.headers.get("cache-control")).toBe(answers.mediawiki.headers.get("cache-control"));
  });

  it("GET /v1/search/title without q, and with limit=0", async () => {
    expectAllSameContract([
      await pair(targets, (t) => rest(t, "GET", "/v1/search/title")),
      await pair(targets, (t) => rest(t, "GET", "/v1/search/title?q=Contract&limit=0")),
    ]);
  });

  it("GET /v1/page/{title}/links/language for a page and a missing page", async () => {
    expectAllSameContract([
      await pair(targets, (t) => rest(t, "GET", "/v1/page/Contract_target/links/language")),
      await pair(targets, (t) => rest(t, "GET", "/v1/page/Contract_no_such_page/links/language")),
    ]);
  });
});

describe("what else Wikiport and mwn ask a wiki", () => {
  it("prop=info with the user's own properties and intestactions (Wikiport's signed-in read)", async () => {
    const answers = await pair(targets, (t) =>
      api(t, {
        query: { action: "query", prop: "info", inprop: "watched|url|protection", intestactions: "read|edit", titles: `${TARGET}|Contract nowhere`, redirects: 1, formatversion: 2 },
        jar: session(t).jar,
      }),
    );
    expectSameContract(answers);
  });

  it("list=watchlistraw and list=watchlist of the signed-in user", async () => {
    for (const target of [targets.mediawiki, targets.sandbox]) {
      const watch = await api(target, {
        method: "POST",
        query: { action: "watch", formatversion: 2 },
        body: { titles: TARGET, token: await token(target, session(target).jar, "watch") },
        jar: session(target).jar,
      });
      expect(valuesAt(watch.json, "watch[].watched"), watch.text.slice(0, 200)).toEqual([true]);
    }
    expectAllSameContract([
      await pair(targets, (t) => api(t, { query: { action: "query", list: "watchlistraw", formatversion: 2 }, jar: session(t).jar })),
      await pair(targets, (t) =>
        api(t, { query: { action: "query", list: "watchlist", wlprop: "ids|title|user|timestamp|sizes|flags|comment", wllimit: 2, formatversion: 2 }, jar: session(t).jar }),
      ),
    ]);
  });

  it("REST /v1/revision/{id} in its forms, and an unknown revision", async () => {
    expectAllSameContract([
      await pair(targets, (t) => rest(t, "GET", `/v1/revision/${rev(t, "second")}`)),
      await pair(targets, (t) => rest(t, "GET", `/v1/revision/${rev(t, "second")}/bare`)),
      await pair(targets, (t) => rest(t, "GET", "/v1/revision/99999999/bare")),
      // A revision of another page as the history's anchor.
      await pair(targets, (t) => rest(t, "GET", `/v1/page/Contract_target/history?older_than=${rev(t, "linkerB2")}`)),
    ]);
  });

  it("action=logout ends the bot-password session (mwn's logout)", async () => {
    const answers = await pair(targets, async (t) => {
      const own = await botLogin(t);
      return api(t, { method: "POST", query: { action: "logout", formatversion: 2 }, body: { token: await token(t, own.jar) }, jar: own.jar });
    });
    expectSameContract(answers);
  });
});
