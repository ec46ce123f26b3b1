/**
 * Licence and credit from Wikimedia's Attribution API, against the sandbox over HTTP: shown when the route
 * answers, today's attribution when it is missing or failing, and asked once per revision whatever the
 * outcome, for article pages and cards alike.
 */
import { describe, expect, it } from "vitest";
import { createActionClient } from "@/lib/wikimedia/action";
import { appCredential, createAppToken } from "@/lib/wikimedia/app-token";
import { createWikimediaHttp } from "@/lib/wikimedia/http";
import { createTokenClient } from "@/lib/wikimedia/oauth";
import { createRestClient } from "@/lib/wikimedia/rest";
import { siteOf } from "@/lib/wikimedia/testing";
import { WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { fetchCardSummary } from "@/lib/widget/summary";
import { CC_BY_SA_4, licenceOf } from "./attribution";
import { createHtmlCache } from "./html-cache";
import { mediaPrefixFor } from "./media";
import { readArticle, type ReadDeps } from "./read";

const sb = useSandbox();

const EN = siteOf("en.wikipedia.org");
const DE = siteOf("de.wikipedia.org");
const SIGNALS = "rest/attribution/signals";
/** What the sandbox's Attribution API answers (sandbox/rest/attribution.ts), unlike `/v1/page`'s `license`. */
const API_LICENCE = { title: "Creative Commons Attribution-Share Alike 4.0", url: "https://creativecommons.org/licenses/by-sa/4.0/deed.en" };
const PAGE_LICENCE = { title: "Creative Commons Attribution-Share Alike 4.0", url: "https://creativecommons.org/licenses/by-sa/4.0/" };

function setup() {
  const oauthUrl = `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`;
  const tokens = createTokenClient({ oauthUrl, clientId: WIKIPORT_CLIENT.key, clientSecret: WIKIPORT_CLIENT.secret, userAgent: "Wikiport/test" });
  const wikiUrlTemplate = `${sb.url}/{host}/w`;
  const http = createWikimediaHttp({ wikiUrlTemplate, userAgent: "Wikiport/test (attribution tests)", requestTimeoutMs: 2_000 });
  const deps: ReadDeps = {
    rest: createRestClient({ http }),
    wikiUrlTemplate,
    mediaPrefix: mediaPrefixFor({ mode: "sandbox", sandboxUrl: sb.url }),
    cache: createHtmlCache(),
  };
  return { deps, http, visitor: appCredential(createAppToken({ tokens })) };
}

async function signalRequests(): Promise<number> {
  return ((await sb.control("GET", `/requests?endpoint=${encodeURIComponent(SIGNALS)}`)) as { requests: unknown[] }).requests.length;
}

async function article(deps: ReadDeps, visitor: ReturnType<typeof setup>["visitor"], title: string, site = EN) {
  const result = await readArticle(deps, visitor, site, title);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("attribution of an article", () => {
  it("shows the Attribution API's licence and credit, asked once per revision", async () => {
    const { deps, visitor } = setup();
    expect(await article(deps, visitor, "Solar_System")).toMatchObject({ licence: API_LICENCE, credit: "English Wikipedia" });
    expect(await article(deps, visitor, "Solar_System")).toMatchObject({ licence: API_LICENCE, credit: "English Wikipedia" });
    expect(await article(deps, visitor, "Sonnensystem", DE)).toMatchObject({ credit: "German Wikipedia" });
    expect(await signalRequests()).toBe(2);
  });

  it.each([
    ["missing (a wiki without the module)", 404],
    ["failing", 503],
  ])("falls back to the page's own licence and the wiki's host when the route is %s, and does not ask again for that revision", async (_what, status) => {
    const { deps, visitor } = setup();
    await sb.control("POST", "/faults", { endpoint: SIGNALS, kind: "status", status });
    expect(await article(deps, visitor, "Solar_System")).toMatchObject({ licence: PAGE_LICENCE, credit: null });
    expect(await article(deps, visitor, "Solar_System")).toMatchObject({ licence: PAGE_LICENCE, credit: null });
    expect(await signalRequests()).toBe(1);
  });

  it("keeps only https licence links with a one-line title from upstream", () => {
    expect(licenceOf({ title: "Evil", url: "javascript:alert(1)" })).toEqual(CC_BY_SA_4);
    expect(licenceOf({ title: " \n ", url: "https://example.org/licence" })).toEqual(CC_BY_SA_4);
    expect(licenceOf({ title: "CC BY 4.0\n<b>", url: "https://creativecommons.org/licenses/by/4.0/" })).toEqual({ title: "CC BY 4.0 <b>", url: "https://creativecommons.org/licenses/by/4.0/" });
  });
});

describe("attribution of a card", () => {
  it("uses the same per-revision cache as the article page, so a card after the page costs no request", async () => {
    const { deps, http, visitor } = setup();
    await article(deps, visitor, "Earth");
    const summaryDeps = { action: createActionClient({ http }), wikiUrlTemplate: deps.wikiUrlTemplate, mediaPrefix: deps.mediaPrefix, attribution: { rest: deps.rest, cache: deps.cache } };
    const card = await fetchCardSummary(summaryDeps, visitor, EN, "Earth");
    expect(card).toMatchObject({ ok: true, value: { licence: API_LICENCE, credit: "English Wikipedia" } });
    expect(await signalRequests()).toBe(1);
  });

  it("keeps the card's own licence line when the route fails", async () => {
    const { deps, http, visitor } = setup();
    await sb.control("POST", "/faults", { endpoint: SIGNALS, kind: "status", status: 500 });
    const summaryDeps = { action: createActionClient({ http }), wikiUrlTemplate: deps.wikiUrlTemplate, mediaPrefix: deps.mediaPrefix, attribution: { rest: deps.rest, cache: deps.cache } };
    expect(await fetchCardSummary(summaryDeps, visitor, EN, "Earth")).toMatchObject({
      ok: true,
      value: { licence: { title: "CC BY-SA 4.0", url: "https://creativecommons.org/licenses/by-sa/4.0/" }, credit: null },
    });
  });
});
