import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { userViewer, anonymousViewer, type Viewer } from "../auth";
import { defaultSandboxConfig } from "../config";
import { DEMO_USERS, generateSigningKey, seedState } from "../seed";
import { SandboxStore } from "../store";
import { findWiki, type Wiki } from "../wikis";
import { performEdit, NEWBIE_EDIT_LIMIT, type EditInput, type EditResult } from "./edit";
import { findPage, latestRevision, parseTitle } from "./pages";

let store: SandboxStore;
let signingKey: ReturnType<typeof generateSigningKey>;
const wiki = findWiki("en.wikipedia.org") as Wiki;
// Wikiport's consumer grants (seed.ts); the engine test needs no server, so it does not import testing.ts.
const ALL_WIKIPORT_GRANTS = ["basic", "editpage", "createeditmovepage", "editmywatchlist", "viewmywatchlist"];
const config = defaultSandboxConfig({ store: "memory" });

beforeAll(() => {
  signingKey = generateSigningKey();
});

const MOON = "The '''Moon''' orbits [[Earth]].";
const EARTH = "'''Earth''' is the third planet from the [[Sun]].\n\n== Surface ==\nMostly water.";

beforeEach(() => {
  store = new SandboxStore(config, seedState(config, Date.now(), signingKey));
  // The tests' own pages, so seed content can change freely.
  for (const [title, text] of [["Fixture Moon", MOON], ["Fixture Earth", EARTH]] as const) {
    success(edit(title, viewer(DEMO_USERS.admin.name, null), { text, watchlist: "nochange" }));
  }
});

function viewer(name: string, grants: string[] | null = ALL_WIKIPORT_GRANTS): Viewer {
  const user = store.state.users.find((u) => u.name === name);
  if (!user) throw new Error(`no user ${name}`);
  return userViewer(store, user, { grants, via: "oauth", clientKey: null, sessionKey: `test:${user.id}:${grants?.join(",")}` });
}

function edit(title: string, who: Viewer, more: Partial<EditInput>): EditResult {
  const parsed = parseTitle(wiki, title);
  if (!parsed) throw new Error(`bad title ${title}`);
  return performEdit(store, { wiki, title: parsed, viewer: who, summary: "test", minor: false, createOnly: false, noCreate: false, ...more });
}

function success(result: EditResult) {
  if (result.status !== "success") throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result;
}

function failure(result: EditResult) {
  if (result.status !== "error") throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result;
}

const ada = () => viewer(DEMO_USERS.editor.name);
const ana = () => viewer(DEMO_USERS.admin.name);

function contentOf(title: string): string {
  const page = findPage(store, wiki, parseTitle(wiki, title)!);
  if (!page) throw new Error(`no page ${title}`);
  return latestRevision(store, page).content;
}

describe("performEdit: saving", () => {
  it("creates a page with a first revision, a watch and a higher edit count", () => {
    const before = store.state.users.find((u) => u.id === DEMO_USERS.editor.id)!.editCount;
    const startedAt = store.now();
    const result = success(edit("Brand new page", ada(), { text: "Hello\n\n" }));
    expect(result).toMatchObject({ isNew: true, noChange: false, oldRevId: 0, watched: true });
    expect(result.revision).toMatchObject({ parentId: 0, userName: "Ada Editor", content: "Hello", comment: "test", minor: false });
    expect(result.revision.timestamp).toBeGreaterThanOrEqual(startedAt);
    expect(result.revision.timestamp).toBeLessThanOrEqual(store.now());
    expect(result.page.latestRevisionId).toBe(result.revision.id);
    expect(store.state.users.find((u) => u.id === DEMO_USERS.editor.id)!.editCount).toBe(before + 1);
    expect(store.state.watchlist).toContainEqual(expect.objectContaining({ userId: DEMO_USERS.editor.id, title: "Brand new page" }));
  });

  it("chains revisions with parent ids and the sandbox clock", () => {
    const first = success(edit("Fixture Moon", ada(), { text: "One" }));
    store.advanceClock(120);
    const second = success(edit("Fixture Moon", ada(), { text: "Two", minor: true }));
    expect(second.oldRevId).toBe(first.revision.id);
    expect(second.revision.parentId).toBe(first.revision.id);
    expect(second.revision.timestamp - first.revision.timestamp).toBeGreaterThanOrEqual(120_000);
    expect(second.revision.minor).toBe(true);
  });

  it("treats identical text (after trailing-whitespace trimming) as a null edit", () => {
    const current = contentOf("Fixture Moon");
    const revisions = store.state.revisions.length;
    const result = success(edit("Fixture Moon", ada(), { text: `${current}\n\n  ` }));
    expect(result.noChange).toBe(true);
    expect(store.state.revisions.length).toBe(revisions);
  });

  it("appends and prepends to the current text", () => {
    success(edit("Fixture Moon", ada(), { appendText: "\nAppended." }));
    success(edit("Fixture Moon", ada(), { prependText: "Prepended.\n" }));
    expect(contentOf("Fixture Moon")).toBe("Prepended.\nThe '''Moon''' orbits [[Earth]].\nAppended.");
  });

  it("replaces a numbered section, adds a new one and rejects a missing one", () => {
    success(edit("Fixture Earth", ada(), { section: "1", text: "== Surface ==\nMostly rock and water." }));
    expect(contentOf("Fixture Earth")).toBe("'''Earth''' is the third planet from the [[Sun]].\n\n== Surface ==\nMostly rock and water.");
    const added = success(edit("Fixture Earth", ada(), { section: "new", sectionTitle: "Moons", text: "One.", summary: "" }));
    expect(added.revision.comment).toBe("/* Moons */ new section");
    expect(contentOf("Fixture Earth")).toMatch(/Mostly rock and water\.\n\n== Moons ==\n\nOne\.$/);
    success(edit("Fixture Earth", ada(), { section: "0", text: "Lead replaced." }));
    expect(contentOf("Fixture Earth").startsWith("Lead replaced.\n\n== Surface ==")).toBe(true);
    expect(failure(edit("Fixture Earth", ada(), { section: "9", text: "x" })).code).toBe("nosuchsection");
  });

  it("honours createonly, nocreate and refuses an empty new page", () => {
    expect(failure(edit("Fixture Moon", ada(), { text: "x", createOnly: true })).code).toBe("articleexists");
    expect(failure(edit("Nowhere", ada(), { text: "x", noCreate: true })).code).toBe("missingtitle");
    expect(failure(edit("Nowhere", ada(), { text: "  " })).code).toBe("emptypage");
  });

  it("refuses content over 2 MiB", () => {
    expect(failure(edit("Fixture Moon", ada(), { text: "x".repeat(2 * 1024 * 1024 + 1) })).code).toBe("contenttoobig");
  });

  it("follows the watchlist parameter", () => {
    expect(success(edit("Fixture Moon", ada(), { text: "a", watchlist: "nochange" })).watched).toBe(false);
    expect(success(edit("Fixture Moon", ada(), { text: "b", watchlist: "watch" })).watched).toBe(true);
    expect(success(edit("Fixture Moon", ada(), { text: "c", watchlist: "unwatch" })).watched).toBe(false);
    expect(store.state.watchlist).toHaveLength(0);
  });
});

describe("performEdit: conflicts", () => {
  function setUp() {
    const base = success(edit("Fixture Moon", ana(), { text: "line 1\nline 2\nline 3\nline 4\nline 5" })).revision;
    success(edit("Fixture Moon", ana(), { text: "line 1\nline 2\nline 3\nline 4\nline 5 (admin)" }));
    return base;
  }

  it("merges non-overlapping changes against a stale base", () => {
    const base = setUp();
    const result = success(edit("Fixture Moon", ada(), { text: "line 1 (ada)\nline 2\nline 3\nline 4\nline 5", baseRevId: base.id }));
    expect(result.revision.content).toBe("line 1 (ada)\nline 2\nline 3\nline 4\nline 5 (admin)");
  });

  it("reports overlapping changes as an edit conflict with base and current", () => {
    const base = setUp();
    const result = failure(edit("Fixture Moon", ada(), { text: "line 1\nline 2\nline 3\nline 4\nline 5 (ada)", baseRevId: base.id }));
    expect(result.code).toBe("editconflict");
    expect(result.conflict?.base.id).toBe(base.id);
    expect(result.conflict?.current.content).toBe("line 1\nline 2\nline 3\nline 4\nline 5 (admin)");
  });

  it("detects the conflict from basetimestamp too", () => {
    const base = setUp();
    store.advanceClock(5);
    const stale = base.timestamp;
    const later = store.state.revisions.at(-1)!;
    later.timestamp = store.now();
    const result = failure(edit("Fixture Moon", ada(), { text: "line 1\nline 2\nline 3\nline 4\nmine", baseTimestamp: stale }));
    expect(result.code).toBe("editconflict");
  });

  it("never conflicts when the same user made the intervening edits", () => {
    const base = setUp();
    const result = success(edit("Fixture Moon", ana(), { text: "line 1\nline 2\nline 3\nline 4\nline 5 (again)", baseRevId: base.id }));
    expect(result.revision.content).toBe("line 1\nline 2\nline 3\nline 4\nline 5 (again)");
  });

  it("rejects a base revision of another page", () => {
    const earth = findPage(store, wiki, parseTitle(wiki, "Fixture Earth")!)!;
    expect(failure(edit("Fixture Moon", ada(), { text: "x", baseRevId: earth.latestRevisionId })).code).toBe("revwrongpage");
  });
});

describe("performEdit: permissions and filters", () => {
  it("needs createpage to create: an editpage-only token gets cantcreate but can edit", () => {
    const narrow = viewer(DEMO_USERS.editor.name, ["basic", "editpage"]);
    expect(failure(edit("Not yet", narrow, { text: "x" })).code).toBe("cantcreate");
    success(edit("Fixture Moon", narrow, { text: "Edited with editpage only" }));
  });

  it("refuses without the edit right", () => {
    expect(failure(edit("Fixture Moon", viewer(DEMO_USERS.editor.name, ["basic"]), { text: "x" })).code).toBe("permissiondenied");
    expect(failure(edit("Fixture Moon", anonymousViewer(), { text: "x" })).code).toBe("permissiondenied");
  });

  it("reports a block with its blockinfo", () => {
    const result = failure(edit("Fixture Moon", viewer(DEMO_USERS.blocked.name), { text: "x" }));
    expect(result.code).toBe("blocked");
    expect(result.data?.blockinfo).toMatchObject({
      blockid: 1, blockedby: "Ana Admin", blockedbyid: DEMO_USERS.admin.id, blockreason: "Disruptive editing (demo block)",
      blockexpiry: "infinite", blockpartial: false,
    });
    expect((result.data?.blockinfo as { blockedtimestamp: string }).blockedtimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("enforces protection levels through the rights grants leave", () => {
    const moon = findPage(store, wiki, parseTitle(wiki, "Fixture Moon")!)!;
    moon.protection = { edit: "sysop" };
    expect(failure(edit("Fixture Moon", ada(), { text: "x" })).code).toBe("protectedpage");
    expect(failure(edit("Fixture Moon", ana(), { text: "x" })).code).toBe("protectedpage");
    success(edit("Fixture Moon", viewer(DEMO_USERS.admin.name, null), { text: "Admin, full session" }));
    moon.protection = { edit: "autoconfirmed" };
    success(edit("Fixture Moon", ada(), { text: "semi is fine for Ada" }));
    expect(failure(edit("Fixture Moon", viewer(DEMO_USERS.newcomer.name), { text: "x" })).code).toBe("protectedpage");
  });

  it("disallows an edit that adds a disallowed phrase", () => {
    const result = failure(edit("Fixture Moon", ada(), { appendText: " Buy cheap watches here" }));
    expect(result.code).toBe("abusefilter-disallowed");
    expect(result.data).toEqual({ abusefilter: { id: 42, description: "Sandbox demo: the phrase 'buy cheap watches'", actions: ["disallow"] } });
    expect(failure(edit("Fixture Moon", ada(), { appendText: " Buy cheap watches here" })).code).toBe("abusefilter-disallowed");
  });

  it("warns once, then accepts the same edit resubmitted", () => {
    const first = failure(edit("Fixture Moon", ada(), { appendText: " ALL CAPS WARNING" }));
    expect(first.code).toBe("abusefilter-warning");
    expect(first.data).toMatchObject({ abusefilter: { id: 43, actions: ["warn"] } });
    success(edit("Fixture Moon", ada(), { appendText: " ALL CAPS WARNING" }));
  });

  it("asks a newcomer adding an external link for a captcha (a soft failure)", () => {
    const result = edit("Fixture Moon", viewer(DEMO_USERS.newcomer.name), { appendText: " See https://example.org/x" });
    expect(result.status).toBe("failure");
    if (result.status !== "failure") return;
    expect(result.data.captcha).toMatchObject({ type: "image", mime: "image/png" });
    const captcha = result.data.captcha as { id: string; url: string };
    expect(captcha.url).toContain(`wpCaptchaId=${captcha.id}`);
    success(edit("Fixture Moon", ada(), { appendText: " See https://example.org/x" }));
  });

  it("rate-limits a newcomer to 8 edits per minute of the sandbox clock", () => {
    const nico = viewer(DEMO_USERS.newcomer.name);
    for (let i = 0; i < NEWBIE_EDIT_LIMIT.count; i++) success(edit("Fixture Moon", nico, { text: `edit ${i}` }));
    expect(failure(edit("Fixture Moon", nico, { text: "one too many" })).code).toBe("ratelimited");
    store.advanceClock(61);
    success(edit("Fixture Moon", nico, { text: "after a minute" }));
    for (let i = 0; i < 20; i++) success(edit("Fixture Moon", ada(), { text: `ada ${i}` }));
  });
});
