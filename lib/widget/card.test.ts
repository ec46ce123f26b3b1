/**
 * The card from sandbox data over HTTP: its data model (one Action API request with the app token) and
 * the whole answer of the responder (statuses, headers, ETag/304, framing), with a real test database
 * for registered widgets.
 */
import { describe, expect, it } from "vitest";
import { users, widgets } from "@/db/schema";
import { useTestDb } from "@/db/testing";
import { createHtmlCache } from "@/lib/articles/html-cache";
import { mediaPrefixFor } from "@/lib/articles/media";
import { createRateLimiter } from "@/lib/rate-limit";
import { createActionClient } from "@/lib/wikimedia/action";
import { appCredential, createAppToken } from "@/lib/wikimedia/app-token";
import { createWikimediaHttp } from "@/lib/wikimedia/http";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { createRestClient } from "@/lib/wikimedia/rest";
import { siteOf } from "@/lib/wikimedia/testing";
import { WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { createCardCache } from "./cache";
import { frameJavaScript } from "./js-bytes";
import { getWidget } from "./registry";
import { createCardResponder, PUBLIC_CACHE_CONTROL } from "./respond";
import { fetchCardSummary, safeThumbnail, type SummaryDeps } from "./summary";

const sb = useSandbox();
const testDb = useTestDb();
const APP = "http://wikiport.test";
const EN = siteOf("en.wikipedia.org");
const HE = siteOf("he.wikipedia.org");

function setup(limits = { capacity: 1_000, refillPerMinute: 1_000 }) {
  const oauthUrl = `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
  const tokens = createTokenClient({ oauthUrl, clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test" });
  const wikiUrlTemplate = `${sb.url}/{host}/w`;
  const http = createWikimediaHttp({ wikiUrlTemplate, userAgent: "Wikiport/test (widget tests)", requestTimeoutMs: 2_000 });
  const mediaPrefix = mediaPrefixFor({ mode: "sandbox", sandboxUrl: sb.url });
  const deps: SummaryDeps = {
    action: createActionClient({ http }), wikiUrlTemplate, mediaPrefix, attribution: { rest: createRestClient({ http }), cache: createHtmlCache() },
  };
  const visitor = appCredential(createAppToken({ tokens }));
  const cache = createCardCache((site, title) => fetchCardSummary(deps, visitor, site, title));
  const responder = createCardResponder({
    cache, appOrigin: APP, mediaPrefix, limiter: createRateLimiter({ db: () => testDb.db, secret: "card-test-secret" }, { name: "embed", ...limits }), trustedProxyHops: 1, getWidget: (id) => getWidget(testDb.db, id),
  });
  return { deps, visitor, responder, mediaPrefix };
}

async function apiRequests(): Promise<{ method: string; path: string }[]> {
  return ((await sb.control("GET", `/requests?endpoint=${encodeURIComponent("api/query")}`)) as { requests: { method: string; path: string }[] }).requests;
}

function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`${APP}${path}`, { headers: { "x-forwarded-for": "203.0.113.7", ...headers } });
}

function frameAncestorsOf(response: Response): string | undefined {
  return /frame-ancestors ([^;]+)/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
}

async function addWidget(values: Partial<typeof widgets.$inferInsert> = {}): Promise<string> {
  const [user] = await testDb.db.insert(users).values({ name: "Owner" }).returning();
  const id = values.id ?? "w1dgetTestId_0123456789a";
  await testDb.db.insert(widgets).values({
    id, userId: user!.id, name: "Test widget", wiki: "en.wikipedia.org", title: "Earth",
    allowedOrigins: ["https://blog.example"], options: { theme: "dark", layout: "compact", lang: "de" }, watchButton: true,
    createdAt: new Date(1_000), updatedAt: new Date(2_000), ...values,
  });
  return id;
}

describe("card data (fetchCardSummary)", () => {
  it("reads title, description, lead text, thumbnail and revision in one Action API request", async () => {
    const { deps, visitor, mediaPrefix } = setup();
    await sb.control("DELETE", "/requests");
    const result = await fetchCardSummary(deps, visitor, EN, "Planet_Earth");
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ title: "Earth", wiki: "en.wikipedia.org", lang: "en", dir: "ltr", description: "Third planet from the Sun" });
    expect(result.value.extract).toMatch(/^Earth is the third planet/);
    expect(result.value.thumbnail?.url.startsWith(mediaPrefix)).toBe(true);
    expect(result.value.wikiUrl).toBe(`${sb.url}/en.wikipedia.org/wiki/Earth`);
    expect(result.value.revisionId).toBeGreaterThan(0);
    expect(await apiRequests()).toHaveLength(1);
  });

  it("reads a right-to-left article right to left, and says when a page is missing or invalid", async () => {
    const { deps, visitor } = setup();
    const he = await fetchCardSummary(deps, visitor, HE, "כדור הארץ");
    expect(he).toMatchObject({ ok: true, value: { lang: "he", dir: "rtl", description: "כוכב הלכת השלישי במרחקו מהשמש" } });
    expect(await fetchCardSummary(deps, visitor, EN, "No such card article")).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await fetchCardSummary(deps, visitor, EN, "Bad[title")).toMatchObject({ ok: false, error: { code: "invalid_title" } });
  });

  it("keeps only thumbnails on the media host", () => {
    const prefix = "https://upload.wikimedia.org/";
    expect(safeThumbnail({ source: "https://upload.wikimedia.org/a/b.png", width: 320, height: 200 }, prefix)).toEqual({ url: "https://upload.wikimedia.org/a/b.png", width: 320, height: 200 });
    expect(safeThumbnail({ source: "https://evil.example/a.png", width: 1, height: 1 }, prefix)).toBeNull();
    expect(safeThumbnail({ source: "javascript:alert(1)", width: 1, height: 1 }, prefix)).toBeNull();
    expect(safeThumbnail({ source: "https://upload.wikimedia.org.evil.example/a.png", width: 1, height: 1 }, prefix)).toBeNull();
  });
});

describe("public card responses", () => {
  it("renders the card with its own headers, cache validators and no framework script", async () => {
    const { responder, mediaPrefix } = setup();
    const response = await responder.publicCard(get("/embed/en.wikipedia.org/Earth?theme=dark&layout=full&lang=he"), "en.wikipedia.org", ["Earth"]);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<h1>Earth</h1>");
    expect(html).toContain('<html lang="he" dir="rtl" data-theme="dark" data-layout="full"');
    expect(html).toContain(`href="${APP}/wiki/en.wikipedia.org/Earth" target="_blank" rel="noopener noreferrer"`);
    expect(html).toContain(`href="${sb.url}/en.wikipedia.org/wiki/Earth" target="_blank" rel="noopener noreferrer"`);
    // Licence and credit from the sandbox's Attribution API (lib/articles/attribution.ts), in the card's language.
    expect(html).toContain(
      ' ב־<bdi>English Wikipedia</bdi>, זמין לפי רישיון <a href="https://creativecommons.org/licenses/by-sa/4.0/deed.en" target="_blank" rel="license noopener noreferrer">CC BY-SA 4.0</a>',
    );
    expect(html).toContain(`<img class="thumb" src="${mediaPrefix}`);
    expect(html).not.toContain(`id="wp-watch"`);
    expect(frameJavaScript(html)).toMatchObject({ inlineScripts: 1, externalScripts: [] });
    expect(response.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(frameAncestorsOf(response)).toBe("*");
    expect(response.headers.get("set-cookie")).toBeNull();
    const etag = response.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await responder.publicCard(get("/embed/en.wikipedia.org/Earth?theme=dark&layout=full&lang=he", { "if-none-match": `W/${etag}` }), "en.wikipedia.org", ["Earth"]);
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
    const other = await responder.publicCard(get("/embed/en.wikipedia.org/Earth?theme=light", { "if-none-match": etag! }), "en.wikipedia.org", ["Earth"]);
    expect(other.status).toBe(200);
    expect(other.headers.get("etag")).not.toBe(etag);
  });

  it("costs the wiki one request however many views, and a new one after an edit (new ETag)", async () => {
    const { responder } = setup();
    await sb.control("DELETE", "/requests");
    const views = await Promise.all(Array.from({ length: 10 }, () => responder.publicCard(get("/embed/en.wikipedia.org/Moon"), "en.wikipedia.org", ["Moon"])));
    expect(views.map((view) => view.status)).toEqual(Array(10).fill(200));
    expect(new Set(views.map((view) => view.headers.get("etag"))).size).toBe(1);
    expect(await apiRequests()).toHaveLength(1);
  });

  it("speaks its reader's language (Accept-Language) unless the address pins one, the article keeping its own", async () => {
    const { responder } = setup();
    await sb.control("DELETE", "/requests");
    const hebrew = await responder.publicCard(get("/embed/en.wikipedia.org/Earth?layout=compact", { "accept-language": "he, en;q=0.5" }), "en.wikipedia.org", ["Earth"]);
    expect(hebrew.status).toBe(200);
    const hebrewHtml = await hebrew.text();
    expect(hebrewHtml).toContain('<html lang="he" dir="rtl" data-theme="auto" data-layout="compact"');
    expect(hebrewHtml).toContain(">לקריאה ב־Wikiport</a>");
    expect(hebrewHtml).toContain(`>לקריאה ב־en.wikipedia.org</a>`);
    expect(hebrewHtml).toContain("הטקסט מתוך <bdi lang=\"en\" dir=\"ltr\"><a ");
    // The article's text stays in the wiki's language and direction.
    expect(hebrewHtml).toContain('<div lang="en" dir="ltr"><img class="thumb"');
    expect(hebrewHtml).not.toContain("Read on");
    expect(hebrew.headers.get("content-language")).toBe("he");
    expect(hebrew.headers.get("vary")).toBe("Accept-Language");

    // Two languages of the same card are two renderings, cached apart, from one request to the wiki.
    const german = await responder.publicCard(get("/embed/en.wikipedia.org/Earth?layout=compact", { "accept-language": "de-CH" }), "en.wikipedia.org", ["Earth"]);
    const germanHtml = await german.text();
    expect(germanHtml).toContain('<html lang="de" dir="ltr"');
    expect(germanHtml).toContain(">Auf Wikiport lesen</a>");
    expect(german.headers.get("etag")).not.toBe(hebrew.headers.get("etag"));
    const hebrewAgain = await responder.publicCard(get("/embed/en.wikipedia.org/Earth?layout=compact", { "accept-language": "he" }), "en.wikipedia.org", ["Earth"]);
    expect(await hebrewAgain.text()).toBe(hebrewHtml);
    expect(hebrewAgain.headers.get("etag")).toBe(hebrew.headers.get("etag"));
    expect(await apiRequests()).toHaveLength(1);

    // `lang=` pins the card's language for every reader: no Vary then.
    const pinned = await responder.publicCard(get("/embed/en.wikipedia.org/Earth?lang=ar", { "accept-language": "he" }), "en.wikipedia.org", ["Earth"]);
    expect(await pinned.text()).toContain('<html lang="ar" dir="rtl"');
    expect(pinned.headers.get("content-language")).toBe("ar");
    expect(pinned.headers.get("vary")).toBeNull();
    // Nothing asked for: English.
    expect(await (await responder.publicCard(get("/embed/en.wikipedia.org/Earth"), "en.wikipedia.org", ["Earth"])).text()).toContain('<html lang="en" dir="ltr"');
  });

  it("says what went wrong in its reader's language", async () => {
    const { responder } = setup();
    const missing = await responder.publicCard(get("/embed/en.wikipedia.org/No_such_card_article", { "accept-language": "he" }), "en.wikipedia.org", ["No_such_card_article"]);
    expect(missing.status).toBe(404);
    const html = await missing.text();
    expect(html).toContain('<html lang="he" dir="rtl"');
    expect(html).toContain("<h1>הערך לא נמצא</h1><p>אין דף בשם „No such card article” ב־en.wikipedia.org.</p>");
    expect(missing.headers.get("vary")).toBe("Accept-Language");
    const unknownWiki = await responder.publicCard(get("/embed/evil.example/Earth", { "accept-language": "de" }), "evil.example", ["Earth"]);
    expect(await unknownWiki.text()).toContain("<h1>Unbekanntes Wiki</h1><p>„evil.example“ ist kein Wiki von Wikimedia.</p>");
    const badOption = await responder.publicCard(get("/embed/en.wikipedia.org/Earth?theme=neon", { "accept-language": "fr" }), "en.wikipedia.org", ["Earth"]);
    expect(await badOption.text()).toContain("<p>« theme » doit être l’une de ces valeurs : light, dark, auto. Vérifiez l’adresse de la fiche.</p>");
  });

  it("escapes the hostile fixture's text: no markup from upstream reaches the card", async () => {
    const { responder } = setup();
    const response = await responder.publicCard(get("/embed/en.wikipedia.org/Sandbox/Hostile_markup"), "en.wikipedia.org", ["Sandbox", "Hostile_markup"]);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<h1>Sandbox/Hostile markup</h1>");
    expect(frameJavaScript(html)).toMatchObject({ inlineScripts: 1, externalScripts: [] });
    expect(html).not.toMatch(/<(iframe|object|embed|form|svg|math|base|meta http-equiv|link)\b/i);
    expect(html).not.toMatch(/\son\w+=/i);
  });

  it("answers every problem with a message card and the right status, never a 500", async () => {
    const { responder } = setup();
    const cases: [string, string, string[], number, RegExp][] = [
      ["/embed/en.wikipedia.org/Earth?theme=neon", "en.wikipedia.org", ["Earth"], 400, /settings are not valid.*&quot;theme&quot; must be one of light, dark, auto/s],
      ["/embed/en.wikipedia.org/Earth?theme=neon&lang=de", "en.wikipedia.org", ["Earth"], 400, /Die Einstellungen dieser Karte sind ungültig/],
      ["/embed/evil.example/Earth", "evil.example", ["Earth"], 404, /Unknown wiki.*is not a Wikimedia wiki/s],
      ["/embed/en.wikipedia.org/No_such_card_article", "en.wikipedia.org", ["No_such_card_article"], 404, /Article not found.*There is no page called “No such card article” on en.wikipedia.org/s],
      // Route params as Next.js hands them over: decoded once.
      ["/embed/en.wikipedia.org/Bad%5Btitle", "en.wikipedia.org", ["Bad[title"], 400, /Not a valid title/],
      ["/embed/en.wikipedia.org/_", "en.wikipedia.org", ["_"], 400, /Not a valid title/],
    ];
    for (const [path, rawSite, title, status, text] of cases) {
      const response = await responder.publicCard(get(path), rawSite, title);
      expect(response.status, path).toBe(status);
      expect(await response.text(), path).toMatch(text);
      expect(response.headers.get("content-security-policy"), path).toContain("default-src 'none'");
    }
  });

  it("says the wiki is unavailable (503) or answered badly (502) when it fails", async () => {
    const { responder } = setup();
    await sb.control("POST", "/faults", { endpoint: "api/query", kind: "status", status: 503, count: 10 });
    const down = await responder.publicCard(get("/embed/en.wikipedia.org/Sun"), "en.wikipedia.org", ["Sun"]);
    expect(down.status).toBe(503);
    expect(down.headers.get("cache-control")).toBe("no-store");
    expect(await down.text()).toContain("The wiki is not available right now");
    await sb.control("DELETE", "/faults");
    await sb.control("POST", "/faults", { endpoint: "api/query", kind: "non-json", count: 1 });
    const bad = await responder.publicCard(get("/embed/en.wikipedia.org/Sun"), "en.wikipedia.org", ["Sun"]);
    expect(bad.status).toBe(502);
    expect(await bad.text()).toContain("The wiki sent an unexpected answer");
  });

  it("rate-limits per client address with 429, Retry-After and a message card", async () => {
    const { responder } = setup({ capacity: 2, refillPerMinute: 1 });
    const ask = (address: string) => responder.publicCard(get("/embed/en.wikipedia.org/Earth", { "x-forwarded-for": address }), "en.wikipedia.org", ["Earth"]);
    expect((await ask("198.51.100.1")).status).toBe(200);
    expect((await ask("198.51.100.1")).status).toBe(200);
    const limited = await ask("198.51.100.1");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.text()).toContain("Too many requests");
    expect((await ask("198.51.100.2")).status).toBe(200);
  });
});

describe("registered widget responses", () => {
  it("uses the widget's row: article, options, Watch button, framing by exactly its origins", async () => {
    const { responder } = setup();
    const id = await addWidget({ allowedOrigins: ["https://blog.example", "http://127.0.0.1:3303"] });
    const response = await responder.registeredCard(get(`/embed/w/${id}?theme=light`), id);
    expect(response.status, /<article[\s\S]*?<\/article>/.exec(await response.clone().text())?.[0]).toBe(200);
    expect(frameAncestorsOf(response)).toBe("https://blog.example http://127.0.0.1:3303");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const html = await response.text();
    expect(html).toContain('<html lang="de" dir="ltr" data-theme="dark" data-layout="compact"');
    expect(html).toContain(`data-embed="${id}" data-allowed="https://blog.example http://127.0.0.1:3303"`);
    expect(html).toContain('<button type="button" id="wp-watch" data-done="Beobachtet">Beobachten</button>');
    const etag = response.headers.get("etag")!;
    expect((await responder.registeredCard(get(`/embed/w/${id}`, { "if-none-match": etag }), id)).status).toBe(304);
  });

  it("changes its ETag when the widget changes", async () => {
    const { responder } = setup();
    const id = await addWidget({ watchButton: false });
    const first = await responder.registeredCard(get(`/embed/w/${id}`), id);
    expect(await first.text()).not.toContain(`id="wp-watch"`);
    await testDb.db.update(widgets).set({ watchButton: true, updatedAt: new Date(3_000) });
    const second = await responder.registeredCard(get(`/embed/w/${id}`, { "if-none-match": first.headers.get("etag")! }), id);
    expect(second.status).toBe(200);
    expect(await second.text()).toContain("wp-watch");
  });

  it("never lets a stored origin add a directive to the card's CSP or reach its script", async () => {
    const { responder } = setup();
    // Values an older release accepted: each would end frame-ancestors and start a directive of its own.
    const id = await addWidget({ allowedOrigins: ["https://ada.example;sandbox", "https://b.example, https://c.example", "https://d.example 'unsafe-inline'", "https://ok.example"] });
    const response = await responder.registeredCard(get(`/embed/w/${id}`), id);
    expect(response.status).toBe(200);
    const policy = response.headers.get("content-security-policy")!;
    const names = policy.split(";").map((part) => part.trim().split(/\s+/)[0]);
    expect(names).toEqual(["default-src", "img-src", "style-src", "script-src", "base-uri", "form-action", "frame-ancestors"]);
    expect(frameAncestorsOf(response)).toBe("https://ok.example");
    expect(policy).not.toMatch(/sandbox|unsafe-inline|,/);
    expect(await response.text()).toContain('data-allowed="https://ok.example"');
  });

    it("refuses framing for an unknown embed id, with a message card", async () => {
    const { responder } = setup();
    for (const id of ["doesNotExist_0123456789ab", "short", "../../etc", ""]) {
      const response = await responder.registeredCard(get(`/embed/w/${encodeURIComponent(id)}`), id);
      expect(response.status).toBe(404);
      expect(frameAncestorsOf(response)).toBe("'none'");
      expect(await response.text()).toContain("Widget not found");
    }
  });
});
