import { describe, expect, it, vi } from "vitest";
import { WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { appCredential, createAppToken } from "./app-token";
import { WikimediaError } from "./errors";
import { createWikimediaHttp } from "./http";
import { createTokenClient } from "./oauth";
import { createRestClient } from "./rest";
import { parseSite } from "./sites";

const sb = useSandbox();

function tokenClient(clientSecret: string = WIKIPORT_CLIENT.secret) {
  return createTokenClient({
    oauthUrl: `${sb.url}/meta.wikimedia.org/w/rest.php/oauth2`,
    clientId: WIKIPORT_CLIENT.key,
    clientSecret,
    userAgent: "Wikiport/test (app token tests)",
  });
}

async function clientCredentialRequests(): Promise<unknown[]> {
  const { requests } = await sb.control("GET", "/requests?endpoint=oauth2/access_token");
  return requests.filter((r: { details: { grantType?: string } }) => r.details.grantType === "client_credentials");
}

const parsed = parseSite("en.wikipedia.org");
if (!parsed.ok) throw new Error("en.wikipedia.org is allow-listed");
const EN = parsed.site;

describe("Wikiport's app token", () => {
  it("is fetched once for many reads, parallel ones included (single-flight)", async () => {
    const http = createWikimediaHttp({ wikiUrlTemplate: `${sb.url}/{host}/w`, userAgent: "Wikiport/test" });
    const rest = createRestClient({ http });
    const visitor = appCredential(createAppToken({ tokens: tokenClient() }));
    const parallel = await Promise.all(["Earth", "Moon", "Sun", "Solar System"].map((title) => rest.getPageSource(visitor, EN, title)));
    expect(parallel.map((page) => page.title)).toEqual(["Earth", "Moon", "Sun", "Solar System"]);
    for (const title of ["Earth", "Moon"]) await rest.getHistory(visitor, EN, title);
    expect(await clientCredentialRequests()).toHaveLength(1);
    const { requests } = await sb.control("GET", "/requests?endpoint=rest/page");
    expect(requests).toHaveLength(4);
  });

  it("is replaced once when a wiki refuses it, and the read is retried once", async () => {
    const http = createWikimediaHttp({ wikiUrlTemplate: `${sb.url}/{host}/w`, userAgent: "Wikiport/test" });
    const rest = createRestClient({ http });
    const visitor = appCredential(createAppToken({ tokens: tokenClient() }));
    await rest.getPageSource(visitor, EN, "Earth");
    // Wikimedia's clock moves past the token's expiry while Wikiport still holds it (e.g. revoked early).
    await sb.control("POST", "/clock", { advanceSeconds: 20_000 });
    expect((await rest.getPageSource(visitor, EN, "Moon")).title).toBe("Moon");
    expect(await clientCredentialRequests()).toHaveLength(2);
    const { requests } = await sb.control("GET", "/requests?endpoint=rest/page");
    expect(requests.map((r: { status: number }) => r.status)).toEqual([200, 403, 200]);
  });

  it("is renewed shortly before it expires", async () => {
    let clock = Date.now();
    const appToken = createAppToken({ tokens: tokenClient(), now: () => clock, renewBeforeSeconds: 300 });
    const first = await appToken.get();
    expect(await appToken.get()).toBe(first);
    clock += (14_400 - 299) * 1000;
    expect(await appToken.get()).not.toBe(first);
    expect(await clientCredentialRequests()).toHaveLength(2);
  });

  it("replace() after a rejection fetches a new token only once for racing callers", async () => {
    const appToken = createAppToken({ tokens: tokenClient() });
    const first = await appToken.get();
    const [a, b] = await Promise.all([appToken.replace(first), appToken.replace(first)]);
    expect(a).toBe(b);
    expect(a).not.toBe(first);
    expect(await clientCredentialRequests()).toHaveLength(2);
  });

  it("turns a token endpoint outage into unavailable, and refused credentials into an operator error", async () => {
    await sb.control("POST", "/faults", { endpoint: "oauth2/access_token", kind: "html", status: 503 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const outage = await createAppToken({ tokens: tokenClient() }).get().catch((error: unknown) => error);
    warn.mockRestore();
    expect(outage).toBeInstanceOf(WikimediaError);
    expect((outage as WikimediaError).code).toBe("wikimedia_unavailable");

    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const refused = await createAppToken({ tokens: tokenClient("0".repeat(40)) }).get().catch((e: unknown) => e);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
    expect(refused).toMatchObject({ code: "wikimedia_unavailable", apiCode: "invalid_client" });
    expect((refused as WikimediaError).message).not.toContain("0000");
  });
});
