import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPages } from "../action/api-client";
import { useSandbox } from "../testing";

const sb = useSandbox();
const rest = (host = "en.wikipedia.org") => `${sb.wiki(host)}/rest.php/v1`;

function expectLicense(body: any) {
  expect(body.license).toEqual({ url: "https://creativecommons.org/licenses/by-sa/4.0/", title: "Creative Commons Attribution-Share Alike 4.0" });
}

describe("GET /v1/page/{title}", () => {
  it("returns the metadata object with the source and the html_url", async () => {
    const response = await fetch(`${rest()}/page/Earth`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["content_model", "html_url", "id", "key", "latest", "license", "source", "title"]);
    expect(body).toMatchObject({ key: "Earth", title: "Earth", content_model: "wikitext" });
    expect(Number.isInteger(body.id)).toBe(true);
    expect(Number.isInteger(body.latest.id)).toBe(true);
    expect(body.latest.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(body.source).toContain("'''Earth''' is the third [[planet]]");
    expect(body.html_url).toBe(`${rest()}/page/Earth/html`);
    expectLicense(body);
  });

  it("leaves the source out of /bare", async () => {
    const body = await (await fetch(`${rest()}/page/Solar_System/bare`)).json();
    expect(body.source).toBeUndefined();
    expect(body).toMatchObject({ key: "Solar_System", title: "Solar System", html_url: `${rest()}/page/Solar_System/html` });
  });

  it("serves a long article of realistic size", async () => {
    const body = await (await fetch(`${rest()}/page/Solar_System`)).json();
    const bytes = Buffer.byteLength(body.source, "utf8");
    expect(bytes).toBeGreaterThan(15_000);
    expect(bytes).toBeLessThan(30_000);
    expect(body.source.match(/^==[^=].*==$/gm).length).toBeGreaterThanOrEqual(10);
  });

  it("answers 404 rest-nonexistent-title for a missing page and rest-invalid-title for an impossible one", async () => {
    const missing = await fetch(`${rest()}/page/No_such_page_xyz`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      errorKey: "rest-nonexistent-title",
      messageTranslations: { en: "The specified title (No_such_page_xyz) does not exist" },
      httpCode: 404,
      httpReason: "Not Found",
    });
    const invalid = await fetch(`${rest()}/page/${encodeURIComponent("Bad[title]")}/bare`);
    expect(invalid.status).toBe(404);
    expect((await invalid.json()).errorKey).toBe("rest-invalid-title");
  });

  it("redirects a non-normalized title with 301 and a path-only Location that keeps the query", async () => {
    const cases: [string, string][] = [
      ["Solar%20System/bare", "/en.wikipedia.org/w/rest.php/v1/page/Solar_System/bare"],
      ["solar_System", "/en.wikipedia.org/w/rest.php/v1/page/Solar_System"],
      ["image:FullMoon2010.png/html?redirect=no", "/en.wikipedia.org/w/rest.php/v1/page/File%3AFullMoon2010.png/html?redirect=no"],
    ];
    for (const [path, location] of cases) {
      const response = await fetch(`${rest()}/page/${path}`, { redirect: "manual" });
      expect(response.status, path).toBe(301);
      expect(response.headers.get("location"), path).toBe(location);
      const followed = await fetch(new URL(response.headers.get("location")!, response.url));
      expect(followed.status, path).toBe(200);
    }
  });

  it("keeps a percent-encoded slash as part of the title", async () => {
    const response = await fetch(`${rest()}/page/Sandbox%2FHostile_markup/bare`);
    expect(response.status).toBe(200);
    expect((await response.json()).title).toBe("Sandbox/Hostile markup");
  });

  it("gives source and bare of a wiki redirect a redirect_target instead of an HTTP redirect", async () => {
    const response = await fetch(`${rest()}/page/Planet_Earth/bare`, { redirect: "manual" });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.title).toBe("Planet Earth");
    expect(body.redirect_target).toBe(`${rest()}/page/Earth/bare?redirect=no`);
    const source = await (await fetch(`${rest()}/page/Planet_Earth`)).json();
    expect(source.source).toMatch(/^#REDIRECT \[\[Earth\]\]/);
    expect(source.redirect_target).toBe(`${rest()}/page/Earth?redirect=no`);
  });

  it("answers /html and /with_html of a wiki redirect with 307 unless redirect=no", async () => {
    for (const flavor of ["html", "with_html"]) {
      const response = await fetch(`${rest()}/page/Planet_Earth/${flavor}`, { redirect: "manual" });
      expect(response.status).toBe(307);
      expect(response.headers.get("location")).toBe(`/en.wikipedia.org/w/rest.php/v1/page/Earth/${flavor}?redirect=no`);
    }
    const followed = await fetch(`${rest()}/page/Planet_Earth/html`);
    expect(followed.status).toBe(200);
    expect(followed.url).toBe(`${rest()}/page/Earth/html?redirect=no`);
    const own = await fetch(`${rest()}/page/Planet_Earth/html?redirect=no`, { redirect: "manual" });
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('<link rel="mw:PageProp/redirect" href="./Earth"/>');
  });

  it("sends caching headers and answers 304 to a matching If-None-Match, compared weakly", async () => {
    for (const path of ["Earth", "Earth/bare", "Earth/html", "Earth/with_html"]) {
      const response = await fetch(`${rest()}/page/${path}`);
      expect(response.headers.get("cache-control"), path).toBe("max-age=5");
      const etag = response.headers.get("etag");
      expect(etag, path).toMatch(/^"[^"]+"$/);
      expect(new Date(response.headers.get("last-modified")!).getTime(), path).toBeGreaterThan(0);
      const again = await fetch(`${rest()}/page/${path}`, { headers: { "if-none-match": `"other", W/${etag}` } });
      expect(again.status, path).toBe(304);
      expect(again.headers.get("etag"), path).toBe(etag);
      expect(await again.text(), path).toBe("");
      const stale = await fetch(`${rest()}/page/${path}`, { headers: { "if-none-match": '"1/stale"' } });
      expect(stale.status, path).toBe(200);
    }
  });

  it("never matches `If-None-Match: *` or a list that does not parse, and then ignores If-Modified-Since", async () => {
    const future = new Date(Date.now() + 86_400_000).toUTCString();
    for (const ifNoneMatch of ["*", "not-a-tag"]) {
      const response = await fetch(`${rest()}/page/Earth/with_html`, { headers: { "if-none-match": ifNoneMatch, "if-modified-since": future } });
      expect(response.status, ifNoneMatch).toBe(200);
    }
    const bySince = await fetch(`${rest()}/page/Earth/with_html`, { headers: { "if-modified-since": future } });
    expect(bySince.status).toBe(304);
  });

  it("gives /html and /with_html ETags of MediaWiki's form, which change with the revision", async () => {
    const first = await fetch(`${rest()}/page/Earth/with_html`);
    const { latest } = await first.json();
    expect(first.headers.get("etag")).toMatch(new RegExp(`^"${latest.id}/[0-9a-f]+/view/with_html"$`));
    const html = await fetch(`${rest()}/page/Earth/html`);
    expect(html.headers.get("etag")).toMatch(new RegExp(`^"${latest.id}/[0-9a-f]+/view/html"$`));
    const ana = await sb.token("Ana Admin");
    await createPages(sb.wiki(), ana, { Earth: "Earth, edited." });
    const after = await fetch(`${rest()}/page/Earth/with_html`, { headers: { "if-none-match": first.headers.get("etag")! } });
    expect(after.status).toBe(200);
  });

  it("checks If-None-Match before redirecting: a match is a 304 for the requested page itself", async () => {
    const own = await fetch(`${rest()}/page/Planet_Earth/with_html?redirect=no`, { redirect: "manual" });
    const etag = own.headers.get("etag")!;
    const redirected = await fetch(`${rest()}/page/Planet_Earth/with_html`, { redirect: "manual", headers: { "if-none-match": etag } });
    expect(redirected.status).toBe(304);
    const unnormalized = await fetch(`${rest()}/page/planet_Earth/with_html?redirect=no`, { redirect: "manual", headers: { "if-none-match": etag } });
    expect(unnormalized.status).toBe(304);
    const otherTag = await fetch(`${rest()}/page/Planet_Earth/with_html`, { redirect: "manual", headers: { "if-none-match": '"x"' } });
    expect(otherTag.status).toBe(307);
  });

  it("puts a hash of the revision id into the source ETag, as PageContentHelper does", async () => {
    const response = await fetch(`${rest()}/page/Earth`);
    const body = await response.json();
    const expected = createHash("sha1").update(`${body.latest.id}a1`).digest("hex");
    expect(response.headers.get("etag")).toBe(`"${expected}"`);
  });

  it("refuses an invalid bearer token with the 403 OAuth envelope on every read route", async () => {
    for (const path of ["page/Earth", "page/Earth/html", "page/Earth/history", "search/page?q=earth", "revision/100"]) {
      const response = await fetch(`${rest()}/${path}`, { headers: { authorization: "Bearer not-a-jwt" } });
      expect(response.status, path).toBe(403);
      expect(await response.json(), path).toEqual({
        errorKey: "mwoauth-invalid-authorization",
        messageTranslations: { en: "The authorization headers in your request are not valid: Invalid access token" },
        httpCode: 403,
        httpReason: "Forbidden",
      });
    }
  });

  it("treats a lowercase bearer header as anonymous", async () => {
    const response = await fetch(`${rest()}/page/Earth/bare`, { headers: { authorization: "bearer not-a-jwt" } });
    expect(response.status).toBe(200);
  });

  it("reads with a valid token", async () => {
    const token = await sb.token("Ada Editor");
    const response = await fetch(`${rest()}/page/Earth/bare`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
  });

  it("answers 404 rest-no-match and 405 rest-wrong-method like the REST router", async () => {
    expect((await (await fetch(`${rest()}/page/Earth/nonsense`)).json()).errorKey).toBe("rest-no-match");
    const wrong = await fetch(`${rest()}/page/Earth/html`, { method: "DELETE" });
    expect(wrong.status).toBe(405);
  });

  it("is reachable by fault injection under its endpoint names", async () => {
    await sb.control("POST", "/faults", { endpoint: "rest/page/html", kind: "status", status: 503 });
    const response = await fetch(`${rest()}/page/Earth/html`);
    expect(response.status).toBe(503);
    expect((await fetch(`${rest()}/page/Earth/html`)).status).toBe(200);
  });
});

describe("GET /v1/page/{title}/html and /with_html", () => {
  it("serves a Parsoid document", async () => {
    const response = await fetch(`${rest()}/page/Earth/html`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html; charset=utf-8; profile="https:\/\/www\.mediawiki\.org\/wiki\/Specs\/HTML\/2\.8\.0"/);
    const doc = await response.text();
    const { latest, id } = await (await fetch(`${rest()}/page/Earth/bare`)).json();
    expect(doc.startsWith("<!DOCTYPE html>\n<html prefix=")).toBe(true);
    expect(doc).toContain(`about="${sb.url}/en.wikipedia.org/wiki/Special:Redirect/revision/${latest.id}"`);
    expect(doc).toContain(`<meta property="mw:pageId" content="${id}"/>`);
    expect(doc).toMatch(/<meta property="mw:revisionSHA1" content="[0-9a-f]{40}"\/>/);
    expect(doc).toContain(`<base href="//${new URL(sb.url).host}/en.wikipedia.org/wiki/"/>`);
    expect(doc).toContain("<title>Earth</title>");
    expect(doc).toContain('<body id="mwAA" lang="en" class="mw-content-ltr sitedir-ltr ltr mw-body-content parsoid-body mediawiki mw-parser-output" dir="ltr"');
    expect(doc).toContain('<section data-mw-section-id="0"');
    expect(doc).toContain('<section data-mw-section-id="1" id="mwAg"><h2 id="Etymology">Etymology</h2>');
    expect(doc).toContain('<a rel="mw:WikiLink" href="./Sun" title="Sun">Sun</a>');
    expect(doc).toContain('<a rel="mw:WikiLink" href="./Apollo_17?action=edit&amp;redlink=1" title="Apollo 17" class="new" typeof="mw:LocalizedAttrs">');
    expect(doc).toContain('<a rel="mw:ExtLink nofollow" href="https://earthobservatory.nasa.gov/" class="external text">NASA Earth Observatory</a>');
    expect(doc).toContain('<link rel="mw:PageProp/Category" href="./Category:Earth"/>');
    expect(doc).toMatch(/<table class="wikitable">/);
    expect(doc).not.toContain("{{");
  });

  it("renders thumbnails as figures whose images live on the sandbox's media path", async () => {
    const doc = await (await fetch(`${rest()}/page/Earth/html`)).text();
    const figure = /<figure typeof="mw:File\/Thumb"><a href="\.\/File:The_Earth_seen_from_Apollo_17\.png" class="mw-file-description"><img ([^>]*)\/><\/a><figcaption>([\s\S]*?)<\/figcaption><\/figure>/.exec(doc);
    expect(figure).not.toBeNull();
    const src = /src="([^"]+)"/.exec(figure![1]!)![1]!;
    expect(src).toMatch(new RegExp(`^${sb.url}/upload\\.wikimedia\\.org/wikipedia/commons/thumb/[0-9a-f]/[0-9a-f]{2}/The_Earth_seen_from_Apollo_17\\.png/\\d+px-The_Earth_seen_from_Apollo_17\\.png$`));
    expect(figure![1]).toContain('class="mw-file-element"');
    expect(figure![1]).toMatch(/width="\d+" /);
    expect(figure![2]).toContain("Apollo 17");
    const image = await fetch(src);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
  });

  it("marks Hebrew pages right-to-left", async () => {
    const doc = await (await fetch(`${rest("he.wikipedia.org")}/page/${encodeURIComponent("ירושלים")}/html`)).text();
    expect(doc).toContain('<body id="mwAA" lang="he" class="mw-content-rtl sitedir-rtl rtl mw-body-content parsoid-body mediawiki mw-parser-output" dir="rtl"');
    expect(doc).toContain("ירושלים היא העיר".replace("ירושלים ", "<b>ירושלים</b> "));
    expect(doc).toContain('<figure typeof="mw:File/Thumb">');
  });

  it("recognizes German namespace names and image options", async () => {
    const doc = await (await fetch(`${rest("de.wikipedia.org")}/page/Berlin/html`)).text();
    expect(doc).toContain('<figure typeof="mw:File/Thumb"><a href="./Datei:Brandenburger_Tor_abends.png" class="mw-file-description">');
    // Category names come from the shared title parser, which knows the canonical name only.
    expect(doc).toContain('<link rel="mw:PageProp/Category" href="./Category:Berlin"/>');
    expect(doc).toContain('lang="de"');
  });

  it("serves the hostile fixture's HTML verbatim", async () => {
    const doc = await (await fetch(`${rest()}/page/Sandbox%2FHostile_markup/html`)).text();
    const { HOSTILE_MARKUP_HTML } = await import("../content/seed/hostile");
    expect(doc).toContain(HOSTILE_MARKUP_HTML);
    for (const vector of ["<script>", "onerror=", "onclick=", 'href="javascript:', 'href="data:text/html', "<svg", "<math>", "<style>", "<iframe", "formaction=", 'href="https://evil.example/phish"']) {
      expect(doc, vector).toContain(vector);
    }
  });

  it("adds the document to the metadata in /with_html", async () => {
    const response = await fetch(`${rest()}/page/Moon/with_html`);
    const body = await response.json();
    expect(body).toMatchObject({ key: "Moon", title: "Moon", content_model: "wikitext" });
    expect(body.html).toMatch(/^<!DOCTYPE html>/);
    expect(body.html).toContain('<a rel="mw:WikiLink" href="./Earth" title="Earth">Earth</a>');
    expectLicense(body);
  });

  it("drops the red-link mark once the page exists", async () => {
    const before = await (await fetch(`${rest()}/page/Earth/html`)).text();
    expect(before).toContain('href="./Apollo_17?action=edit&amp;redlink=1"');
    const token = await sb.token("Ada Editor");
    const created = await fetch(`${rest()}/page`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Apollo 17", source: "'''Apollo 17''' was the final Apollo mission.", comment: "new" }),
    });
    expect(created.status).toBe(201);
    const after = await (await fetch(`${rest()}/page/Earth/html`)).text();
    expect(after).toContain('<a rel="mw:WikiLink" href="./Apollo_17" title="Apollo 17">');
    expect(after).not.toBe(before);
  });
});

describe("GET /v1/revision/{id}", () => {
  it("returns one revision with its page, author and delta", async () => {
    const history = await (await fetch(`${rest()}/page/Moon/history`)).json();
    const [latest, first] = history.revisions;
    const body = await (await fetch(`${rest()}/revision/${latest.id}`)).json();
    expect(body).toMatchObject({
      id: latest.id,
      minor: false,
      content_model: "wikitext",
      page: { key: "Moon", title: "Moon" },
      user: { id: 1001, name: "Ada Editor" },
      comment: latest.comment,
      delta: latest.size - first.size,
    });
    expect(typeof body.source).toBe("string");
    const bare = await (await fetch(`${rest()}/revision/${first.id}/bare`)).json();
    expect(bare.delta).toBeNull();
    expect(bare.html_url).toBe(`${rest()}/revision/${first.id}/html`);
    const doc = await (await fetch(`${rest()}/revision/${first.id}/html`)).text();
    expect(doc).toContain(`Special:Redirect/revision/${first.id}"`);
  });

  it("answers 404 rest-nonexistent-revision and 400 for a non-integer id", async () => {
    const missing = await fetch(`${rest()}/revision/999999`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).errorKey).toBe("rest-nonexistent-revision");
    const bad = await fetch(`${rest()}/revision/abc`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "parameter-validation-failed", name: "id", failureCode: "badinteger" });
  });
});
