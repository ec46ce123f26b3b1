/**
 * What a card shows, read in ONE Action API request with Wikiport's app token:
 * `prop=extracts|pageimages|description|info|revisions` (TextExtracts, PageImages, the short description)
 * with `exintro&explaintext`, so the lead comes as plain text, never as HTML. Upstream answers are data:
 * the extract and description are text that the renderer escapes, and a thumbnail is kept only when it is
 * on the wiki's media host (the same rule the article sanitizer applies to images). Licence and credit
 * come from the Attribution API once per revision, through the articles' cache (lib/articles/attribution.ts).
 */
import { z } from "zod";
import { attributionOf, type AttributionDeps, type Licence } from "@/lib/articles/attribution";
import type { ActionClient } from "@/lib/wikimedia/action";
import { describeWikimediaError, WikimediaError, type DescribedError } from "@/lib/wikimedia/errors";
import type { Credential } from "@/lib/wikimedia/http";
import { pageUrl, type Site } from "@/lib/wikimedia/sites";

/** Thumbnail width asked of PageImages: twice the full layout's 160 CSS pixels, for dense screens. */
export const THUMB_SIZE = 320;
/** Upper bound of the stored lead, so a huge intro cannot bloat the cache or the card. */
const MAX_EXTRACT = 2_000;
const MAX_DESCRIPTION = 300;

export interface CardThumbnail {
  url: string;
  width: number;
  height: number;
}

export interface CardSummary {
  /** Title after normalization and a followed redirect, with spaces. */
  title: string;
  /** The wiki and its content language and direction (for the article's text, not the card's labels). */
  wiki: string;
  lang: string;
  dir: "ltr" | "rtl";
  revisionId: number;
  /** ISO timestamp of the latest revision. */
  lastModified: string | null;
  /** Plain text. */
  description: string | null;
  /** Plain text, paragraphs separated by "\n". */
  extract: string;
  thumbnail: CardThumbnail | null;
  /** The page on the wiki itself. */
  wikiUrl: string;
  /** From Wikimedia's Attribution API when the wiki has it (lib/articles/attribution.ts). */
  licence: Licence;
  /** e.g. "English Wikipedia"; null: the card names the wiki's host. */
  credit: string | null;
}

export interface SummaryDeps {
  action: Pick<ActionClient, "get">;
  wikiUrlTemplate: string;
  /** Allowed image prefix (lib/articles/media.ts). */
  mediaPrefix: string;
  /** The Attribution API, through the articles' per-revision cache; without it, the card's own licence line. */
  attribution?: AttributionDeps;
}

/** What cards said before the Attribution API, and still say where a wiki has none: Wikimedia's licence. */
export const CARD_LICENCE: Licence = { title: "CC BY-SA 4.0", url: "https://creativecommons.org/licenses/by-sa/4.0/" };

export type SummaryResult = { ok: true; value: CardSummary } | { ok: false; error: DescribedError };

const pageSchema = z
  .object({
    title: z.string(),
    missing: z.boolean().optional(),
    invalid: z.boolean().optional(),
    invalidreason: z.string().optional(),
    pagelanguage: z.string().optional(),
    pagelanguagedir: z.enum(["ltr", "rtl"]).optional(),
    lastrevid: z.number().int().optional(),
    extract: z.string().optional(),
    description: z.string().optional(),
    thumbnail: z.object({ source: z.string(), width: z.number().int().positive(), height: z.number().int().positive() }).optional(),
    revisions: z.array(z.object({ revid: z.number().int(), timestamp: z.string().optional() }).passthrough()).optional(),
  })
  .passthrough();

const answerSchema = z.object({ query: z.object({ pages: z.array(pageSchema).optional() }).passthrough().optional() }).passthrough();

/** Cuts at a word boundary near `max` characters. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Plain text from upstream: control characters (but newlines) removed, whitespace tidied, length bounded. */
function cleanText(text: string, max: number): string {
  return clip(
    text
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, " ")
      .split("\n")
      .map((line) => line.replace(/\s+/g, " ").trim())
      .filter(Boolean)
      .join("\n"),
    max,
  );
}

/** A thumbnail URL only when it is https (or the sandbox's media mirror) and under the media prefix. */
export function safeThumbnail(thumbnail: { source: string; width: number; height: number } | undefined, mediaPrefix: string): CardThumbnail | null {
  if (!thumbnail) return null;
  let url: URL;
  try {
    url = new URL(thumbnail.source, mediaPrefix);
  } catch {
    return null;
  }
  if (!url.href.startsWith(mediaPrefix) || url.username || url.password) return null;
  return { url: url.href, width: Math.min(thumbnail.width, 4000), height: Math.min(thumbnail.height, 4000) };
}

export async function fetchCardSummary(deps: SummaryDeps, as: Credential, site: Site, title: string): Promise<SummaryResult> {
  try {
    const answer = await deps.action.get(
      as,
      site,
      {
        action: "query",
        prop: ["extracts", "pageimages", "description", "info", "revisions"],
        exintro: true,
        explaintext: true,
        exsectionformat: "plain",
        piprop: "thumbnail",
        pithumbsize: THUMB_SIZE,
        rvprop: ["ids", "timestamp"],
        redirects: true,
        titles: title,
      },
      answerSchema,
    );
    const page = answer.query?.pages?.[0];
    if (!page) throw new WikimediaError("bad_response", { host: site.host });
    if (page.invalid) throw new WikimediaError("invalid_title", { host: site.host });
    if (page.missing) throw new WikimediaError("not_found", { host: site.host });
    const revisionId = page.revisions?.[0]?.revid ?? page.lastrevid;
    if (revisionId === undefined) throw new WikimediaError("bad_response", { host: site.host });
    const attribution = deps.attribution
      ? await attributionOf(deps.attribution, as, site, { key: page.title.replaceAll(" ", "_"), revisionId }, CARD_LICENCE)
      : { licence: CARD_LICENCE, credit: null };
    return {
      ok: true,
      value: {
        title: page.title,
        wiki: site.host,
        lang: page.pagelanguage && /^[a-z][a-z0-9-]{0,34}$/i.test(page.pagelanguage) ? page.pagelanguage : site.lang,
        dir: page.pagelanguagedir ?? site.dir,
        revisionId,
        lastModified: page.revisions?.[0]?.timestamp ?? null,
        description: page.description ? cleanText(page.description, MAX_DESCRIPTION) || null : null,
        extract: cleanText(page.extract ?? "", MAX_EXTRACT),
        thumbnail: safeThumbnail(page.thumbnail, deps.mediaPrefix),
        wikiUrl: pageUrl(site, deps.wikiUrlTemplate, page.title),
        licence: attribution.licence,
        credit: attribution.credit,
      },
    };
  } catch (error) {
    return { ok: false, error: describeWikimediaError(error) };
  }
}
