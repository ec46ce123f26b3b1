/**
 * The widget builder's state lives in the query string (`?site=…&q=…&title=…&theme=…&layout=…&lang=…`),
 * so the builder is a GET form that works without JavaScript and a choice can be bookmarked or shared.
 * Every value is read leniently: a bad option falls back to the card's default instead of an error page.
 */
import { z } from "zod";
import { CARD_LANGUAGES, DEFAULT_OPTIONS, LAYOUTS, THEMES, type CardOptions } from "@/lib/widget/options";
import { parseSite, type Site, type SiteError } from "@/lib/wikimedia/sites";
import type { ActionFailure } from "@/lib/server-actions/result";
import type { MessageKey } from "@/lib/i18n/catalog";
import { BOUNDARY_NOTICES, type BoundaryNotice } from "@/lib/server-actions/notices";
import { BOUNDARY_NOTICE_KEYS } from "@/lib/ui/dashboard-notices";

type SearchParams = Record<string, string | string[] | undefined>;

export interface BuilderChoice {
  /** The wiki as typed, for the form; `site` when it is a Wikimedia wiki. */
  siteInput: string;
  site: { ok: true; site: Site } | { ok: false; error: SiteError };
  query: string;
  title: string;
  options: CardOptions;
}

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

const optionsSchema = z.object({
  theme: z.enum(THEMES).catch(DEFAULT_OPTIONS.theme),
  layout: z.enum(LAYOUTS).catch(DEFAULT_OPTIONS.layout),
  lang: z.enum(CARD_LANGUAGES).catch(DEFAULT_OPTIONS.lang),
});

export function readChoice(params: SearchParams): BuilderChoice {
  const siteInput = first(params.site).slice(0, 253) || "en.wikipedia.org";
  return {
    siteInput,
    site: parseSite(siteInput),
    query: first(params.q).slice(0, 300),
    // Titles are at most 255 bytes on MediaWiki; longer input is not an article to preview.
    title: first(params.title).slice(0, 255),
    options: optionsSchema.parse({ theme: first(params.theme), layout: first(params.layout), lang: first(params.lang) }),
  };
}

/** The builder's address for a choice (what a search result links to), without the search when not asked. */
export function builderHref(choice: { site: string; title?: string; query?: string; options: CardOptions }, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ site: choice.site });
  if (choice.query) params.set("q", choice.query);
  if (choice.title) params.set("title", choice.title);
  params.set("theme", choice.options.theme);
  params.set("layout", choice.options.layout);
  params.set("lang", choice.options.lang);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return `/dashboard/widgets?${params}`;
}

/** Outcomes shown after a redirect. Only these codes are rendered, so a URL cannot put text on the page. */
export const WIDGET_NOTICES = {
  ...Object.fromEntries(
    (Object.keys(BOUNDARY_NOTICES) as BoundaryNotice[]).map((code) => [code, { tone: BOUNDARY_NOTICES[code].tone, key: BOUNDARY_NOTICE_KEYS[code] }]),
  ),
  "widget-registered": { tone: "success", key: "wikiport-widgets-notice-registered" },
  "widget-origins-saved": { tone: "success", key: "wikiport-widgets-notice-origins-saved" },
  "widget-deleted": { tone: "success", key: "wikiport-widgets-notice-deleted" },
  "widget-not-found": { tone: "error", key: "wikiport-widgets-notice-not-found" },
} as Record<string, { tone: "success" | "warning" | "error"; key: MessageKey }>;

export function widgetNotice(value: unknown) {
  return typeof value === "string" && Object.hasOwn(WIDGET_NOTICES, value) ? WIDGET_NOTICES[value]! : null;
}

/**
 * What the register form shows between submissions (useActionState): nothing, or a refusal with every
 * problem listed and what was typed kept. Success redirects.
 */
export type RegisterWidgetState = (ActionFailure & { messages: string[]; name: string; origins: string; watchButton: boolean }) | null;

/** What a widget's "allowed origins" form shows after a refused change. */
export type UpdateOriginsState = (ActionFailure & { messages: string[]; origins: string }) | null;
