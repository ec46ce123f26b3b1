/**
 * Accessibility (issue 9): axe finds no serious or critical WCAG 2.2 AA violation on Wikiport's pages, in
 * the light and the dark colour scheme, nor on the sandbox's login and consent pages (stand-ins for
 * Meta's); and signing in and editing work with the keyboard alone, with a visible focus indicator.
 *
 * The keyboard tests never click or fill: they move focus with Tab / Shift+Tab, act with Enter / Space and
 * type with page.keyboard, as someone without a mouse would.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Locator, Page } from "@playwright/test";
import { join } from "node:path";
import { E2E } from "./environment";
import { expect, test } from "./support/fixtures";
import { ADA, ANA } from "./support/sandbox";
import { approveAtWikimedia, logInAtWikimedia, signIn, startSignIn } from "./support/sign-in";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const REST = `${E2E.sandboxUrl}/en.wikipedia.org/w/rest.php/v1`;
const HE_SOLAR_SYSTEM = `/wiki/he.wikipedia.org/${encodeURIComponent("מערכת_השמש")}`;
type Scheme = "light" | "dark";

/**
 * Runs axe on the page as it is now and fails with every serious or critical violation: its rule, what
 * it is about and the selectors of the offending elements, so a failure says what to fix.
 */
async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => {
      const targets = violation.nodes.map((node) => `    ${node.target.join(" ")}\n      ${(node.failureSummary ?? "").replaceAll("\n", "\n      ")}`);
      return `${violation.id} (${violation.impact}): ${violation.help}\n${targets.join("\n")}`;
    });
  expect(serious, `axe violations on ${what} (${page.url()}):\n${serious.join("\n")}`).toEqual([]);
}

/**
 * Loads the page once and scans it in each scheme in turn. The schemes differ only in CSS media queries
 * (app/globals.css, lib/widget/styles.ts: no script reads the preference, no colour transitions), which
 * the browser re-applies at once when the emulated preference changes, so a switch shows what a load in
 * that scheme shows.
 */
async function scan(page: Page, path: string, schemes: readonly Scheme[], ready: (page: Page) => Promise<void>): Promise<void> {
  await page.emulateMedia({ colorScheme: schemes[0] });
  await page.goto(path);
  await ready(page);
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousViolations(page, `${path} in the ${scheme} scheme`);
  }
}

const BOTH_SCHEMES = ["light", "dark"] as const;

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
};

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Presses Tab (or Shift+Tab) until the locator's element has the focus; fails if it never gets it. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    if (await isFocused(target)) return;
  }
  throw new Error(`${String(target)} never got the focus after ${max} presses of ${backwards ? "Shift+Tab" : "Tab"}`);
}

/** The focused element shows it: an outline or a box shadow (WCAG 2.4.7). */
async function expectVisibleFocus(target: Locator): Promise<void> {
  const style = await target.evaluate((element) => {
    const computed = getComputedStyle(element);
    return { outlineStyle: computed.outlineStyle, outlineWidth: computed.outlineWidth, boxShadow: computed.boxShadow };
  });
  const outlined = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
  expect(outlined || style.boxShadow !== "none", `no focus indicator: ${JSON.stringify(style)}`).toBe(true);
}

/** Tabs to the element, checks that its focus is visible, then presses the key (Enter or Space). */
async function activate(page: Page, target: Locator, key: "Enter" | "Space" = "Enter", options?: { backwards?: boolean }): Promise<void> {
  await tabTo(page, target, options);
  await expectVisibleFocus(target);
  await page.keyboard.press(key);
}

interface Target {
  path: string;
  /** Waits until the page shows what is to be scanned. */
  ready: (page: Page) => Promise<void>;
}

const SIGNED_OUT: Record<string, Target> = {
  "the landing page": { path: "/", ready: heading(/Act on Wikipedia/) },
  "the long Solar System article (images, tables)": { path: "/wiki/en.wikipedia.org/Solar_System", ready: heading("Solar System") },
  "an article of the right-to-left Hebrew Wikipedia": { path: HE_SOLAR_SYSTEM, ready: heading("מערכת השמש") },
  "a missing article": { path: "/wiki/en.wikipedia.org/No_such_page_here", ready: heading("No such page here") },
  "an article's history": { path: "/wiki/en.wikipedia.org/Moon?action=history", ready: heading(/revision history/) },
  "the edit page": { path: "/wiki/en.wikipedia.org/Moon?action=edit", ready: heading("Editing Moon") },
  "search results": {
    path: "/search?site=en.wikipedia.org&q=solar+system",
    ready: async (page) => expect(page.getByRole("link", { name: "Solar System", exact: true })).toBeVisible(),
  },
  "the sign-in page": { path: "/sign-in", ready: heading("Sign in") },
  "the sign-in page with an error": { path: "/sign-in?error=Cancelled", ready: heading("You cancelled the sign-in") },
};

const SIGNED_IN: Record<string, Target> = {
  "the dashboard overview": { path: "/dashboard", ready: heading("Your Wikiport") },
  "the personal API token page": { path: "/dashboard/personal-token", ready: heading("Personal API token") },
  "the API guide": { path: "/dashboard/api", ready: heading("Wikiport API") },
  "the widgets page": { path: "/dashboard/widgets", ready: heading("Widgets") },
  // With a card chosen: the builder's form, its preview (the card in an iframe, which axe enters) and the snippet.
  "the widget builder with a preview": {
    path: "/dashboard/widgets?site=en.wikipedia.org&title=Solar+System&theme=auto&layout=full&lang=en",
    ready: async (page) =>
      expect(page.getByRole("region", { name: "Preview: Solar System" }).frameLocator("iframe").getByRole("heading", { name: "Solar System" })).toBeVisible(),
  },
  "the landing page": SIGNED_OUT["the landing page"]!,
  "the long Solar System article (images, tables)": SIGNED_OUT["the long Solar System article (images, tables)"]!,
  "an article of the right-to-left Hebrew Wikipedia": SIGNED_OUT["an article of the right-to-left Hebrew Wikipedia"]!,
  "the edit page": SIGNED_OUT["the edit page"]!,
  "the add-a-section page": { path: "/wiki/en.wikipedia.org/Moon?action=edit&section=new", ready: heading("Add a section to Moon") },
  "search results": SIGNED_OUT["search results"]!,
  "the watchlist": { path: "/watchlist", ready: heading("Watchlist") },
};

const CARD = "/embed/en.wikipedia.org/Solar_System";
/** The widget frame: each theme, under the reader's light and dark preference (`auto` follows it). */
const WIDGET_FRAMES: [string, Scheme[]][] = [
  [`${CARD}?theme=light`, ["light", "dark"]],
  [`${CARD}?theme=dark`, ["light"]],
  [`${CARD}?theme=dark&layout=compact`, ["dark"]],
  [`${CARD}?theme=auto`, ["light"]],
  [`${CARD}?theme=auto&lang=he`, ["dark"]],
  [`/embed/he.wikipedia.org/${encodeURIComponent("מערכת_השמש")}?theme=dark`, ["dark"]],
];

/** Signed in once, as Ana, for the whole file: the browser context of each test that needs it starts from this state. */
const SIGNED_IN_STATE = join(E2E.dataDir, "a11y-signed-in.json");
let signedInState: Promise<void> | undefined;

function signInOnce(browser: Browser): Promise<void> {
  signedInState ??= (async () => {
    const context = await browser.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] } });
    await signIn(await context.newPage(), ANA);
    await context.storageState({ path: SIGNED_IN_STATE });
    await context.close();
  })();
  return signedInState;
}

test.describe("axe finds no serious or critical violation", () => {
  for (const [name, target] of Object.entries(SIGNED_OUT)) {
    test(`${name}, signed out, light and dark schemes`, async ({ page }) => {
      await scan(page, target.path, BOTH_SCHEMES, target.ready);
    });
  }

  for (const [path, schemes] of WIDGET_FRAMES) {
    test(`the widget frame ${path}, ${schemes.join(" and ")} preference`, async ({ page }) => {
      await scan(page, path, schemes, async (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible());
    });
  }

  test("the sandbox's home, login and consent pages (stand-ins for Meta's)", async ({ page }) => {
    await page.goto(`${E2E.sandboxUrl}/`);
    await expectNoSeriousViolations(page, "the sandbox's home page");
    await startSignIn(page);
    await expect(page.getByLabel("Username")).toBeVisible();
    await expectNoSeriousViolations(page, "the sandbox's login page");
    await logInAtWikimedia(page, ANA);
    await expect(page.getByRole("heading", { name: "Authorize application" })).toBeVisible();
    await expectNoSeriousViolations(page, "the sandbox's consent page");
    await approveAtWikimedia(page);
  });

  test.describe("signed in", () => {
    test.use({ storageState: SIGNED_IN_STATE });
    test.beforeAll(({ browser }) => signInOnce(browser));

    for (const [name, target] of Object.entries(SIGNED_IN)) {
      test(`${name}, signed in, light and dark schemes`, async ({ page }) => {
        await scan(page, target.path, BOTH_SCHEMES, target.ready);
        // The landing page has both (its header, and its own link to the dashboard); other pages have the header.
        await expect(page.getByText(`Signed in as ${ANA.name}`).or(page.getByRole("link", { name: `Open your dashboard, ${ANA.name}` })).first()).toBeVisible();
      });
    }

    test("the edit-conflict view, in both schemes", async ({ page, request }) => {
      await page.goto("/wiki/en.wikipedia.org/Earth?action=edit");
      const textarea = page.getByLabel("Wikitext");
      const lines = (await textarea.inputValue()).split("\n");

      // Ada changes the first line through the wiki while Ana's form is open, and Ana changes it too.
      const minted = await request.post(`${E2E.sandboxUrl}/__sandbox/tokens`, { data: { user: ADA.name, grants: ["basic", "editpage"] } });
      expect(minted.ok()).toBe(true);
      const { access_token: adaToken } = (await minted.json()) as { access_token: string };
      const current = (await (await request.get(`${REST}/page/Earth`)).json()) as { latest: { id: number } };
      const put = await request.put(`${REST}/page/Earth`, {
        headers: { authorization: `Bearer ${adaToken}` },
        data: { source: [`${lines[0]} <!-- Ada -->`, ...lines.slice(1)].join("\n"), comment: "Ada's change", latest: { id: current.latest.id } },
      });
      expect(put.status()).toBe(200);
      await textarea.fill([`${lines[0]} <!-- Ana -->`, ...lines.slice(1)].join("\n"));
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.getByRole("main").getByRole("alert")).toContainText("Someone else changed this page");

      await expectNoSeriousViolations(page, "the edit-conflict view (light)");
      await page.emulateMedia({ colorScheme: "dark" });
      await expectNoSeriousViolations(page, "the edit-conflict view (dark)");
    });
  });
});

test.describe("keyboard alone", () => {
  test("a skip link is the first stop on pages with a header, and moves the focus to the main content", async ({ page }) => {
    await page.goto("/wiki/en.wikipedia.org/Solar_System");
    await expect(page.getByRole("heading", { level: 1, name: "Solar System" })).toBeVisible();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    expect(await isFocused(skip)).toBe(true);
    await expect(skip).toBeInViewport();
    await expectVisibleFocus(skip);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#content$/);
    // The next Tab starts inside the main content, past the header's links and buttons.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("main") !== null)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.closest("header") === null)).toBe(true);
  });

  test("signing in: from the landing page through Wikimedia's login and consent pages to the dashboard", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Act on Wikipedia");
    await activate(page, page.getByRole("button", { name: "Sign in with Wikimedia" }));

    // Wikimedia's (the sandbox's) login page.
    await tabTo(page, page.getByLabel("Username"));
    await expectVisibleFocus(page.getByLabel("Username"));
    await page.keyboard.type(ANA.name);
    await tabTo(page, page.getByLabel("Password"));
    await page.keyboard.type(ANA.password);
    // Back to the user name and forth again, as someone correcting a typo would.
    await tabTo(page, page.getByLabel("Username"), { backwards: true });
    await expect(page.getByLabel("Username")).toHaveValue(ANA.name);
    await activate(page, page.getByRole("button", { name: "Log in" }));

    await expect(page.getByRole("heading", { name: "Authorize application" })).toBeVisible();
    await activate(page, page.getByRole("button", { name: "Allow" }), "Space");
    await page.waitForURL(`${E2E.appUrl}/dashboard`);
    await expect(page.getByRole("heading", { level: 1, name: "Your Wikiport" })).toBeVisible();
    await expect(page.getByText(`Signed in as ${ANA.name}`)).toBeVisible();
  });

  test.describe("signed in", () => {
    test.use({ storageState: SIGNED_IN_STATE });
    test.beforeAll(({ browser }) => signInOnce(browser));

    test("editing: from an article to Edit, changing the text and the summary, saving", async ({ page }) => {
      await page.goto("/wiki/en.wikipedia.org/Moon");
      await expect(page.getByRole("heading", { level: 1, name: "Moon" })).toBeVisible();
      await activate(page, page.getByRole("navigation", { name: "Page actions" }).getByRole("link", { name: "Edit" }));

      await expect(page.getByRole("heading", { level: 1, name: "Editing Moon" })).toBeVisible();
      const textarea = page.getByLabel("Wikitext");
      await tabTo(page, textarea);
      await expectVisibleFocus(textarea);
      await page.keyboard.press("Control+End");
      await page.keyboard.type("\n\nA sentence typed with the keyboard alone.");
      await tabTo(page, page.getByLabel("Summary"));
      await expectVisibleFocus(page.getByLabel("Summary"));
      await page.keyboard.type("Keyboard edit");
      await activate(page, page.getByRole("button", { name: "Save changes" }));

      await expect(page.getByRole("status").filter({ hasText: "Saved as revision" })).toBeVisible();
      const wiki = (await (await page.request.get(`${REST}/page/Moon`)).json()) as { source: string };
      expect(wiki.source).toContain("A sentence typed with the keyboard alone.");
    });
  });
});
