import { describe, expect, it } from "vitest";
import { APP_NODE_OPTIONS, appNodeOptions } from "./node-options";

describe("appNodeOptions", () => {
  it("gives the app V8's memory limits", () => {
    expect(appNodeOptions(undefined)).toBe("--max-old-space-size=384 --max-semi-space-size=8");
    expect(appNodeOptions("  ")).toBe(APP_NODE_OPTIONS.join(" "));
  });

  it("puts the operator's own NODE_OPTIONS last, so that theirs win (V8 takes a flag's last value)", () => {
    expect(appNodeOptions("--max-old-space-size=1024 --enable-source-maps")).toBe(
      "--max-old-space-size=384 --max-semi-space-size=8 --max-old-space-size=1024 --enable-source-maps",
    );
  });
});
