import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

const APP = "https://app.example";

describe("safeRedirect (docs/security-requirements.md item 6)", () => {
  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://app.example.evil.example",
    "https://app.example@evil.example",
    "javascript:alert(1)",
    "https://user:pass@app.example/dashboard",
    "not a url",
    // Encoded, mixed-case and whitespace variants of the same tricks.
    "%2F%2Fevil.example",
    "%2f%5cevil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "\t//evil.example",
    "https:evil.example",
    "HTTPS://EVIL.EXAMPLE",
    "https://app.example%2F@evil.example",
    "https://app.example%40evil.example",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "javascript%3Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://app.example/dashboard",
  ])("sends %j home instead", (target) => {
    expect(safeRedirect(target, APP)).toBe(`${APP}/`);
  });

  it.each([
    ["/dashboard", `${APP}/dashboard`],
    ["/dashboard?tab=grants#top", `${APP}/dashboard?tab=grants#top`],
    [`${APP}/dashboard`, `${APP}/dashboard`],
    // Percent-encoded slashes in a path stay a path on the app: the browser does not decode them into a host.
    ["/%2F%2Fevil.example", `${APP}/%2F%2Fevil.example`],
    ["/%5Cevil.example", `${APP}/%5Cevil.example`],
    ["HTTPS://APP.EXAMPLE/dashboard", `${APP}/dashboard`],
  ])("keeps %s on the app", (target, expected) => {
    expect(safeRedirect(target, APP)).toBe(expected);
  });
});
