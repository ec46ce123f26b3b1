import { describe, expect, it } from "vitest";
import { apiErrorCodes, parseHttpDate, parseRetryAfter } from "./headers";

const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("parseRetryAfter", () => {
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("5", NOW)).toBe(5);
    expect(parseRetryAfter(" 120 ", NOW)).toBe(120);
    expect(parseRetryAfter("0", NOW)).toBe(0);
    expect(parseRetryAfter("99999999999", NOW)).toBe(2 ** 31);
  });

  it("reads the three HTTP-date forms as seconds from now, 0 once past", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", NOW)).toBe(30);
    expect(parseRetryAfter("Thursday, 01-Jan-26 00:01:00 GMT", NOW)).toBe(60);
    expect(parseRetryAfter("Thu Jan  1 00:00:10 2026", NOW)).toBe(10);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", NOW)).toBe(0);
  });

  it("refuses what is neither delta-seconds nor an HTTP-date", () => {
    for (const value of [null, "", "soon", "1.5", "-3", "1e3", "+5", "0x10", "2026-01-01", "2026-01-01T00:00:30Z", "Thu, 01 Jan 2026 00:00:30 PST", "Thu, 31 Feb 2026 00:00:30 GMT"]) {
      expect(parseRetryAfter(value, NOW), String(value)).toBeUndefined();
    }
  });
});

describe("parseHttpDate", () => {
  it("reads a two-digit RFC 850 year as the most recent past year more than 50 years ahead", () => {
    expect(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).toBe(Date.parse("1994-11-06T08:49:37Z"));
    expect(parseHttpDate("Friday, 06-Nov-65 08:49:37 GMT", NOW)).toBe(Date.parse("2065-11-06T08:49:37Z"));
  });
});

describe("apiErrorCodes", () => {
  it("lists the comma-separated codes of MediaWiki-API-Error", () => {
    expect(apiErrorCodes(new Headers({ "MediaWiki-API-Error": "maxlag" }))).toEqual(["maxlag"]);
    expect(apiErrorCodes(new Headers({ "MediaWiki-API-Error": "mwoauth-invalid-authorization, readonly" }))).toEqual(["mwoauth-invalid-authorization", "readonly"]);
    expect(apiErrorCodes(new Headers())).toEqual([]);
    expect(apiErrorCodes(new Headers({ "MediaWiki-API-Error": " , " }))).toEqual([]);
  });
});
