import { describe, expect, it } from "vitest";
import { CACHE_BUDGET, CACHE_BUDGET_TOTAL, stringBytes, valueBytes } from "./cache-budget";

describe("cache budget", () => {
  it("counts a string as V8 holds it: one byte a character in Latin-1, two otherwise", () => {
    expect(stringBytes("Solar System, café")).toBe(18);
    expect(stringBytes("ירושלים")).toBe(14);
    expect(stringBytes(`${"x".repeat(99)}λ`)).toBe(200);
    expect(stringBytes("🪐")).toBe(4);
  });

  it("counts an object's strings and a little for each object and property", () => {
    const small = valueBytes({ title: "Earth", extract: "" });
    const large = valueBytes({ title: "Earth", extract: "λ".repeat(1_000) });
    expect(large - small).toBe(2_000);
    expect(valueBytes([1, 2, 3])).toBeGreaterThan(24);
  });

  it("adds up to a total that leaves the process room within 300 MiB", () => {
    expect(CACHE_BUDGET_TOTAL).toBe(Object.values(CACHE_BUDGET).reduce((sum, bytes) => sum + bytes, 0));
    expect(CACHE_BUDGET_TOTAL).toBeLessThanOrEqual(80 * 1024 * 1024);
  });
});
