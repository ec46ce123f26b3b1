/**
 * api.php parameters: the query string merged with a POST body in either form encoding (mwn switches to
 * multipart/form-data for long fields), with MediaWiki's rules for multi-values and booleans.
 */
import type { Ctx } from "../http";
import { contentType } from "../http";
import { ApiError } from "./api-error";

/** Parsed once per request: the endpoint namer and the handler both need the parameters. */
const parsedParams = new WeakMap<Ctx, Promise<ApiParams>>();

export function apiParams(ctx: Ctx): Promise<ApiParams> {
  let found = parsedParams.get(ctx);
  if (!found) {
    found = readParams(ctx);
    parsedParams.set(ctx, found);
  }
  return found;
}

async function readParams(ctx: Ctx): Promise<ApiParams> {
  const query = new Map<string, string>();
  for (const [name, value] of ctx.url.searchParams) query.set(name, value);
  const posted = new Map<string, string>();
  if (ctx.method === "POST") {
    const type = contentType(ctx.req);
    if (type === "application/x-www-form-urlencoded") {
      for (const [name, value] of new URLSearchParams((await ctx.body()).toString("utf8"))) posted.set(name, value);
    } else if (type === "multipart/form-data") {
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(ctx.req.headers["content-type"] ?? "");
      if (boundary) for (const [name, value] of parseMultipart(await ctx.body(), boundary[1] ?? boundary[2]!.trim())) posted.set(name, value);
    }
  }
  return new ApiParams(query, posted, ctx.method === "POST");
}

/** Fields of a multipart/form-data body (RFC 7578); file parts are read as text, which api.php never needs here. */
export function parseMultipart(body: Buffer, boundary: string): [string, string][] {
  const fields: [string, string][] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) break;
    const part = body.subarray(partStart, next);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
      // The part ends with the CRLF that precedes the next delimiter.
      const value = part.subarray(headerEnd + 4, part.length - 2).toString("utf8");
      if (name !== undefined) fields.push([name, value]);
    }
    start = next;
  }
  return fields;
}

export class ApiParams {
  /** Names a module has looked at; the rest are reported as "Unrecognized parameter". */
  private readonly used = new Set<string>();

  constructor(
    private readonly query: Map<string, string>,
    private readonly body: Map<string, string>,
    readonly wasPosted: boolean,
  ) {}

  /** WebRequest gives POST values precedence over the query string. */
  raw(name: string): string | undefined {
    return this.body.get(name) ?? this.query.get(name);
  }

  get(name: string): string | undefined {
    this.used.add(name);
    return this.raw(name);
  }

  has(name: string): boolean {
    this.used.add(name);
    return this.body.has(name) || this.query.has(name);
  }

  /** Any value, even "false" or "0", turns a boolean parameter on (ParamValidator BooleanDef). */
  bool(name: string): boolean {
    return this.has(name);
  }

  inQueryString(name: string): boolean {
    return this.query.has(name);
  }

  /** Multi-value parameters: `a|b`, or U+001F-separated when the first character is U+001F. */
  multi(name: string): string[] {
    const value = this.get(name);
    if (value === undefined || value === "") return [];
    return value.startsWith("\x1f") ? value.slice(1).split("\x1f") : value.split("|");
  }

  int(name: string, options: { min?: number; max?: number; fallback?: number } = {}): number | undefined {
    const value = this.get(name);
    if (value === undefined || value === "") return options.fallback;
    if (!/^[-+]?\d+$/.test(value.trim())) {
      throw new ApiError("badinteger", `Invalid value "${value}" for integer parameter "${name}".`);
    }
    let parsed = Number(value);
    if (options.min !== undefined) parsed = Math.max(options.min, parsed);
    if (options.max !== undefined) parsed = Math.min(options.max, parsed);
    return parsed;
  }

  /** A limit parameter: a number or `max` (ApiBase::LIMIT_BIG1 for ordinary users). */
  limit(name: string, fallback: number, max: number): number {
    const value = this.get(name);
    if (value === undefined || value === "") return fallback;
    if (value === "max") return max;
    return this.int(name, { min: 1, max, fallback }) ?? fallback;
  }

  required(name: string): string {
    const value = this.get(name);
    if (value === undefined) throw new ApiError("missingparam", `The "${name}" parameter must be set.`);
    return value;
  }

  enumValue<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.get(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      throw new ApiError("badvalue", `Unrecognized value for parameter "${name}": ${value}.`);
    }
    return value as T;
  }

  /** Every name in WebRequest's order (`$_POST + $_GET`: posted ones first), each once. */
  names(): string[] {
    return [...new Set([...this.body.keys(), ...this.query.keys()])];
  }

  unused(): string[] {
    return this.names().filter((name) => !this.used.has(name));
  }

  markUsed(...names: string[]): void {
    for (const name of names) this.used.add(name);
  }
}
