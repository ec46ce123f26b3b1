import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

const APP = "https://app.example";

describe("safeRedirect (security.md item 6)", () => {
  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://app.example.evil.example",
    "https://app.example@evil.example",
    "javascript:alert(1)",
    "https://user:pass@app.example/dashboard",
    "not a url",
  ])("sends %s home instead", (target) => {
    expect(safeRedirect(target, APP)).toBe(`${APP}/`);
  });

  it.each([
    ["/dashboard", `${APP}/dashboard`],
    ["/dashboard?tab=grants#top", `${APP}/dashboard?tab=grants#top`],
    [`${APP}/dashboard`, `${APP}/dashboard`],
  ])("keeps %s on the app", (target, expected) => {
    expect(safeRedirect(target, APP)).toBe(expected);
  });
});
