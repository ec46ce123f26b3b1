/**
 * The watch popup (issue 8, docs/security-requirements.md items 28 and 29): a registered widget's Watch button, embedded on
 * another origin, never acts in the frame. It opens a top-level Wikiport window that signs the reader in,
 * asks for confirmation and watches the article; the frame hears back only from Wikiport's origin and
 * tells the embedding page.
 */
import type { Page } from "@playwright/test";
import { E2E } from "./environment";
import { embedderPage, expect, test } from "./support/embedder";
import { ADA, ANA } from "./support/sandbox";
import { logInAtWikimedia, signIn } from "./support/sign-in";

const CARD_TITLE = "Solar System — Wikiport card";

/** Registers Solar System for `origin` through the dashboard; returns its embed id and snippet. */
async function registerWidget(page: Page, { name, origin, watchButton }: { name: string; origin: string; watchButton: boolean }) {
  await page.goto("/dashboard/widgets?site=en.wikipedia.org&title=Solar+System");
  const register = page.getByRole("region", { name: "Register this card as a widget" });
  await register.getByLabel("Widget name").fill(name);
  await register.getByLabel("Allowed origins, one per line").fill(origin);
  await register.getByLabel(/Show a Watch button/).setChecked(watchButton);
  await register.getByRole("button", { name: "Register widget" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your widget is registered" })).toBeVisible();
  const listed = page.getByRole("region", { name: "Your widgets" }).getByRole("listitem", { name });
  await expect(listed.getByRole("definition").filter({ hasText: /^(Yes|No)$/ })).toHaveText(watchButton ? "Yes" : "No");
  return {
    embedId: (await listed.locator("code").textContent()) ?? "",
    snippet: await listed.getByLabel(`Snippet for ${name}`).inputValue(),
  };
}

/** A page of the second origin that embeds the snippet and writes every message from Wikiport's origin but heights into its DOM. */
function recordingPage(snippet: string): string {
  const appOrigin = JSON.stringify(new URL(E2E.appUrl).origin);
  return embedderPage(`<h1>Ada's reading list</h1>
${snippet}
<ol id="messages" aria-label="Messages from the widget"></ol>
<script>
addEventListener("message", function (event) {
  if (event.origin !== ${appOrigin} || !event.data || event.data.type === "wikiport:height") return;
  var item = document.createElement("li");
  item.textContent = JSON.stringify(event.data);
  document.getElementById("messages").appendChild(item);
});
</script>`);
}

test("signed out, Watch in the frame opens a popup that signs in, confirms, watches and tells the page", async ({ page, context, embedder }) => {
  // Two sign-ins (the owner's, then the reader's inside the popup) and a registration: more than the default 30 s on a busy machine.
  test.slow();
  // Ana owns the widget; the reader is Ada, who is not signed in to Wikiport.
  await signIn(page, ANA);
  const { embedId, snippet } = await registerWidget(page, { name: "Solar System with watching", origin: embedder.origin, watchButton: true });
  await context.clearCookies();

  await page.goto(embedder.serve("/reading-list.html", recordingPage(snippet)));
  const frame = page.frameLocator(`iframe[title="${CARD_TITLE}"]`);
  await expect(frame.getByRole("heading", { name: "Solar System" })).toBeVisible();

  const popupOpened = page.waitForEvent("popup");
  await frame.getByRole("button", { name: /^Watch/ }).click();
  const popup = await popupOpened;
  await expect(popup).toHaveURL(`${E2E.appUrl}/widget/watch/${embedId}`);
  await expect(popup.getByRole("heading", { name: "Watch Solar System on en.wikipedia.org" })).toBeVisible();
  // Nothing was done in the frame: the page has heard nothing yet.
  await expect(page.getByRole("list", { name: "Messages from the widget" }).getByRole("listitem")).toHaveCount(0);

  // Signing in inside the popup comes back to the popup, not to the dashboard.
  await popup.getByRole("button", { name: "Sign in with Wikimedia" }).click();
  await logInAtWikimedia(popup, ADA);
  await expect(popup.getByRole("heading", { name: "Authorize application" })).toBeVisible();
  await popup.getByRole("button", { name: "Allow" }).click();
  await popup.waitForURL(`${E2E.appUrl}/widget/watch/${embedId}`);

  await expect(popup.getByRole("heading", { name: "Watch Solar System on en.wikipedia.org?" })).toBeVisible();
  await popup.getByRole("button", { name: "Confirm" }).click();
  await expect(popup.getByRole("heading", { name: "You are watching Solar System" })).toBeVisible();

  // The frame heard from the popup, shows it, and told the embedding page (with no token in it).
  await expect(frame.getByText("Watching")).toBeVisible();
  const messages = page.getByRole("list", { name: "Messages from the widget" }).getByRole("listitem");
  await expect(messages.filter({ hasText: "wikiport:watched" })).toHaveCount(1);
  const watched = JSON.parse((await messages.filter({ hasText: "wikiport:watched" }).textContent()) ?? "{}") as Record<string, unknown>;
  expect(watched).toMatchObject({ type: "wikiport:watched", wiki: "en.wikipedia.org", title: "Solar System" });

  // The button closes the very page it is on: a mouse click's follow-up steps can then meet a closed page
  // ("Target page … has been closed", seen under load). Dispatching the click returns before the window
  // goes, and the close event still proves the button closed it.
  const closed = popup.waitForEvent("close");
  const close = popup.getByRole("button", { name: "Close" });
  await expect(close).toBeEnabled();
  await close.dispatchEvent("click");
  await closed;

  // Ada (now signed in in this browser) has it on her watchlist, and the activity log says so.
  await page.goto("/watchlist");
  await expect(page.getByRole("list", { name: "Watched pages on en.wikipedia.org" }).getByRole("link", { name: "Solar System", exact: true })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: "Recent activity" })).toContainText("Watched Solar System on en.wikipedia.org");
});

test("the popup refuses unknown widgets and widgets without a Watch button", async ({ page }) => {
  await signIn(page, ADA);
  const { embedId } = await registerWidget(page, { name: "Solar System, read only", origin: "https://blog.example.org", watchButton: false });

  const response = await page.goto(`/widget/watch/${embedId}`);
  await expect(page.getByRole("heading", { name: "This widget has no Watch button" })).toBeVisible();
  // The popup is where acting happens, so it is never framed (docs/security-requirements.md item 28).
  expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response?.headers()["x-frame-options"]).toBe("DENY");
  await expect(page.getByRole("button", { name: "Confirm" })).toHaveCount(0);

  await page.goto("/widget/watch/AAAAAAAAAAAAAAAAAAAAAAAA");
  await expect(page.getByRole("heading", { name: "This widget is not available" })).toBeVisible();
  await page.goto("/widget/watch/..%2F..%2Fdashboard");
  await expect(page.getByRole("heading", { name: "This widget is not available" })).toBeVisible();
});

test("a signed-in reader is asked first, and Cancel changes nothing", async ({ page }) => {
  await signIn(page, ANA);
  const { embedId } = await registerWidget(page, { name: "Solar System, watchable", origin: "https://blog.example.org", watchButton: true });
  // Opened directly rather than as a popup, Cancel cannot close the window: it says that nothing changed.
  await page.goto(`/widget/watch/${embedId}`);
  await expect(page.getByRole("heading", { name: "Watch Solar System on en.wikipedia.org?" })).toBeVisible();
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { name: "Nothing was changed" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: "Recent activity" })).not.toContainText("Watched Solar System");
});
