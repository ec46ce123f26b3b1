/**
 * The stylesheets of the React article page, for the visitor's document to link (lib/articles/visitor-document.ts).
 * `app/globals.css` becomes a hashed file under `/_next/static/` at build time; Next's client reference
 * manifest of the page (written by `next build`, 16.4.5 pinned in package.json) lists the page's CSS
 * under `entryCSSFiles`, which is what Next itself reads to put `<link rel="stylesheet">` in the React
 * page. Read once per process; a build without it is an error, not an unstyled page
 * (e2e/visitor-pages.spec.ts compares the two pages' stylesheets).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { z } from "zod";

/** The React page whose look the visitor's document shares. */
export const ARTICLE_PAGE_ENTRY = "/wiki/[site]/[...title]/page";

const manifestSchema = z.record(
  z.string(),
  z.object({
    entryCSSFiles: z.record(z.string(), z.array(z.object({ path: z.string().regex(/^static\/[\w./-]+\.css$/), inlined: z.boolean().optional() }))),
  }),
);

export class StylesheetsNotFound extends Error {
  constructor(detail: string) {
    super(`The article page's stylesheets were not found in the build (${detail}). Run \`next build\` again; the visitor's article page cannot be styled without them.`);
  }
}

/**
 * The stylesheet URLs of `entry` in a client reference manifest's source. The manifest is a script
 * assigning `globalThis.__RSC_MANIFEST[entry]`: it runs in an empty context of its own, never in this
 * process's global scope.
 */
export function stylesheetsFromManifest(source: string, entry: string = ARTICLE_PAGE_ENTRY): string[] {
  const context: { __RSC_MANIFEST?: unknown } = {};
  try {
    runInNewContext(source, context, { timeout: 1_000 });
  } catch {
    throw new StylesheetsNotFound("the client reference manifest could not be read");
  }
  const parsed = manifestSchema.safeParse(context.__RSC_MANIFEST);
  const page = parsed.success ? parsed.data[entry] : undefined;
  if (!page) throw new StylesheetsNotFound(`no entry for ${entry} in the client reference manifest`);
  const files = Object.values(page.entryCSSFiles).flat();
  if (files.some((file) => file.inlined)) throw new StylesheetsNotFound("the build inlines CSS, which the visitor's page does not support");
  const hrefs = [...new Set(files.map((file) => `/_next/${file.path}`))];
  if (hrefs.length === 0) throw new StylesheetsNotFound(`no CSS listed for ${entry}`);
  return hrefs;
}

/** Where `next build` writes the page's client reference manifest, in the build directory `distDir`. */
export function manifestPath(distDir: string, entry: string = ARTICLE_PAGE_ENTRY): string {
  return join(distDir, "server", "app", `${entry.replace(/^\//, "")}_client-reference-manifest.js`);
}

/** The article page's stylesheets in the build in `distDir`. */
export function readPageStylesheets(distDir: string): string[] {
  const path = manifestPath(distDir);
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch {
    throw new StylesheetsNotFound(`no file ${path}`);
  }
  return stylesheetsFromManifest(source);
}

let cached: string[] | undefined;

/** The article page's stylesheets in this process's build (`.next` in the working directory, as `next start` uses), read once. */
export function articlePageStylesheets(): string[] {
  cached ??= readPageStylesheets(join(process.cwd(), ".next"));
  return cached;
}
