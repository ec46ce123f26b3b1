/** Wikiport's document title and description, for the React layout (app/layout.tsx) and the documents built without React. */
import type { Translator } from "@/lib/i18n/translate";

/** The layout's title template, `%s · Wikiport` in English, for a document built without React. */
export function pageTitle(t: Translator, title: string): string {
  return t.msg("wikiport-page-title", title);
}

export function siteDescription(t: Translator): string {
  return t.msg("wikiport-site-description");
}
