/**
 * The wikis the sandbox serves. Each lives at a base path that mirrors its real host
 * (`/en.wikipedia.org/w/api.php`), so the app maps a site to a URL with one template in both worlds.
 */
export interface Wiki {
  host: string;
  dbname: string;
  siteName: string;
  lang: string;
  dir: "ltr" | "rtl";
  /** Localized name of the File namespace (6), besides the canonical "File". */
  fileNamespace: string;
}

export const WIKIS: readonly Wiki[] = [
  { host: "meta.wikimedia.org", dbname: "metawiki", siteName: "Meta-Wiki", lang: "en", dir: "ltr", fileNamespace: "File" },
  { host: "en.wikipedia.org", dbname: "enwiki", siteName: "Wikipedia", lang: "en", dir: "ltr", fileNamespace: "File" },
  { host: "de.wikipedia.org", dbname: "dewiki", siteName: "Wikipedia", lang: "de", dir: "ltr", fileNamespace: "Datei" },
  { host: "he.wikipedia.org", dbname: "hewiki", siteName: "ויקיפדיה", lang: "he", dir: "rtl", fileNamespace: "קובץ" },
];

/** The central wiki: OAuth consumers, grants and the JWT issuer live here, as on Wikimedia. */
export const CENTRAL_WIKI = "meta.wikimedia.org";

/** Media files are served under this path, mirroring upload.wikimedia.org. */
export const MEDIA_HOST = "upload.wikimedia.org";

export function findWiki(host: string): Wiki | undefined {
  return WIKIS.find((wiki) => wiki.host === host);
}
