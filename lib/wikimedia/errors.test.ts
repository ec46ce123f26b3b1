import { describe, expect, it } from "vitest";
import { codeForApiError, describeWikimediaError, WikimediaError } from "./errors";
import { ReconnectNeededError, WikimediaUnavailableError } from "./token-errors";

describe("describeWikimediaError", () => {
  it("gives the code, a sentence and the wait", () => {
    expect(describeWikimediaError(new WikimediaError("rate_limited", { retryAfterSeconds: 30, host: "en.wikipedia.org" }))).toEqual({
      code: "rate_limited",
      message: "Wikimedia asked Wikiport to slow down. Try again in 30 seconds.",
      retryAfterSeconds: 30,
      params: { host: "en.wikipedia.org" },
    });
  });

  it("folds in the token source's (the vault's) errors", () => {
    expect(describeWikimediaError(new ReconnectNeededError("invalid_grant")).code).toBe("reconnect_needed");
    expect(describeWikimediaError(new WikimediaUnavailableError(4_500))).toMatchObject({ code: "wikimedia_unavailable", retryAfterSeconds: 5 });
  });

  it("never passes on an unexpected error's text", () => {
    const leaky = new Error("SQLITE_ERROR at /srv/app/lib/db.ts:12 token=abc123");
    expect(describeWikimediaError(leaky)).toEqual({
      code: "internal",
      message: "Something went wrong in Wikiport. Try again; if it keeps happening, tell us.",
    });
  });
});

describe("codeForApiError", () => {
  it.each([
    ["editconflict", "edit_conflict"],
    ["protectedpage", "protected"],
    ["cascadeprotected", "protected"],
    ["blocked", "blocked"],
    ["ratelimited", "rate_limited"],
    ["maxlag", "maxlag"],
    ["readonly", "readonly"],
    ["assertuserfailed", "reconnect_needed"],
    ["mwoauth-invalid-authorization", "reconnect_needed"],
    ["abusefilter-disallowed", "abuse_filter"],
    ["abusefilter-warning", "abuse_filter"],
    ["internal_api_error_DBQueryError", "wikimedia_unavailable"],
    ["spamblacklist", "api_error"],
    // Names of Object.prototype's members are codes like any other, not lookups into the prototype.
    ["constructor", "api_error"],
    ["toString", "api_error"],
    ["__proto__", "api_error"],
  ] as const)("%s → %s", (apiCode, code) => {
    expect(codeForApiError(apiCode)).toBe(code);
  });
});
