import { describe, expect, it } from "vitest";
import {
  describeStatuses,
  formatBytes,
  formatCount,
  formatMs,
  formatRate,
  formatRatio,
  formatTable,
  median,
  percentile,
  ratio,
  unavailableRow,
} from "./report";

describe("percentile", () => {
  it("uses the nearest rank, whatever the input order", () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 90)).toBe(9);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 100)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(median([3, 1, 2])).toBe(2);
  });

  it("leaves its input unsorted", () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it("has no value without samples", () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("ratio", () => {
  it("divides, and is NaN when a side is missing or the baseline is zero", () => {
    expect(ratio(6, 3)).toBe(2);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 3)).toBeNaN();
    expect(ratio(3, Number.POSITIVE_INFINITY)).toBeNaN();
  });
});

describe("formatters", () => {
  it("shows ratios with three significant digits, large ones whole, missing ones as n/a", () => {
    expect(formatRatio(0.41666)).toBe("×0.417");
    expect(formatRatio(12.345)).toBe("×12.3");
    expect(formatRatio(1234.4)).toBe("×1,234");
    expect(formatRatio(Number.NaN)).toBe("n/a");
  });

  it("shows durations, rates, sizes and counts in human units", () => {
    expect(formatMs(3.25)).toBe("3.3 ms");
    expect(formatMs(42.4)).toBe("42 ms");
    expect(formatMs(1500)).toBe("1.50 s");
    expect(formatRate(1234.6)).toBe("1,235 req/s");
    expect(formatRate(12.34)).toBe("12.3 req/s");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(200 * 1024 * 1024)).toBe("200.0 MiB");
    expect(formatCount(100000)).toBe("100,000");
    expect(formatCount(Number.NaN)).toBe("n/a");
  });
});

describe("describeStatuses", () => {
  it("lists what came back, by status", () => {
    expect(describeStatuses({ "503": 2, "200": 998 })).toBe("200×998, 503×2");
    expect(describeStatuses({})).toBe("");
  });
});

describe("formatTable", () => {
  it("aligns the columns and puts notes under the table", () => {
    const table = formatTable([
      { id: "a", what: "Article view", measured: "100 req/s", baseline: "1,000 req/s", ratio: "×0.1" },
      { ...unavailableRow("c", "Widget", "no /embed route in this build") },
    ]);
    const lines = table.split("\n");
    expect(lines[0]).toBe("|   | Measure      | Wikiport  | Baseline    | Ratio |");
    expect(lines[1]).toBe("|---|--------------|-----------|-------------|-------|");
    expect(lines[2]).toBe("| a | Article view | 100 req/s | 1,000 req/s | ×0.1  |");
    expect(lines[3]).toBe("| c | Widget       | n/a       | n/a         | n/a   |");
    expect(lines.slice(4)).toEqual(["", "  (c) no /embed route in this build"]);
  });
});
