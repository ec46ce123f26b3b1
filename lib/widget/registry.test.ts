import { describe, expect, it } from "vitest";
import { users, widgets } from "@/db/schema";
import { useTestDb } from "@/db/testing";
import { recentAudit } from "@/lib/audit";
import { describeFailure } from "@/lib/i18n/errors";
import { translatorFor } from "@/lib/i18n/translate";
import { MAX_ALLOWED_ORIGINS, parseAllowedOrigins, parseOrigin } from "./origins";
import { createWidget, deleteWidget, EMBED_ID_PATTERN, getWidget, listWidgets, updateWidgetOrigins, type CreateWidgetInput } from "./registry";

const testDb = useTestDb();

async function user(name: string): Promise<string> {
  return (await testDb.db.insert(users).values({ name }).returning())[0]!.id;
}

function input(userId: string, overrides: Partial<CreateWidgetInput> = {}): CreateWidgetInput {
  return {
    userId,
    name: "Moon on my blog",
    wiki: "en.wikipedia.org",
    title: "Moon",
    allowedOrigins: "https://blog.example.org",
    options: { theme: "dark", layout: "compact", lang: "de" },
    watchButton: true,
    ...overrides,
  };
}

async function created(userId: string, overrides: Partial<CreateWidgetInput> = {}) {
  const result = await createWidget(testDb.db, input(userId, overrides));
  if (!result.ok) throw new Error(`createWidget failed: ${result.message}`);
  return result.widget;
}

describe("allowed origins", () => {
  it.each([
    ["https://example.org", "https://example.org"],
    ["  https://Blog.EXAMPLE.org/  ", "https://blog.example.org"],
    ["https://example.org:443", "https://example.org"],
    ["https://example.org:8443", "https://example.org:8443"],
    ["HTTPS://bücher.example", "https://xn--bcher-kva.example"],
    ["http://localhost:3000", "http://localhost:3000"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
    ["http://localhost", "http://localhost"],
    ["http://localhost:80", "http://localhost"],
  ])("accepts %j as %s", (raw, origin) => {
    expect(parseOrigin(raw)).toEqual({ ok: true, origin });
  });

  it.each([
    ["example.org", /Start with https/],
    ["//example.org", /Start with https/],
    ["http://example.org", /Use https/],
    ["http://localhost.example.org", /Use https/],
    ["http://192.168.1.10", /Use https/],
    ["https://example.org/blog", /without a path/],
    ["https://example.org/?x=1", /query/],
    ["https://example.org#top", /fragment/],
    ["https://user:pw@example.org", /user name/],
    ["https://@example.org", /user name/],
    ["https://*.example.org", /Wildcards/],
    ["*", /Wildcards/],
    ["https:\\\\evil.example", /Start with https/],
    ["https://example.org\\@evil.example", /without a path/],
    ["https://exa mple.org", /can't contain ";", ",", quotes or spaces/],
    ["https://ada.example;sandbox", /can't contain ";"/],
    ["https://ada.example; frame-src https://x.example", /can't contain ";"/],
    ["https://a.example,https://b.example", /can't contain ";", ","/],
    ["https://a.example 'unsafe-inline'", /quotes or spaces/],
    ["'https://a.example'", /quotes/],
    ['"https://a.example"', /quotes/],
    ["https://a.example\tx", /spaces/],
    ["https://a%3Bb.example", /letters, digits, hyphens and dots/],
    ["https://a!b.example", /letters, digits, hyphens and dots/],
    ["https://a_b.example", /letters, digits, hyphens and dots/],
    ["https://[::1]", /letters, digits, hyphens and dots/],
    ["https://example.org/a-b", /without a path/],
    ["https://example.org?a=b", /query/],
    ["ftp://example.org", /https/],
    ["javascript://example.org", /https/],
    ["https://example.org:99999", /not a valid web address/],
    ["https://a..b", /not valid/],
    ["null", /Start with https/],
  ])("refuses %j", (raw, message) => {
    const result = parseOrigin(raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toMatch(message);
  });

  it("reads one origin per line, skips blank lines and keeps duplicates once", async () => {
    expect(parseAllowedOrigins("https://a.example\r\n\n  \nhttps://A.example:443/\nhttp://localhost:3304")).toEqual({
      ok: true,
      origins: ["https://a.example", "http://localhost:3304"],
    });
  });

  it("reports every bad line with its number", async () => {
    const result = parseAllowedOrigins("https://ok.example\nhttp://plain.example\n\nhttps://x.example/path");
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((error) => [error.line, error.input])).toEqual([
      [2, "http://plain.example"],
      [4, "https://x.example/path"],
    ]);
  });

  it("needs at least one and at most the limit", async () => {
    expect(parseAllowedOrigins("\n \n").ok).toBe(false);
    const many = Array.from({ length: MAX_ALLOWED_ORIGINS + 1 }, (_, i) => `https://site${i}.example`);
    const tooMany = parseAllowedOrigins(many);
    expect(tooMany.ok ? "" : tooMany.errors[0]?.message).toMatch(`at most ${MAX_ALLOWED_ORIGINS}`);
    expect(parseAllowedOrigins(many.slice(0, MAX_ALLOWED_ORIGINS)).ok).toBe(true);
  });
});

describe("the widget registry", () => {
  it("creates a widget with a random unguessable embed id and normalized origins, and logs it", async () => {
    const ada = await user("Ada Editor");
    const first = await created(ada, { allowedOrigins: "https://Blog.Example.org/\nhttp://localhost:3304", title: "Apollo_11" });
    const second = await created(ada);
    expect(first.id).toMatch(EMBED_ID_PATTERN);
    expect(first.id.length).toBeGreaterThanOrEqual(22);
    expect(first.id).not.toBe(second.id);
    expect(first.id).not.toContain(ada);
    expect(first).toMatchObject({
      userId: ada,
      name: "Moon on my blog",
      wiki: "en.wikipedia.org",
      title: "Apollo 11",
      allowedOrigins: ["https://blog.example.org", "http://localhost:3304"],
      options: { theme: "dark", layout: "compact", lang: "de" },
      watchButton: true,
    });
    expect(await getWidget(testDb.db, first.id)).toEqual(first);
    expect((await recentAudit(testDb.db, ada)).map((event) => [event.action, event.title, event.wiki, event.result])).toEqual([
      ["create_widget", "Moon on my blog", null, "ok"],
      ["create_widget", "Moon on my blog", null, "ok"],
    ]);
  });

  it("refuses bad input with a code and a message per problem, and stores nothing", async () => {
    const ada = await user("Ada Editor");
    const cases: [Partial<CreateWidgetInput>, string][] = [
      [{ name: " " }, "invalid_name"],
      [{ name: "a\u0007b" }, "invalid_name"],
      [{ wiki: "evil.example" }, "invalid_wiki"],
      [{ wiki: "en.wikipedia.org:8080" }, "invalid_wiki"],
      [{ title: "" }, "invalid_title"],
      [{ title: "A|B" }, "invalid_title"],
      [{ allowedOrigins: "" }, "invalid_origins"],
      [{ options: { theme: "neon", layout: "full", lang: "en" } as never }, "invalid_options"],
      [{ options: { theme: "auto", layout: "full", lang: "xx" } as never }, "invalid_options"],
    ];
    const english = translatorFor("en");
    for (const [overrides, code] of cases) {
      const result = await createWidget(testDb.db, input(ada, overrides));
      expect(result.ok ? "created" : result.code, JSON.stringify(overrides)).toBe(code);
      // Each problem is said from its data, in English as the registry says it.
      if (!result.ok) expect(result.problems.map((problem) => describeFailure(english, problem)), JSON.stringify(overrides)).toEqual(result.messages);
    }
    const origins = await createWidget(testDb.db, input(ada, { allowedOrigins: "https://ok.example\nhttp://plain.example\nhttps://*.example" }));
    expect(origins.ok).toBe(false);
    expect(origins.ok ? [] : origins.messages).toEqual([expect.stringMatching(/^Line 2 \(http:\/\/plain\.example\): Use https/), expect.stringMatching(/^Line 3 .*Wildcards/)]);
    expect(origins.ok ? [] : origins.problems.map((problem) => describeFailure(translatorFor("de"), problem))).toEqual([
      "Zeile 2 (http://plain.example): Verwende https://. Einfaches http:// wird nur für http://localhost und http://127.0.0.1 während der Entwicklung akzeptiert.",
      "Zeile 3 (https://*.example): Platzhalter sind nicht erlaubt: Gib jeden Ursprung genau an, etwa https://example.org oder https://blog.example.org:8443.",
    ]);
    expect((await testDb.db.select().from(widgets))).toEqual([]);
    expect(await recentAudit(testDb.db, ada)).toEqual([]);
  });

  it("answers unknown_user when the account is gone", async () => {
    const result = await createWidget(testDb.db, input("no-such-user"));
    expect(result.ok ? "created" : result.code).toBe("unknown_user");
  });

  it("lists only the owner's widgets, newest first", async () => {
    const ada = await user("Ada Editor");
    const ana = await user("Ana Admin");
    const older = await createWidget(testDb.db, input(ada, { name: "Older" }), new Date(Date.UTC(2026, 0, 1)));
    const newer = await createWidget(testDb.db, input(ada, { name: "Newer" }), new Date(Date.UTC(2026, 0, 2)));
    await created(ana, { name: "Ana's" });
    expect((await listWidgets(testDb.db, ada)).map((widget) => widget.name)).toEqual(["Newer", "Older"]);
    expect(older.ok && newer.ok).toBe(true);
    expect((await listWidgets(testDb.db, ana)).map((widget) => widget.name)).toEqual(["Ana's"]);
  });

  it("deletes only the owner's widget: another user's id answers not_found and stays", async () => {
    const ada = await user("Ada Editor");
    const ana = await user("Ana Admin");
    const widget = await created(ada);
    expect(await deleteWidget(testDb.db, ana, widget.id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await getWidget(testDb.db, widget.id)).not.toBeNull();
    expect(await recentAudit(testDb.db, ana)).toEqual([]);

    expect(await deleteWidget(testDb.db, ada, widget.id)).toMatchObject({ ok: true, widget: { id: widget.id } });
    expect(await getWidget(testDb.db, widget.id)).toBeNull();
    expect(await deleteWidget(testDb.db, ada, widget.id)).toMatchObject({ ok: false, code: "not_found" });
    expect((await recentAudit(testDb.db, ada)).map((event) => [event.action, event.title])).toEqual([
      ["delete_widget", "Moon on my blog"],
      ["create_widget", "Moon on my blog"],
    ]);
  });

  it("updates the allow-list of the owner's widget only, validated like creation", async () => {
    const ada = await user("Ada Editor");
    const ana = await user("Ana Admin");
    const widget = await created(ada);
    const later = new Date(widget.createdAt.getTime() + 60_000);
    expect(await updateWidgetOrigins(testDb.db, ana, widget.id, "https://ana.example")).toMatchObject({ ok: false, code: "not_found" });
    expect(await updateWidgetOrigins(testDb.db, ada, widget.id, "https://ok.example/path")).toMatchObject({ ok: false, code: "invalid_origins" });
    expect((await getWidget(testDb.db, widget.id))?.allowedOrigins).toEqual(["https://blog.example.org"]);

    const updated = await updateWidgetOrigins(testDb.db, ada, widget.id, ["https://NEW.example:443", "http://127.0.0.1:3304"], later);
    expect(updated).toMatchObject({ ok: true, widget: { allowedOrigins: ["https://new.example", "http://127.0.0.1:3304"] } });
    expect((await getWidget(testDb.db, widget.id))?.updatedAt).toEqual(later);
  });

  it("finds nothing for ids that are not embed ids", async () => {
    expect(await getWidget(testDb.db, "")).toBeNull();
    expect(await getWidget(testDb.db, "../../etc")).toBeNull();
    expect(await getWidget(testDb.db, "x".repeat(200))).toBeNull();
  });
});
