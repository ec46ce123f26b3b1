/**
 * The Content Security Policy of Wikiport's pages (docs/security-requirements.md item 30). Scripts run only with the
 * request's nonce; `'strict-dynamic'` lets those scripts load Next's chunks without listing them. Next
 * finds the nonce in the request's `Content-Security-Policy` header and puts it on its own scripts
 * (next/dist/server/app-render/get-script-nonce-from-header.js), which is why proxy.ts sets the policy
 * on the request as well as on the response.
 *
 * The `/embed/` frame sets its own, stricter policy: it is framed by other sites, these pages never are.
 */
import { randomBytes } from "node:crypto";

export interface CspOptions {
  nonce: string;
  /** `next dev` only: React rebuilds server error stacks with eval. Never in a production build. */
  development: boolean;
  /** The OAuth server's origin (Meta, or the sandbox): a sign-in form's POST is redirected there, and
   * Chromium applies `form-action` to redirects that follow a form submission. */
  oauthOrigin: string;
  /** Where article images come from (upload.wikimedia.org, or the sandbox's mirror of it). */
  mediaOrigin: string;
}

/** 128 random bits, base64: the alphabet Next's nonce parser accepts. Fresh for every request. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

export function buildContentSecurityPolicy({ nonce, development, oauthOrigin, mediaOrigin }: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // Styles only: article HTML from the wikis and React's `style` props use inline style attributes,
    // which a nonce cannot cover. Style injection cannot run code.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", mediaOrigin],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    // The dashboard's widget builder previews the card in an iframe of Wikiport's own /embed/ page.
    ["frame-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'", oauthOrigin],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/** The origin of a URL (`https://meta.wikimedia.org/w/rest.php/oauth2` → `https://meta.wikimedia.org`). */
export function originOf(url: string): string {
  return new URL(url).origin;
}
