/** Error bodies in the shapes Wikimedia's servers use, shared by the routes and by fault injection. */
import { randomBytes } from "node:crypto";
import { html, json, type SandboxResponse } from "./http";

const REASONS: Record<number, string> = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  409: "Conflict", 411: "Length Required", 412: "Precondition Failed", 415: "Unsupported Media Type",
  429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
};

export function httpReason(status: number): string {
  return REASONS[status] ?? "Error";
}

export function requestId(): string {
  return randomBytes(12).toString("base64url");
}

/** CORE Rest/ErrorFormatter: `{errorKey, messageTranslations, httpCode, httpReason}` (+ `reqId` on 5xx). */
export function restError(
  status: number,
  errorKey: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): SandboxResponse {
  return json(
    status,
    {
      errorKey,
      messageTranslations: { en: message },
      ...extra,
      httpCode: status,
      httpReason: httpReason(status),
      ...(status >= 500 ? { reqId: requestId() } : {}),
    },
    headers,
  );
}

/** An exception MediaWiki did not localize: `{message, reqId, httpCode, httpReason}`. */
export function restException(status: number): SandboxResponse {
  return json(status, {
    message: "Error: exception of type Wikimedia\\Rdbms\\DBQueryError",
    reqId: requestId(),
    httpCode: status,
    httpReason: httpReason(status),
  });
}

/** The HTML error page that Wikimedia's edge serves for 5xx and some 429s; no JSON at all. */
export function edgeErrorPage(status: number): SandboxResponse {
  return html(
    status,
    `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Wikimedia Error</title>` +
      `<body><h1>Error</h1><p>Our servers are currently under maintenance or experiencing a technical issue.` +
      ` Please try again in a few minutes.</p><code>Request from 127.0.0.1 via sandbox, ${httpReason(status)}</code></body></html>`,
  );
}

/** Plain page for sandbox-only HTML errors (unknown wiki, unknown path). */
export function notFoundPage(what: string): SandboxResponse {
  return html(404, `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Not found</title><h1>Not found</h1><p>${what}</p></html>`);
}
