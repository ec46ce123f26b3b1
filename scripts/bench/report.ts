/**
 * The pure part of the benchmark: percentiles, ratios, human units and the one results table. No I/O,
 * so it is unit-tested (report.test.ts) and every number in the table goes through one formatter.
 */

/** Nearest-rank percentile of unsorted samples (p in 0..100); NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0 || !Number.isFinite(p)) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** `a / b`, or NaN when either side is missing or b is zero: a ratio that cannot be measured is shown as n/a. */
export function ratio(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return Number.NaN;
  return a / b;
}

/** "×0.42", "×12.3", "×1,234"; n/a for NaN. Three significant digits below 100. */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value >= 100) return `×${Math.round(value).toLocaleString("en-US")}`;
  return `×${Number(value.toPrecision(3))}`;
}

export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 10) return `${Math.round(value)} ms`;
  return `${value.toFixed(1)} ms`;
}

export function formatRate(requestsPerSecond: number): string {
  if (!Number.isFinite(requestsPerSecond)) return "n/a";
  return `${requestsPerSecond >= 100 ? Math.round(requestsPerSecond).toLocaleString("en-US") : requestsPerSecond.toFixed(1)} req/s`;
}

/** Binary units, as `free` and `top` show memory. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "n/a";
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

export function formatCount(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "n/a";
}

/** "200×1000, 429×12": what came back, for notes and failures. */
export function describeStatuses(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, count]) => `${status}×${count}`)
    .join(", ");
}

/** One line of the results table: what was measured, the two sides, and how they compare. */
export interface Row {
  id: string;
  what: string;
  measured: string;
  baseline: string;
  ratio: string;
  note?: string;
}

/** A row that could not be measured, with the reason in place of the numbers. */
export function unavailableRow(id: string, what: string, reason: string): Row {
  return { id, what, measured: "n/a", baseline: "n/a", ratio: "n/a", note: reason };
}

const HEADERS = { id: "", what: "Measure", measured: "Wikiport", baseline: "Baseline", ratio: "Ratio" } as const;
const COLUMNS = ["id", "what", "measured", "baseline", "ratio"] as const;

/** A plain-text table (Markdown-compatible pipes), with each row's note on its own line beneath. */
export function formatTable(rows: readonly Row[]): string {
  const widths = COLUMNS.map((column) => Math.max(HEADERS[column].length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  const out = [line(COLUMNS.map((column) => HEADERS[column])), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`];
  for (const row of rows) out.push(line(COLUMNS.map((column) => row[column])));
  const notes = rows.filter((row) => row.note).map((row) => `  (${row.id}) ${row.note}`);
  return notes.length > 0 ? `${out.join("\n")}\n\n${notes.join("\n")}` : out.join("\n");
}
