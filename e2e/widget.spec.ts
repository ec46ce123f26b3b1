/**
 * The embeddable article card (issue 8), embedded with the real snippet in a page served from a SECOND
 * origin (e2e/support/embedder.ts, 127.0.0.1: cross-site from the app's localhost), as a site owner's
 * page would be.
 */
import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import type { Frame, Page, Request } from "@playwright/test";
import { frameJavaScript } from "../lib/widget/js-bytes";
import { embedSnippet } from "../lib/widget/snippet";
import { embedUrl, registeredEmbedUrl } from "../lib/widget/urls";
import { E2E } from "./environment";
import { embedderPage, expect, test, type Embedder } from "./support/embedder";
import { SESSION_COOKIE, signIn } from "./support/sign-in";

const APP = E2E.appUrl;
const APP_ORIGIN = new URL(APP).origin;

/** A page on the embedder with one snippet per card, recording the messages it receives. */
function servePage(embedder: Embedder, path: string, frames: { id: string; src: string; title?: string }[], style = ""): string {
  const body = [
    `<script>window.__messages = []; addEventListener("message", function (e) { window.__messages.push({ origin: e.origin, data: e.data }); });</script>`,
    style ? `<style>${style}</style>` : "",
    ...frames.map((frame) => `<div id="${frame.id}">${embedSnippet({ src: frame.src, title: frame.title ?? `Card ${frame.id}` })}</div>`),
  ].join("\n");
  return embedder.serve(path, embedderPage(body));
}

async function frameOf(page: Page, containerId: string): Promise<Frame> {
  const handle = await page.locator(`#${containerId} iframe`).elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`No frame in #${containerId}`);
  return frame;
}

/** The iframe's height in the embedding page, and the height of the document inside it. */
async function heights(page: Page, containerId: string): Promise<{ iframe: number; content: number }> {
  const frame = await frameOf(page, containerId);
  const iframe = await page.locator(`#${containerId} iframe`).evaluate((element) => Math.round(element.getBoundingClientRect().height));
  const content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  return { iframe, content };
}

/** Registers a widget straight in the server's database (the dashboard UI is tested elsewhere). */
function insertWidget(widget: { wiki?: string; title?: string; allowedOrigins: string[]; options?: object; watchButton?: boolean }): string {
  const id = randomBytes(18).toString("base64url");
  const db = new Database(E2E.serverEnv.DATABASE_PATH, { fileMustExist: true });
  try {
    const userId = `widget-owner-${id}`;
    db.prepare("INSERT INTO users (id, name) VALUES (?, ?)").run(userId, "Widget owner");
    db.prepare(
      "INSERT INTO widgets (id, user_id, name, wiki, title, allowed_origins, options, watch_button, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ).run(
      id, userId, "E2E widget", widget.wiki ?? "en.wikipedia.org", widget.title ?? "Earth", JSON.stringify(widget.allowedOrigins),
      JSON.stringify(widget.options ?? { theme: "light", layout: "full", lang: "en" }), widget.watchButton ? 1 : 0, Date.now(), Date.now(),
    );
  } finally {
    db.close();
  }
  return id;
}

function frameAncestors(headers: Record<string, string>): string | undefined {
  return /frame-ancestors ([^;]+)/.exec(headers["content-security-policy"] ?? "")?.[1];
}

test.describe("the article card on another origin", () => {
  test("renders title, extract and thumbnail, and resizes its iframe to its content", async ({ page, context, embedder }) => {
    // Test-only: the e2e fixture fulfils app responses itself, so Chromium's Local Network Access sees the
    // frame as public and asks before it loads an image from the loopback sandbox (never so in production,
    // where images come from upload.wikimedia.org).
    await context.grantPermissions(["local-network-access"]);
    await page.setViewportSize({ width: 900, height: 800 });
    const url = servePage(embedder, "/card.html", [{ id: "earth", src: embedUrl(APP, "en.wikipedia.org", "Earth", { theme: "light" }) }], "#earth{width:640px}");
    await page.goto(url);
    const card = page.frameLocator("#earth iframe");
    await expect(card.getByRole("heading", { level: 1, name: "Earth" })).toBeVisible();
    await expect(card.getByText("Third planet from the Sun", { exact: true })).toBeVisible();
    await expect(card.getByText(/^Earth is the third planet from the Sun/)).toBeVisible();
    const thumbnail = card.locator("img.thumb");
    await expect(thumbnail).toHaveAttribute("src", new RegExp(`^${E2E.sandboxUrl}/upload\\.wikimedia\\.org/`));
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expect(card.getByRole("link", { name: "Read on Wikiport" })).toHaveAttribute("href", `${APP}/wiki/en.wikipedia.org/Earth`);
    await expect(card.getByRole("link", { name: "Read on en.wikipedia.org" })).toHaveAttribute("rel", "noopener noreferrer");
    await expect(card.getByRole("link", { name: "CC BY-SA 4.0" })).toHaveAttribute("target", "_blank");
    // From the sandbox's Attribution API (lib/articles/attribution.ts).
    await expect(card.getByRole("link", { name: "CC BY-SA 4.0" })).toHaveAttribute("href", "https://creativecommons.org/licenses/by-sa/4.0/deed.en");
    await expect(card.getByText(/on English Wikipedia, available under/)).toBeVisible();

    // The snippet's initial height is 240px; the card's script reports its real height and the iframe follows.
    await expect.poll(async () => { const h = await heights(page, "earth"); return h.iframe === h.content && h.iframe !== 240; }).toBe(true);
    const wide = await heights(page, "earth");
    // Narrower: the text wraps, the document grows, and the iframe grows with it.
    await page.locator("#earth").evaluate((element: HTMLElement) => { element.style.width = "320px"; });
    await expect.poll(async () => { const h = await heights(page, "earth"); return h.iframe === h.content && h.iframe > wide.iframe; }).toBe(true);
    const messages = await page.evaluate(() => (window as unknown as { __messages: { origin: string; data: { type: string } }[] }).__messages);
    expect(messages.filter((m) => m.data.type === "wikiport:height").every((m) => m.origin === APP_ORIGIN)).toBe(true);
  });

  test("follows theme, layout and interface language options", async ({ page, embedder }) => {
    const url = servePage(embedder, "/options.html", [
      { id: "dark", src: embedUrl(APP, "en.wikipedia.org", "Moon", { theme: "dark" }) },
      { id: "light", src: embedUrl(APP, "en.wikipedia.org", "Moon", { theme: "light" }) },
      { id: "auto", src: embedUrl(APP, "en.wikipedia.org", "Moon", { theme: "auto" }) },
      { id: "compact", src: embedUrl(APP, "en.wikipedia.org", "Moon", { layout: "compact", lang: "de" }) },
      { id: "hebrew", src: embedUrl(APP, "he.wikipedia.org", "כדור הארץ", { lang: "he" }) },
    ]);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(url);
    const background = (id: string) => page.frameLocator(`#${id} iframe`).locator("article.card").evaluate((element) => getComputedStyle(element).backgroundColor);
    await expect.poll(() => background("dark")).toBe("rgb(16, 20, 24)");
    await expect.poll(() => background("light")).toBe("rgb(255, 255, 255)");
    await expect.poll(() => background("auto")).toBe("rgb(16, 20, 24)");
    await page.emulateMedia({ colorScheme: "light" });
    await expect.poll(() => background("auto")).toBe("rgb(255, 255, 255)");

    const compact = page.frameLocator("#compact iframe");
    await expect(compact.getByRole("link", { name: "Auf Wikiport lesen" })).toBeVisible();
    await expect(compact.getByRole("link", { name: "Auf en.wikipedia.org lesen" })).toBeVisible();
    expect(await compact.locator("img.thumb").evaluate((img) => img.getBoundingClientRect().width)).toBe(64);
    expect(await page.frameLocator("#light iframe").locator("img.thumb").evaluate((img) => img.getBoundingClientRect().width)).toBe(160);

    const hebrew = page.frameLocator("#hebrew iframe");
    await expect(hebrew.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(hebrew.locator("html")).toHaveAttribute("lang", "he");
    await expect(hebrew.getByRole("heading", { name: "כדור הארץ" })).toBeVisible();
    await expect(hebrew.getByRole("link", { name: "לקריאה ב־Wikiport" })).toBeVisible();
  });

  test("shows a clear message inside the card for an unknown wiki, a missing page or a bad option", async ({ page, embedder }) => {
    const cases = [
      { id: "wiki", src: embedUrl(APP, "evil.example", "Earth"), status: 404, heading: "Unknown wiki" },
      { id: "missing", src: embedUrl(APP, "en.wikipedia.org", "No such card page anywhere"), status: 404, heading: "Article not found" },
      { id: "option", src: `${embedUrl(APP, "en.wikipedia.org", "Earth")}?theme=neon`, status: 400, heading: "This card's settings are not valid" },
    ];
    const url = servePage(embedder, "/errors.html", cases);
    await page.goto(url);
    for (const item of cases) {
      const card = page.frameLocator(`#${item.id} iframe`);
      await expect(card.getByRole("alert")).toContainText(item.heading);
      const response = await page.request.get(item.src);
      expect(response.status(), item.src).toBe(item.status);
      expect(await response.text()).not.toMatch(/at \w+ \(|Error:|node_modules/);
    }
    await expect(page.frameLocator("#missing iframe").getByRole("alert")).toContainText("There is no page called “No such card page anywhere” on en.wikipedia.org.");
    await expect(page.frameLocator("#option iframe").getByRole("alert")).toContainText('"theme" must be one of light, dark, auto.');
  });

  test("ships no framework: one tiny inline script and nothing from /_next/", async ({ page, embedder }) => {
    const scripts: string[] = [];
    page.on("request", (request) => { if (request.resourceType() === "script") scripts.push(request.url()); });
    const src = embedUrl(APP, "en.wikipedia.org", "Sun");
    const url = servePage(embedder, "/js.html", [{ id: "sun", src }]);
    await page.goto(url);
    const frame = await frameOf(page, "sun");
    await expect(frame.getByRole("heading", { name: "Sun" })).toBeVisible();
    const inFrame = await frame.evaluate(() => [...document.scripts].map((script) => ({ src: script.src, bytes: new TextEncoder().encode(script.textContent ?? "").length })));
    const fromApp = scripts.filter((script) => script.startsWith(APP));
    expect(fromApp).toEqual([]);
    expect(scripts.some((script) => script.includes("/_next/"))).toBe(false);
    expect(inFrame.filter((script) => script.src !== "")).toEqual([]);
    const bytes = inFrame.reduce((sum, script) => sum + script.bytes, 0);
    // The same measure from the HTML (lib/widget/js-bytes.ts), as the benchmark takes it.
    const measured = frameJavaScript(await (await page.request.get(src)).text());
    expect(measured).toEqual({ inlineBytes: bytes, inlineScripts: 1, externalScripts: [] });
    test.info().annotations.push({ type: "frame JavaScript bytes", description: String(bytes) });
  });

  test("revalidates with ETag (304) and is cacheable with stale-while-revalidate", async ({ request }) => {
    const src = embedUrl(APP, "en.wikipedia.org", "Earth", { layout: "compact" });
    const first = await request.get(src);
    expect(first.status()).toBe(200);
    const headers = first.headers();
    expect(headers["cache-control"]).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"]).toBeUndefined();
    expect(frameAncestors(headers)).toBe("*");
    expect(headers["content-security-policy"]).toMatch(/default-src 'none'.*script-src 'sha256-[^']+'.*base-uri 'none'; form-action 'none'/);
    const etag = headers.etag;
    expect(etag).toBeTruthy();
    const again = await request.get(src, { headers: { "If-None-Match": etag! } });
    expect(again.status()).toBe(304);
    expect(again.headers().etag).toBe(etag);
    const other = await request.get(embedUrl(APP, "en.wikipedia.org", "Earth", { layout: "full" }), { headers: { "If-None-Match": etag! } });
    expect(other.status()).toBe(200);
  });

  test("runs no script from the hostile fixture", async ({ page, embedder }) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    const url = servePage(embedder, "/hostile.html", [{ id: "hostile", src: embedUrl(APP, "en.wikipedia.org", "Sandbox/Hostile markup") }]);
    await page.goto(url);
    const frame = await frameOf(page, "hostile");
    await expect(frame.getByRole("heading", { name: "Sandbox/Hostile markup" })).toBeVisible();
    await expect(frame.getByText(/test fixture for HTML sanitizers/)).toBeVisible();
    expect(await frame.evaluate(() => (window as unknown as { __hostile?: string }).__hostile ?? null)).toBeNull();
    expect(await frame.locator("iframe, object, embed, form, svg, math, [onerror], [onclick]").count()).toBe(0);
    expect(await frame.evaluate(() => document.scripts.length)).toBe(1);
    expect(dialogs).toEqual([]);
  });
});

test.describe("registered widgets", () => {
  test("render for an allowed origin and are blocked for any other", async ({ page, embedder }) => {
    const allowed = insertWidget({ title: "Moon", allowedOrigins: [embedder.origin], options: { theme: "dark", layout: "compact", lang: "de" } });
    const elsewhere = insertWidget({ title: "Moon", allowedOrigins: ["https://blog.example"] });
    const unknown = randomBytes(18).toString("base64url");
    const responses = new Map<string, Record<string, string>>();
    page.on("response", async (response) => {
      if (response.url().startsWith(`${APP}/embed/w/`)) responses.set(response.url(), await response.allHeaders());
    });
    const url = servePage(embedder, "/registered.html", [
      { id: "allowed", src: registeredEmbedUrl(APP, allowed) },
      { id: "elsewhere", src: registeredEmbedUrl(APP, elsewhere) },
      { id: "unknown", src: registeredEmbedUrl(APP, unknown) },
    ]);
    await page.goto(url);
    const card = page.frameLocator("#allowed iframe");
    await expect(card.getByRole("heading", { name: "Moon" })).toBeVisible();
    await expect(card.getByRole("link", { name: "Auf Wikiport lesen" })).toBeVisible();
    await expect.poll(() => responses.size).toBe(3);
    expect(frameAncestors(responses.get(registeredEmbedUrl(APP, allowed))!)).toBe(embedder.origin);
    expect(frameAncestors(responses.get(registeredEmbedUrl(APP, elsewhere))!)).toBe("https://blog.example");
    expect(frameAncestors(responses.get(registeredEmbedUrl(APP, unknown))!)).toBe("'none'");
    // The browser refused to show the other two: no card, and no message from them reached the page.
    for (const id of ["elsewhere", "unknown"]) {
      const frame = await frameOf(page, id);
      expect(frame.url()).not.toContain("/embed/w/");
      expect(await frame.locator("article").count()).toBe(0);
    }
    const messages = await page.evaluate(() => (window as unknown as { __messages: { origin: string; data: { type: string } }[] }).__messages);
    expect(messages.filter((m) => m.data.type === "wikiport:height")).not.toHaveLength(0);
    const heights = await page.locator("iframe").evaluateAll((frames) => frames.map((frame) => Math.round(frame.getBoundingClientRect().height)));
    expect(heights.slice(1)).toEqual([240, 240]);
  });

  test("the Watch button opens Wikiport's popup and relays only the popup's answer, to the embedder's origin", async ({ page, embedder }) => {
    const id = insertWidget({ title: "Sun", allowedOrigins: [embedder.origin], watchButton: true });
    const url = servePage(embedder, "/watch.html", [{ id: "watch", src: registeredEmbedUrl(APP, id) }]);
    await page.goto(url);
    const card = page.frameLocator("#watch iframe");
    const button = card.getByRole("button", { name: "Watch" });
    await expect(button).toBeVisible();

    // A message from the embedding page itself (wrong origin, not the popup) is ignored.
    await page.locator("#watch iframe").evaluate((frame: HTMLIFrameElement, embedId) => {
      frame.contentWindow!.postMessage({ type: "wikiport:watch-result", embedId, watched: true }, "*");
    }, id);

    const popupPromise = page.waitForEvent("popup");
    await button.click();
    const popup = await popupPromise;
    expect(popup.url()).toBe(`${APP}/widget/watch/${id}`);
    await expect(button).toHaveText("Watch");
    // What Wikiport's popup page says after the user confirmed (its own flow is tested with the page).
    await popup.evaluate(([embedId, origin]) => window.opener.postMessage({ type: "wikiport:watch-result", embedId, watched: true }, origin), [id, APP_ORIGIN] as const);
    await expect(card.getByRole("button", { name: "Watching" })).toBeDisabled();
    const messages = await page.evaluate(() => (window as unknown as { __messages: { origin: string; data: Record<string, unknown> }[] }).__messages);
    expect(messages.filter((m) => m.data.type === "wikiport:watched")).toEqual([{ origin: APP_ORIGIN, data: { type: "wikiport:watched", wiki: "en.wikipedia.org", title: "Sun" } }]);
    await popup.close();
  });

  test("the frame's requests carry no Wikiport cookie, even for a signed-in user", async ({ page, embedder }) => {
    await signIn(page);
    expect((await page.context().cookies(APP)).some((cookie) => cookie.name === SESSION_COOKIE)).toBe(true);
    const id = insertWidget({ allowedOrigins: [embedder.origin] });
    const frameRequests: Request[] = [];
    page.on("request", (request) => { if (request.url().startsWith(`${APP}/embed/`)) frameRequests.push(request); });
    const url = servePage(embedder, "/cookies.html", [
      { id: "public", src: embedUrl(APP, "en.wikipedia.org", "Earth") },
      { id: "registered", src: registeredEmbedUrl(APP, id) },
    ]);
    await page.goto(url);
    await expect(page.frameLocator("#public iframe").getByRole("heading", { name: "Earth" })).toBeVisible();
    await expect(page.frameLocator("#registered iframe").getByRole("heading", { name: "Earth" })).toBeVisible();
    expect(frameRequests).toHaveLength(2);
    for (const request of frameRequests) {
      const headers = await request.allHeaders();
      expect(headers.cookie ?? "", request.url()).not.toContain("authjs");
    }
  });
});
