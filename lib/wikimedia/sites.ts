/**
 * Which wikis Wikiport talks to, and where they are. A site is named by its host (`en.wikipedia.org`);
 * its script path comes from one template (`https://{host}/w` in production, the sandbox's base path
 * locally). Only Wikimedia's own wikis are allowed, so a user's bearer token can never be sent to a host
 * someone typed in: input that is not a plain allow-listed host name is refused before any connection.
 */
import { z } from "zod";
import { titlePath } from "./titles";

/** Wikimedia's content projects: `<language>.<project>.org`. */
const LANGUAGE_PROJECT = /^[a-z][a-z0-9-]{1,34}\.(wikipedia|wiktionary|wikibooks|wikinews|wikiquote|wikisource|wikiversity|wikivoyage)\.org$/;

/** Wikimedia's wikis that are not per language. */
const SINGLE_WIKIS = new Set([
  "meta.wikimedia.org",
  "commons.wikimedia.org",
  "species.wikimedia.org",
  "incubator.wikimedia.org",
  "www.wikidata.org",
  "www.mediawiki.org",
  "wikisource.org",
]);

/** Right-to-left content languages among Wikimedia's wikis. */
const RTL_LANGUAGES = new Set([
  "ar", "arc", "arz", "azb", "bcc", "bqi", "ckb", "dv", "fa", "glk", "he", "ks", "ku-arab", "lrc", "mzn",
  "nqo", "pnb", "ps", "sd", "skr", "ug", "ur", "yi",
]);

export interface Site {
  /** e.g. `en.wikipedia.org` */
  host: string;
  /** Content language code, e.g. `en`; `en` for the multilingual wikis. */
  lang: string;
  dir: "ltr" | "rtl";
}

/** `detail` and `params` let the reader's language say it (lib/i18n/errors.ts). */
export type SiteError = { code: "invalid_site"; message: string; detail: "not-host-name" | "not-wikimedia"; params: { input: string } };

const NOT_WIKIMEDIA = "is not a Wikimedia wiki";

export function isAllowedHost(host: string): boolean {
  return LANGUAGE_PROJECT.test(host) || SINGLE_WIKIS.has(host);
}

export const siteSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  // A bare host name only: no scheme, port, path, userinfo, IP literal or trailing dot.
  .regex(/^[a-z0-9.-]+$/, "must be a wiki's host name, such as en.wikipedia.org")
  .refine(isAllowedHost, NOT_WIKIMEDIA);

/** Parses user input naming a wiki (`en.wikipedia.org`) into a `Site`, or says why it is refused. */
export function parseSite(input: string): { ok: true; site: Site } | { ok: false; error: SiteError } {
  const parsed = siteSchema.safeParse(input);
  if (!parsed.success) {
    const shown = input.slice(0, 100);
    const issue = parsed.error.issues[0];
    // Only the allow-list's refusal says "not Wikimedia"; anything else (length, characters) is not a host name.
    const notWikimedia = !issue || (issue.code === "custom" && issue.message === NOT_WIKIMEDIA);
    return {
      ok: false,
      error: {
        code: "invalid_site",
        message: `"${shown}" ${issue?.message ?? NOT_WIKIMEDIA}.`,
        detail: notWikimedia ? "not-wikimedia" : "not-host-name",
        params: { input: shown },
      },
    };
  }
  const host = parsed.data;
  const first = host.split(".")[0]!;
  const lang = LANGUAGE_PROJECT.test(host) ? first : "en";
  return { ok: true, site: { host, lang, dir: RTL_LANGUAGES.has(lang) ? "rtl" : "ltr" } };
}

export interface SiteUrls {
  /** Script path, e.g. https://en.wikipedia.org/w */
  base: string;
  api: string;
  rest: string;
}

/** The URLs of a site from the configured template (`{host}` is replaced by the site's host). */
export function siteUrls(site: Site, template: string): SiteUrls {
  const base = template.replace("{host}", site.host);
  return { base, api: `${base}/api.php`, rest: `${base}/rest.php` };
}

/**
 * Whether a URL may receive a bearer token: it must be on the origin and under the script path that
 * the template gives for an allow-listed host. Checked before every authenticated request.
 */
export function mayCarryToken(url: URL, template: string): boolean {
  // `origin` ignores userinfo, so refuse it explicitly: https://user@host/ is not a plain wiki URL.
  if (url.username || url.password) return false;
  for (const candidate of [url.pathname.split("/")[1] ?? "", url.hostname]) {
    const parsed = parseSite(candidate);
    if (!parsed.ok) continue;
    const base = new URL(siteUrls(parsed.site, template).base);
    if (url.origin === base.origin && (url.pathname === base.pathname || url.pathname.startsWith(`${base.pathname}/`))) return true;
  }
  return false;
}

/**
 * A wiki page's URL on the wiki itself (`https://{host}/wiki/Title`): the script path's sibling, as on
 * every Wikimedia wiki (and the sandbox, which mirrors them).
 */
export function pageUrl(site: Site, template: string, title: string): string {
  const base = siteUrls(site, template).base.replace(/\/w$/, "");
  return `${base}/wiki/${titlePath(title)}`;
}

/**
 * A revision's diff against its parent on the wiki itself: `index.php?diff=<revid>` (MediaWiki's
 * DifferenceEngine takes `oldid` as "prev" when only `diff` is given).
 */
export function diffUrl(site: Site, template: string, revisionId: number): string {
  return `${siteUrls(site, template).base}/index.php?${new URLSearchParams({ diff: String(revisionId) })}`;
}

/** Meta-Wiki, where OAuth grants are managed and consumers registered. */
export const META: Site = { host: "meta.wikimedia.org", lang: "en", dir: "ltr" };
