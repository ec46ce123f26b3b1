/**
 * Article HTML may not dress itself as Wikiport (issue 17 item 6): ordinary wikitext that borrows
 * Wikiport's own utility classes, or an inline style, to lay a fake "session expired" box over the page
 * must reach the reader as plain article text, in the flow of the article.
 */
import { randomBytes } from "node:crypto";
import { E2E } from "./environment";
import { expect, test } from "./support/fixtures";

const REST = `${E2E.sandboxUrl}/en.wikipedia.org/w/rest.php/v1`;
const FAKE = "Session expired, sign in again";
// Tailwind scans this file too, so these utilities exist in Wikiport's stylesheet, as they did when the review found this.
const OVERLAY_CLASSES = "fixed inset-0 z-50 bg-white flex items-center justify-center text-3xl";

test("wikitext using Wikiport's classes or inline styles cannot lay a box over the page", async ({ page, request }) => {
  const token = await request.post(`${E2E.sandboxUrl}/__sandbox/tokens`, { data: { user: "Ana Admin", grants: ["basic", "editpage", "createeditmovepage"] } });
  expect(token.ok()).toBe(true);
  const { access_token: anaToken } = (await token.json()) as { access_token: string };
  const title = `Session_notice_${randomBytes(4).toString("hex")}`;
  const source = [
    "An ordinary paragraph before the notice.",
    `<div class="${OVERLAY_CLASSES}">${FAKE}</div>`,
    '<span style="position:fixed; top:0; left:0; width:100vw; height:100vh; z-index:9999; background:white">Styled cover</span>',
    "An ordinary paragraph after it.",
  ].join("\n\n");
  const put = await request.put(`${REST}/page/${title}`, { headers: { authorization: `Bearer ${anaToken}` }, data: { source, comment: "A fake notice" } });
  expect(put.status()).toBe(201);
  // The wiki itself passes both through, as MediaWiki does: what happens next is Wikiport's doing.
  const html = await (await request.get(`${REST}/page/${title}/html`)).text();
  expect(html).toContain(`class="${OVERLAY_CLASSES}"`);
  expect(html).toContain("position:fixed");

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/wiki/en.wikipedia.org/${title}`);
  const article = page.locator(".wikiport-article");
  const fake = article.getByText(FAKE);
  const cover = article.getByText("Styled cover");
  await expect(fake).toBeVisible();
  await expect(cover).toBeVisible();

  for (const element of [fake, cover]) {
    const placed = await element.evaluate((node) => {
      const style = getComputedStyle(node);
      return { position: style.position, zIndex: style.zIndex, className: node.className, hasStyle: node.hasAttribute("style") };
    });
    expect(placed).toEqual({ position: "static", zIndex: "auto", className: "", hasStyle: false });
    const box = (await element.boundingBox())!;
    const frame = (await article.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(frame.y);
    expect(box.height).toBeLessThan(200);
  }
  // Wikiport's own header is still what a click at its sign-in control reaches (on a visitor's article
  // page, built without React, a link to the sign-in page: docs/decisions/020-visitor-pages.md).
  const signIn = page.getByRole("banner").getByRole("link", { name: "Sign in with Wikimedia" });
  const at = (await signIn.boundingBox())!;
  const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest("a")?.textContent ?? null, [at.x + at.width / 2, at.y + at.height / 2]);
  expect(hit).toContain("Sign in with Wikimedia");
});
