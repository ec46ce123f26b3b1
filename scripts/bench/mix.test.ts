import { describe, expect, it } from "vitest";
import { logTrouble } from "./mix";

describe("logTrouble", () => {
  it("counts error lines by event, Next's own error lines and unhandled rejections, not the rest", () => {
    const lines = [
      JSON.stringify({ time: "t", level: "info", event: "wikimedia.app_token_issued" }),
      JSON.stringify({ time: "t", level: "warn", event: "request.rate_limited", note: "Error budget" }),
      JSON.stringify({ time: "t", level: "error", event: "article.render_failed" }),
      JSON.stringify({ time: "t", level: "error", event: "article.render_failed" }),
      " ⨯ TypeError: Cannot read properties of undefined",
      "Unhandled Rejection: Error: boom",
      "  ▲ Next.js 16.4.5",
    ];
    expect(logTrouble(lines)).toEqual({ errors: 4, rejections: 1, events: ["article.render_failed", "(unstructured)"] });
  });
});
