/**
 * Request context and response builders shared by every part of the sandbox. Handlers return a
 * `SandboxResponse`; the server writes it (after any injected fault has had its say).
 */
import type { IncomingMessage } from "node:http";
import type { SandboxStore } from "./store";
import type { Wiki } from "./wikis";

export interface SandboxResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

export interface Ctx {
  req: IncomingMessage;
  method: string;
  url: URL;
  /** The wiki this request addresses (from the first path segment), if any. */
  wiki: Wiki | null;
  /** Route parameters, percent-decoded. */
  params: Record<string, string>;
  store: SandboxStore;
  /** Raw request body (read once, up to 5 MiB). */
  body(): Promise<Buffer>;
  /** The body parsed as application/x-www-form-urlencoded (empty when it is another type). */
  form(): Promise<URLSearchParams>;
  cookies: Record<string, string>;
  /** Adds facts to this request's log entry (never secrets). */
  logDetails(details: Record<string, string | number | boolean | null>): void;
}

const MAX_BODY = 5 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      cookies[name] = part.slice(eq + 1).trim();
    }
  }
  return cookies;
}

/** The media type of a request body, lower-cased, without parameters. */
export function contentType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

export function json(status: number, value: unknown, headers: Record<string, string | string[]> = {}): SandboxResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(value),
  };
}

export function html(status: number, markup: string, headers: Record<string, string | string[]> = {}): SandboxResponse {
  return { status, headers: { "content-type": "text/html; charset=utf-8", ...headers }, body: markup };
}

export function text(status: number, body: string, headers: Record<string, string | string[]> = {}): SandboxResponse {
  return { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers }, body };
}

export function redirect(status: 301 | 302 | 303 | 307, location: string, headers: Record<string, string | string[]> = {}): SandboxResponse {
  return { status, headers: { location, ...headers }, body: "" };
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Absolute URL of a path on this sandbox, e.g. `/en.wikipedia.org/w/api.php`. */
export function sandboxUrl(ctx: Ctx, path: string): string {
  return new URL(path, ctx.store.config.publicUrl).toString();
}
