import { describe, expect, it } from "vitest";
import { z } from "zod";
import { healthReport } from "@/lib/health";
import type { Logger } from "@/lib/log";
import { useSandbox } from "@/sandbox/testing";
import { createDeprecationWatch, endpointOf, readDeprecation } from "./deprecations";
import { anonymousCredential, createWikimediaHttp } from "./http";
import { createActionClient } from "./action";
import { createRestClient } from "./rest";
import { siteOf } from "./testing";

const sb = useSandbox();


/** A Logger that keeps what it is told, so a test can read the lines an operator would see. */
function recordingLog() {
  const lines: { level: string; event: string; fields: Record<string, unknown> }[] = [];
  const at = (level: string) => (event: string, fields: Record<string, unknown> = {}) => void lines.push({ level, event, fields });
  const logger: Logger = { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
  return { logger, lines };
}

describe("reading an RFC 9745 Deprecation header", () => {
  it("reads the sf-date, the Sunset date and the deprecation link", () => {
    const headers = new Headers({
      deprecation: "@1782864000",
      sunset: "Fri, 01 Jan 2027 00:00:00 GMT",
      link: '<https://www.mediawiki.org/wiki/API/Deprecation>; rel="deprecation"; type="text/html", <https://example.org/other>; rel="next"',
    });
    expect(readDeprecation(headers)).toEqual({
      since: "2026-07-01T00:00:00.000Z",
      sunset: "2027-01-01T00:00:00.000Z",
      link: "https://www.mediawiki.org/wiki/API/Deprecation",
    });
  });

  it("accepts the drafts' `true` and HTTP dates, ignores a link that is not https, and refuses nonsense", () => {
    expect(readDeprecation(new Headers({ deprecation: "true", link: '<http://example.org/x>; rel="deprecation"' }))).toEqual({ since: null, sunset: null, link: null });
    expect(readDeprecation(new Headers({ deprecation: "Wed, 01 Jul 2026 00:00:00 GMT" }))?.since).toBe("2026-07-01T00:00:00.000Z");
    expect(readDeprecation(new Headers({ deprecation: "soon-ish" }))).toBeNull();
    expect(readDeprecation(new Headers())).toBeNull();
  });

  it("names an endpoint without the page, user or value it was asked for", () => {
    expect(endpointOf("GET", new URL("https://en.wikipedia.org/w/rest.php/v1/page/Secret%20Title/with_html"))).toBe("GET rest.php/v1/page/{title}/with_html");
    expect(endpointOf("GET", new URL("https://en.wikipedia.org/w/rest.php/v1/revision/123/bare"))).toBe("GET rest.php/v1/revision/{id}/bare");
    expect(endpointOf("POST", new URL("https://en.wikipedia.org/w/api.php?action=query&titles=Secret&prop=revisions|info&format=json"))).toBe(
      "POST api.php action=query&prop=info|revisions",
    );
  });
});

describe("deprecations seen by the request layer (sandbox over HTTP)", () => {
  it("logs a deprecated endpoint once, whatever page was asked for, and lists it for /healthz", async () => {
    await sb.control("POST", "/deprecations", {
      endpoint: "rest/page/with_html",
      since: "2026-07-01T00:00:00Z",
      sunset: "2027-01-01T00:00:00Z",
      link: "https://www.mediawiki.org/wiki/API/Deprecation",
    });
    const { logger, lines } = recordingLog();
    const deprecations = createDeprecationWatch({ log: logger, now: () => new Date("2026-12-04T12:00:00Z") });
    const http = createWikimediaHttp({ wikiUrlTemplate: `${sb.url}/{host}/w`, userAgent: "Wikiport/test (deprecation tests) node", log: logger, deprecations });
    const rest = createRestClient({ http });
    const en = siteOf("en.wikipedia.org");
    await rest.getPageWithHtml(anonymousCredential, en, "Solar System");
    await rest.getPageWithHtml(anonymousCredential, en, "Moon");
    await createActionClient({ http }).get(anonymousCredential, en, { action: "query", meta: "siteinfo" }, z.unknown());

    const warnings = lines.filter((line) => line.event === "wikimedia.deprecated");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      level: "warn",
      fields: {
        endpoint: "GET rest.php/v1/page/{title}/with_html",
        host: "en.wikipedia.org",
        since: "2026-07-01T00:00:00.000Z",
        sunset: "2027-01-01T00:00:00.000Z",
        link: "https://www.mediawiki.org/wiki/API/Deprecation",
      },
    });
    expect(deprecations.list()).toHaveLength(1);
    expect(healthReport({ ok: true }, deprecations.list()).body).toBe(
      "ok\nwikimedia-deprecated: GET rest.php/v1/page/{title}/with_html (seen on en.wikipedia.org at 2026-12-04T12:00:00.000Z; " +
        "deprecated since 2026-07-01T00:00:00.000Z; stops working 2027-01-01T00:00:00.000Z; https://www.mediawiki.org/wiki/API/Deprecation)\n",
    );
  });

  it("says nothing while no endpoint is deprecated", async () => {
    const { logger, lines } = recordingLog();
    const deprecations = createDeprecationWatch({ log: logger });
    const http = createWikimediaHttp({ wikiUrlTemplate: `${sb.url}/{host}/w`, userAgent: "Wikiport/test (deprecation tests) node", log: logger, deprecations });
    await createRestClient({ http }).getPageWithHtml(anonymousCredential, siteOf("en.wikipedia.org"), "Solar System");
    expect(lines.filter((line) => line.event === "wikimedia.deprecated")).toEqual([]);
    expect(healthReport({ ok: true }, deprecations.list()).body).toBe("ok\n");
  });
});
