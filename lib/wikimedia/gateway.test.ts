/**
 * Wikiport's request layer against Wikimedia's API gateway (the sandbox's gateway mode, over HTTP, with
 * the real vault): a token the gateway calls expired is refreshed once and the call retried; a 429 is
 * answered with the wait, and the same user's next calls wait it out without asking again
 * (docs/wikimedia-protocol.md §11).
 */
import { describe, expect, it } from "vitest";
import { useTestDb } from "@/db/testing";
import { sandboxVault, signInToVault } from "@/lib/grants/testing";
import { DEMO_USERS } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { describeWikimediaError } from "./errors";
import { createWikimediaHttp } from "./http";
import { createRestClient } from "./rest";
import { siteOf } from "./testing";

const sb = useSandbox({ gateway: true });
const testDb = useTestDb();

const EN = siteOf("en.wikipedia.org");

function rest() {
  const http = createWikimediaHttp({ wikiUrlTemplate: `${sb.url}/{host}/w`, userAgent: "Wikiport/test (https://example.org/wikiport-tests) node", deadlineMs: 5_000 });
  return createRestClient({ http });
}

async function requests(): Promise<{ endpoint: string; status: number }[]> {
  return (await sb.control("GET", "/requests")).requests;
}

describe("Wikiport behind Wikimedia's API gateway", () => {
  it("refreshes once when the gateway says the token expired, retries, and the reader gets the page", async () => {
    const { vault } = sandboxVault(sb, testDb.db);
    const { as } = await signInToVault(sb, testDb.db, vault);
    // Wikimedia's clock is past the token's expiry; Wikiport still believes it has hours left.
    await sb.control("POST", "/clock", { advanceSeconds: 5 * 3600 });
    const page = await rest().getPageWithHtml(as, EN, "Solar System");
    expect(page.title).toBe("Solar System");
    const log = (await requests()).filter((r) => r.endpoint !== "oauth2/authorize" && !r.endpoint.startsWith("page"));
    expect(log.map((r) => [r.endpoint, r.status])).toEqual(
      expect.arrayContaining([
        ["gateway", 401],
        ["oauth2/access_token", 200],
        ["rest/page/with_html", 200],
      ]),
    );
    expect(log.filter((r) => r.endpoint === "gateway")).toHaveLength(1);
  });

  it("answers a 429 with the wait, and does not ask again for that user until it is over", async () => {
    await sb.control("POST", "/settings", { gatewayLimits: { established: 2 } });
    const { vault } = sandboxVault(sb, testDb.db);
    const ada = await signInToVault(sb, testDb.db, vault, DEMO_USERS.editor);
    const nico = await signInToVault(sb, testDb.db, vault, DEMO_USERS.newcomer);
    const client = rest();
    await client.getPageWithHtml(ada.as, EN, "Solar System");
    await client.getPageWithHtml(ada.as, EN, "Moon");

    const limited = await client.getPageWithHtml(ada.as, EN, "Earth").then(
      () => null,
      (error: unknown) => describeWikimediaError(error),
    );
    expect(limited).toMatchObject({ code: "rate_limited" });
    expect(limited!.retryAfterSeconds).toBeGreaterThan(5);
    expect(limited!.message).toMatch(/slow down/);
    const sent = (await requests()).length;

    // The same user's next call is answered at once, without spending the next minute's requests.
    const again = await client.getPageWithHtml(ada.as, EN, "Sun").then(
      () => null,
      (error: unknown) => describeWikimediaError(error),
    );
    expect(again).toMatchObject({ code: "rate_limited" });
    expect((await requests()).length).toBe(sent);

    // Another user's minute is their own.
    expect((await client.getPageWithHtml(nico.as, EN, "Sun")).title).toBe("Sun");
  });
});
