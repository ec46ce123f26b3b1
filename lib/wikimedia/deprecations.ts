/**
 * Wikimedia announces the end of an API with an RFC 9745 `Deprecation` header (a Structured Field date,
 * `@<epoch seconds>`), often with an RFC 8594 `Sunset` date and a `Link: <…>; rel="deprecation"` to the
 * announcement, at least three months ahead (docs/wikimedia-protocol.md §11). The request layer hands
 * every answer's headers to one `DeprecationWatch` per process: it logs each deprecated endpoint once
 * (`wikimedia.deprecated`, a warning) and keeps the list for operators, which `/healthz` prints, so
 * the announcement is seen while there is time to act on it.
 */
import type { Logger } from "@/lib/log";
import { processWide } from "@/lib/process-wide";

export interface Deprecation {
  /** When the endpoint was (or will be) deprecated, ISO 8601; null when the header says only that it is. */
  since: string | null;
  /** When it stops working (`Sunset`), ISO 8601, if announced. */
  sunset: string | null;
  /** Where the announcement is (`Link` with rel="deprecation"), an https URL, if given. */
  link: string | null;
}

export interface DeprecationNotice extends Deprecation {
  /** The endpoint without the page it was asked for: `GET rest.php/v1/page/{title}/html`, `GET api.php action=query&list=search`. */
  endpoint: string;
  /** The wiki where it was first seen. */
  host: string;
  firstSeen: string;
}

/** At most this many endpoints are kept: a list for people to read, not a log. */
const MAX_NOTICES = 50;

function isoOrNull(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The announcement in an answer's headers, or null when it has none (or one that is not RFC 9745's). */
export function readDeprecation(headers: Headers): Deprecation | null {
  const raw = headers.get("deprecation")?.trim();
  if (!raw) return null;
  // RFC 9745: an sf-date, `@` and integer seconds. Drafts used `true` or an HTTP date: accepted too, since
  // either still means "this is going away".
  const epoch = /^@(-?\d{1,15})$/.exec(raw)?.[1];
  let since: string | null = null;
  if (epoch !== undefined) since = isoOrNull(new Date(Number(epoch) * 1000));
  else if (raw !== "true") {
    since = isoOrNull(new Date(raw));
    if (since === null) return null;
  }
  const sunsetHeader = headers.get("sunset");
  const sunset = sunsetHeader ? isoOrNull(new Date(sunsetHeader)) : null;
  return { since, sunset, link: deprecationLink(headers.get("link")) };
}

/** The target of the first `rel="deprecation"` link, only when it is https (upstream text is data). */
function deprecationLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rel = /;\s*rel\s*=\s*"?([^";]*)"?/i.exec(match[2] ?? "")?.[1] ?? "";
    if (rel.toLowerCase().split(/\s+/).includes("deprecation") && /^https:\/\/[^\s]+$/i.test(match[1] ?? "")) return match[1]!;
  }
  return null;
}

/** Path segments that name a page or a revision, replaced so that one endpoint is one entry. */
const REST_PLACEHOLDERS: [RegExp, string][] = [
  [/^(v1\/page\/)[^/]+/, "$1{title}"],
  [/^(v1\/revision\/)[^/]+/, "$1{id}"],
  [/^(attribution\/[^/]+\/pages\/)[^/]+/, "$1{title}"],
];

/** The endpoint an answer came from, without anything that names a page, a user or a token. */
export function endpointOf(method: string, url: URL): string {
  const restAt = url.pathname.indexOf("/rest.php/");
  if (restAt >= 0) {
    let route = url.pathname.slice(restAt + "/rest.php/".length);
    for (const [pattern, replacement] of REST_PLACEHOLDERS) route = route.replace(pattern, replacement);
    return `${method} rest.php/${route}`;
  }
  if (url.pathname.endsWith("/api.php")) {
    const modules = ["action", "list", "prop", "meta", "generator"]
      .map((name) => [name, url.searchParams.get(name)] as const)
      .filter((entry): entry is readonly [string, string] => entry[1] !== null)
      .map(([name, value]) => `${name}=${value.split("|").sort().join("|")}`);
    return `${method} api.php${modules.length ? ` ${modules.join("&")}` : ""}`;
  }
  return `${method} ${url.pathname.replace(/^\/[^/]*\/w\//, "")}`;
}

export interface DeprecationWatch {
  /** Looks at one answer: the first time an endpoint says it is deprecated, logs it and keeps it. */
  notice(answer: { method: string; url: URL; host: string; headers: Headers }): void;
  /** What this process has seen, oldest first. */
  list(): DeprecationNotice[];
}

export function createDeprecationWatch(options: { log: Logger; now?: () => Date }): DeprecationWatch {
  const seen = new Map<string, DeprecationNotice>();
  const now = options.now ?? (() => new Date());
  return {
    notice({ method, url, host, headers }) {
      if (!headers.has("deprecation")) return;
      const endpoint = endpointOf(method, url);
      if (seen.has(endpoint) || seen.size >= MAX_NOTICES) return;
      const deprecation = readDeprecation(headers);
      if (!deprecation) return;
      const notice = { endpoint, host, firstSeen: now().toISOString(), ...deprecation };
      seen.set(endpoint, notice);
      options.log.warn("wikimedia.deprecated", { ...notice });
    },
    list: () => [...seen.values()],
  };
}

/**
 * The watch of this process (lib/process-wide.ts): the page that meets a deprecation and `/healthz` that
 * reports it run in different module runtimes, and must share what was seen.
 */
export function processDeprecationWatch(log: Logger): DeprecationWatch {
  return processWide("wikimedia.deprecations", () => createDeprecationWatch({ log }));
}
