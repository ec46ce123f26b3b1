import { describe, expect, it } from "vitest";
import { DEMO_USERS } from "../seed";
import { seedPages } from "../seed-pages";
import { WIKIS } from "../wikis";
import { findMediaFile } from "./media-files";
import { redirectTarget } from "./pages";
import { AUTHORS } from "./seed/authors";

const { pages, revisions, nextRevisionId } = seedPages(Date.UTC(2026, 0, 1));

describe("seeded content", () => {
  it("credits edits to the demo users by their real ids and names", () => {
    for (const key of ["editor", "newcomer", "blocked", "admin"] as const) {
      expect(AUTHORS[key]).toEqual({ id: DEMO_USERS[key].id, name: DEMO_USERS[key].name });
    }
  });

  it("gives every wiki a main page, a long article, a redirect, images, a table and protected pages", () => {
    for (const wiki of WIKIS) {
      const own = pages.filter((page) => page.wiki === wiki.host);
      const latest = own.map((page) => ({ page, content: revisions.find((r) => r.id === page.latestRevisionId)!.content }));
      expect(latest.some(({ content }) => Buffer.byteLength(content) >= 10_000), wiki.host).toBe(true);
      expect(latest.some(({ content }) => redirectTarget(content) !== null), wiki.host).toBe(true);
      expect(latest.some(({ content }) => content.includes('{| class="wikitable')), wiki.host).toBe(true);
      expect(own.some((page) => page.protection.edit === "sysop"), wiki.host).toBe(true);
      expect(own.some((page) => page.protection.edit === "autoconfirmed"), wiki.host).toBe(true);
      expect(own.some((page) => page.ns === 6), wiki.host).toBe(true);
    }
  });

  it("points every redirect at an existing page and every image at a known file", () => {
    for (const page of pages) {
      const content = revisions.find((r) => r.id === page.latestRevisionId)!.content;
      const target = redirectTarget(content);
      if (target) expect(pages.some((p) => p.wiki === page.wiki && p.title === target), page.title).toBe(true);
      for (const match of content.matchAll(/\[\[(?:File|Datei|קובץ):([^|\]]+)/g)) {
        expect(findMediaFile(match[1]!), match[1]).toBeDefined();
      }
    }
  });

  it("builds real histories: ids follow time, parents chain, no consecutive duplicates", () => {
    const byTime = [...revisions].sort((a, b) => a.timestamp - b.timestamp);
    expect(byTime.map((r) => r.id)).toEqual([...revisions].map((r) => r.id).sort((a, b) => a - b));
    expect(nextRevisionId).toBe(Math.max(...revisions.map((r) => r.id)) + 1);
    for (const page of pages) {
      const own = revisions.filter((r) => r.pageId === page.id);
      expect(own[own.length - 1]!.id, page.title).toBe(page.latestRevisionId);
      own.forEach((revision, i) => {
        expect(revision.parentId, page.title).toBe(i === 0 ? 0 : own[i - 1]!.id);
        if (i > 0) expect(revision.content, `${page.title} r${revision.id}`).not.toBe(own[i - 1]!.content);
        expect(revision.content, page.title).toBe(revision.content.trimEnd());
      });
    }
    const solar = pages.find((page) => page.title === "Solar System")!;
    const history = revisions.filter((r) => r.pageId === solar.id);
    expect(history.length).toBeGreaterThan(20);
    expect(new Set(history.map((r) => r.userName)).size).toBeGreaterThanOrEqual(4);
  });

  it("keeps the hostile fixture's HTML on its revision", () => {
    const fixture = pages.find((page) => page.title === "Sandbox/Hostile markup")!;
    expect(revisions.find((r) => r.id === fixture.latestRevisionId)!.htmlOverride).toContain("<script>");
  });
});
