/**
 * The licence and credit shown under an article and on a widget card: what Wikimedia's Attribution API
 * gives for the page (docs/wikimedia-protocol.md §6.12), or the attribution Wikiport showed before it
 * (the page's own `license`, the wiki's host) when the route fails or the wiki has none. Fetched once per
 * revision and process and kept in the article cache next to the sanitized HTML, whatever the outcome,
 * so no view costs an extra upstream request once the revision is known (decision 024).
 */
import { z } from "zod";
import type { Credential } from "@/lib/wikimedia/http";
import type { RestClient } from "@/lib/wikimedia/rest";
import type { Site } from "@/lib/wikimedia/sites";
import type { HtmlCache } from "./html-cache";

export interface Licence {
  title: string;
  url: string;
}

export interface Attribution {
  licence: Licence;
  /** Whom to credit, e.g. "English Wikipedia"; null: the wiki's host is named instead. */
  credit: string | null;
  /** Where it came from: Wikimedia's Attribution API, or Wikiport's fallback. */
  source: "attribution-api" | "fallback";
}

export interface AttributionDeps {
  rest: Pick<RestClient, "getAttributionSignals">;
  cache: HtmlCache;
}

/** Wikimedia's content licence, used when the wiki names one that is not an https link. */
export const CC_BY_SA_4: Licence = { title: "Creative Commons Attribution-Share Alike 4.0", url: "https://creativecommons.org/licenses/by-sa/4.0/" };

const MAX_CREDIT = 200;

/** Upstream text is data: only https links and short, single-line titles are shown. */
export function licenceOf(license: { title: string; url: string }): Licence {
  const title = oneLine(license.title, MAX_CREDIT);
  return /^https:\/\//i.test(license.url) && title ? { title, url: license.url } : CC_BY_SA_4;
}

function oneLine(text: string | null | undefined, max: number): string | null {
  const clean = (text ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").replace(/\s+/g, " ").trim();
  return clean ? clean.slice(0, max) : null;
}

const cachedSchema = z.object({
  licence: z.object({ title: z.string(), url: z.string() }),
  credit: z.string().nullable(),
  source: z.enum(["attribution-api", "fallback"]),
});

/** The page's attribution at this revision; `fallback` is the licence the page's own answer named. */
export async function attributionOf(
  deps: AttributionDeps,
  as: Credential,
  site: Site,
  page: { key: string; revisionId: number },
  fallback: { title: string; url: string },
): Promise<Attribution> {
  const held = deps.cache.peek(site.host, page.revisionId, "attribution");
  if (held !== undefined) {
    const parsed = cachedSchema.safeParse(JSON.parse(held));
    if (parsed.success) return parsed.data;
  }
  let attribution: Attribution;
  try {
    const signals = await deps.rest.getAttributionSignals(as, site, page.key);
    attribution = { licence: licenceOf(signals.license), credit: oneLine(signals.credit ?? signals.siteName, MAX_CREDIT), source: "attribution-api" };
  } catch {
    // A beta route: missing on wikis without the module, and its failures must not cost the page. The
    // fallback is kept for the revision too, so a wiki without the route is not asked again on every view.
    attribution = { licence: licenceOf(fallback), credit: null, source: "fallback" };
  }
  deps.cache.put(site.host, page.revisionId, "attribution", JSON.stringify(attribution));
  return attribution;
}
