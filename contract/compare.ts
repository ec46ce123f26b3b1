/**
 * Compares one request's answers from MediaWiki and the sandbox: status code, media type, body shape
 * (shape.ts), the few values clients branch on (error codes), and the MediaWiki-API-Error header.
 * Differences listed in known-differences.ts are explained and allowed; anything else fails with a
 * readable report. Nothing is dropped silently: explained differences are counted and summarised.
 */
import { expect } from "vitest";
import type { Exchange } from "./http-client";
import { KNOWN_DIFFERENCES, NULLABLE_FIELDS, type KnownDifference } from "./known-differences";
import { diffShapes, shapeOf, type ShapeDifference } from "./shape";
import type { Pair } from "./targets";

/**
 * Values, not just types, that must match: they are what clients switch on (error codes, result
 * words, HTTP codes repeated in REST bodies). Everything else is compared by type only.
 */
const CONTRACT_VALUE_PATHS = [
  "error.code", // Action API error code (badtoken, editconflict, …)
  "errors[].code", // the same with errorformat=plaintext|html|…
  "errors[].module",
  "errors[].key", // errorformat=raw: the message key
  "warnings[].code", // warnings with errorformat=plaintext|raw|…
  "warnings[].module",
  "warnings[].key",
  "login.result",
  "edit.result",
  "httpCode", // REST error envelope
  "httpReason",
  "actionModuleErrorCode", // REST write errors that wrap action=edit
  "error", // REST parameter validation: "parameter-validation-failed"
  "failureCode",
] as const;

export interface Finding {
  /** "status", "media-type", "header:<name>", "value:<path>" or a shape difference kind. */
  kind: string;
  path: string;
  mediawiki: string;
  sandbox: string;
}

export interface Comparison {
  request: string;
  unexplained: Finding[];
  explained: Array<{ finding: Finding; by: string }>;
}

const usage = new Map<string, number>();
/** Requests compared in this file (each test file runs in its own module scope), for the suite's size. */
let compared = 0;

function pathRegex(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*" && pattern[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (ch === "*") {
      source += "[^.\\[\\]{}]*";
    } else {
      source += ch.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

function explains(known: KnownDifference, request: string, finding: Finding): boolean {
  if (!known.request.test(request)) return false;
  const d = known.difference;
  if (d.kind === "status") {
    return finding.kind === "status" && finding.mediawiki === String(d.mediawiki) && finding.sandbox === String(d.sandbox);
  }
  return finding.kind === d.kind && pathRegex(d.path).test(finding.path);
}

/** A type difference that is only "null on one side" at a documented nullable field. */
function isNullableOnly(request: string, finding: Finding): boolean {
  if (finding.kind !== "type") return false;
  const a = new Set(finding.mediawiki.split("|"));
  const b = new Set(finding.sandbox.split("|"));
  a.delete("null");
  b.delete("null");
  // If one side is only null, there is nothing left to compare on that side: any type is fine there.
  const sameRest = a.size === 0 || b.size === 0 || (a.size === b.size && [...a].every((k) => b.has(k)));
  return sameRest && NULLABLE_FIELDS.some((field) => field.request.test(request) && pathRegex(field.path).test(finding.path));
}

/** Scalar values at `path` (`[]` steps into every array element); empty when the path isn't there. */
export function valuesAt(value: unknown, path: string): Array<string | number | boolean> {
  let current: unknown[] = [value];
  for (const segment of path.split(".")) {
    const array = segment.endsWith("[]");
    const key = array ? segment.slice(0, -2) : segment;
    current = current.flatMap((node) => {
      if (node === null || typeof node !== "object" || Array.isArray(node)) return [];
      const next = (node as Record<string, unknown>)[key];
      if (next === undefined) return [];
      return array ? (Array.isArray(next) ? next : []) : [next];
    });
  }
  return current.filter((v): v is string | number | boolean => ["string", "number", "boolean"].includes(typeof v));
}

export interface CompareOptions {
  /** Compare bodies as JSON shapes (default when both are JSON) or not at all (e.g. HTML, checked elsewhere). */
  body?: "shape" | "none";
}

export function compare(pair: Pair, options: CompareOptions = {}): Comparison {
  compared++;
  const { mediawiki, sandbox } = pair;
  const request = mediawiki.request;
  const findings: Finding[] = [];
  if (mediawiki.status !== sandbox.status) {
    findings.push({ kind: "status", path: "", mediawiki: String(mediawiki.status), sandbox: String(sandbox.status) });
  }
  // Different statuses carry different kinds of body (a 301's HTML link against a 200's JSON): the
  // status finding says it all, so media types and bodies are compared only when statuses agree.
  if (mediawiki.status === sandbox.status && mediawiki.mediaType !== sandbox.mediaType) {
    findings.push({ kind: "media-type", path: "", mediawiki: mediawiki.mediaType || "(none)", sandbox: sandbox.mediaType || "(none)" });
  }
  const apiError = [mediawiki.headers.get("mediawiki-api-error"), sandbox.headers.get("mediawiki-api-error")];
  if (apiError[0] !== apiError[1]) {
    findings.push({ kind: "header:mediawiki-api-error", path: "", mediawiki: apiError[0] ?? "(absent)", sandbox: apiError[1] ?? "(absent)" });
  }
  const compareBodies = (options.body ?? "shape") === "shape" && mediawiki.status === sandbox.status;
  if (compareBodies && mediawiki.mediaType === "application/json") {
    if (sandbox.json === undefined) {
      findings.push({ kind: "body", path: "", mediawiki: "JSON", sandbox: `not JSON: ${sandbox.text.slice(0, 200)}` });
    } else if (mediawiki.json === undefined) {
      throw new Error(`MediaWiki's answer to ${request} is not JSON: ${mediawiki.text.slice(0, 500)}`);
    } else {
      findings.push(...diffShapes(shapeOf(mediawiki.json), shapeOf(sandbox.json)).map(fromShape));
      for (const path of CONTRACT_VALUE_PATHS) {
        const a = valuesAt(mediawiki.json, path);
        const b = valuesAt(sandbox.json, path);
        // Only values present on both sides are compared here; presence and type are shape findings.
        if (a.length > 0 && b.length > 0 && JSON.stringify(a) !== JSON.stringify(b)) {
          findings.push({ kind: "value", path, mediawiki: JSON.stringify(a), sandbox: JSON.stringify(b) });
        }
      }
    }
  }

  const comparison: Comparison = { request, unexplained: [], explained: [] };
  for (const finding of findings) {
    if (isNullableOnly(request, finding)) continue;
    const known = KNOWN_DIFFERENCES.find((k) => explains(k, request, finding));
    if (known) {
      comparison.explained.push({ finding, by: known.id });
      usage.set(known.id, (usage.get(known.id) ?? 0) + 1);
    } else {
      comparison.unexplained.push(finding);
    }
  }
  return comparison;
}

function fromShape(difference: ShapeDifference): Finding {
  return { kind: difference.kind, path: difference.path, mediawiki: difference.mediawiki, sandbox: difference.sandbox };
}

export function formatComparison(comparison: Comparison, pair?: Pair): string {
  const lines = [`${comparison.request}: ${comparison.unexplained.length} unexplained difference(s)`];
  for (const f of comparison.unexplained) {
    const where = f.path === "" ? "" : ` at ${f.path}`;
    lines.push(`  ${f.kind}${where}: MediaWiki ${f.mediawiki} | sandbox ${f.sandbox}`);
  }
  for (const { finding, by } of comparison.explained) {
    lines.push(`  (known: ${by}) ${finding.kind}${finding.path ? ` at ${finding.path}` : ""}`);
  }
  if (pair && comparison.unexplained.length > 0) {
    lines.push(`  MediaWiki answered ${pair.mediawiki.status}: ${excerpt(pair.mediawiki)}`);
    lines.push(`  sandbox answered ${pair.sandbox.status}: ${excerpt(pair.sandbox)}`);
  }
  return lines.join("\n");
}

function excerpt(exchange: Exchange): string {
  // Tokens and passwords never appear in bodies we print: only what the servers answered, trimmed.
  const text = exchange.text.replace(/"([a-z]*token)":"[^"]*"/g, '"$1":"…"');
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

/** Asserts that MediaWiki and the sandbox answered alike, up to known differences. */
export function expectSameContract(pair: Pair, options: CompareOptions = {}): Comparison {
  const comparison = compare(pair, options);
  // The message carries the readable diff; the count keeps vitest from printing the findings twice.
  expect(comparison.unexplained.length, formatComparison(comparison, pair)).toBe(0);
  return comparison;
}

/**
 * Asserts several exchanges at once (e.g. one route with several suffixes), so one failure doesn't
 * hide the others: the message lists every request that differs.
 */
export function expectAllSameContract(pairs: Pair[], options: CompareOptions = {}): Comparison[] {
  const comparisons = pairs.map((p) => compare(p, options));
  const failing = comparisons.flatMap((c, i) => (c.unexplained.length > 0 ? [formatComparison(c, pairs[i])] : []));
  expect(failing.length, failing.join("\n")).toBe(0);
  return comparisons;
}

/** Which known differences were applied in this file, for the run's log. */
export function knownDifferenceUsage(): string {
  const size = `contract: ${compared} requests compared`;
  if (usage.size === 0) return `${size}; no known differences applied`;
  return [`${size}; known differences applied:`, ...[...usage].map(([id, count]) => `  ${id}: ${count}`)].join("\n");
}
