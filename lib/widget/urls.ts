/**
 * Addresses of article cards, shared by the widget builder (dashboard), the snippet and the tests.
 * `base` is Wikiport's origin (env's WIKIPORT_URL, or the page's own origin in the browser).
 */
import { titlePath } from "@/lib/wikimedia/titles";
import type { CardOptions } from "./options";

/**
 * A public card: `/embed/<site>/<title>?theme=…&layout=…&lang=…`. Only the options given are put in the
 * query (the card's defaults apply to the others), in a fixed order so that equal cards have equal URLs.
 */
export function embedUrl(base: string, site: string, title: string, options: Partial<CardOptions> = {}): string {
  const url = new URL(`/embed/${encodeURIComponent(site)}/${titlePath(title)}`, base);
  for (const key of ["theme", "layout", "lang"] as const) {
    const value = options[key];
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.toString();
}

/** A registered widget: `/embed/w/<embedId>` (its article and options come from its row, not the URL). */
export function registeredEmbedUrl(base: string, id: string): string {
  return new URL(`/embed/w/${encodeURIComponent(id)}`, base).toString();
}
