/**
 * The widget builder's state lives in the query string (`?site=…&q=…&title=…&theme=…&layout=…&lang=…`),
 * so the builder is a GET form that works without JavaScript and a choice can be bookmarked or shared.
 * Every value is read leniently: a bad option falls back to the card's default instead of an error page.
 */
import { z } from "zod";
import { CARD_LANGUAGES, DEFAULT_OPTIONS, LAYOUTS, THEMES, type CardOptions } from "@/lib/widget/options";
import { parseSite, type Site, type SiteError } from "@/lib/wikimedia/sites";
import type { ActionFailure } from "@/lib/server-actions/result";
import { BOUNDARY_NOTICES } from "@/lib/server-actions/notices";

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
  ...BOUNDARY_NOTICES,
  "widget-registered": { tone: "success", text: "Your widget is registered. Paste its snippet into a page on one of its allowed origins." },
  "widget-origins-saved": { tone: "success", text: "The allowed origins were saved: only pages on those origins may show the widget now." },
  "widget-deleted": { tone: "success", text: "The widget was deleted: pages that embed it now show nothing in its place." },
  "widget-not-found": { tone: "error", text: "That widget does not exist, or is not yours." },
} as const satisfies Record<string, { tone: "success" | "warning" | "error"; text: string }>;

export function widgetNotice(value: unknown) {
  return typeof value === "string" && Object.hasOwn(WIDGET_NOTICES, value) ? WIDGET_NOTICES[value as keyof typeof WIDGET_NOTICES] : null;
}

/**
 * What the register form shows between submissions (useActionState): nothing, or a refusal with every
 * problem listed and what was typed kept. Success redirects.
 */
export type RegisterWidgetState = (ActionFailure & { messages: string[]; name: string; origins: string; watchButton: boolean }) | null;

/** What a widget's "allowed origins" form shows after a refused change. */
export type UpdateOriginsState = (ActionFailure & { messages: string[]; origins: string }) | null;
