/** Wikiport's document title and description, for the React layout (app/layout.tsx) and the documents built without React. */

export const SITE_NAME = "Wikiport";

export const SITE_DESCRIPTION =
  "Wikiport acts for you on Wikipedia and its sister wikis: sign in with your Wikimedia account, read, edit and watch pages, and embed article cards.";

/** The layout's title template, `%s · Wikiport`. */
export const TITLE_TEMPLATE = `%s · ${SITE_NAME}`;

export function pageTitle(title: string): string {
  return TITLE_TEMPLATE.replace("%s", title);
}
