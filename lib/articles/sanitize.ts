/**
 * Turns the Parsoid HTML of a wiki page into markup Wikiport can put on its own pages. Wikimedia's HTML
 * is trusted as little as a user's: an allow-list of elements and attributes fit for article content
 * (sanitize-html, a maintained sanitizer, does the parsing), wiki links rewritten to stay in Wikiport,
 * external links opened with `rel="noopener noreferrer"`, and images only from the wiki's media host.
 * docs/security-requirements.md item 37.
 */
import sanitizeHtml from "sanitize-html";
import type { Site } from "@/lib/wikimedia/sites";

export interface SanitizeOptions {
  site: Site;
  /** Allowed origin + path prefix for images, e.g. https://upload.wikimedia.org/ (or the sandbox's mirror). */
  mediaPrefix: string;
}

const BLOCK = ["section", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "br", "center"];
const LISTS = ["ul", "ol", "li", "dl", "dt", "dd"];
const TABLES = ["table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"];
const INLINE = [
  "a", "span", "b", "i", "strong", "em", "u", "s", "del", "ins", "sub", "sup", "small", "big", "code", "kbd",
  "samp", "var", "abbr", "cite", "q", "dfn", "mark", "time", "bdi", "bdo", "wbr", "ruby", "rb", "rt", "rp",
];
const MEDIA = ["figure", "figcaption", "img"];

/**
 * The classes an article keeps: those of MediaWiki's own HTML (Parsoid's `mw-*`, links, files,
 * references) and of the widespread templates (infoboxes, navboxes, hatnotes, message boxes, tables).
 * Any other class is dropped, above all Wikiport's own Tailwind utilities: `fixed inset-0 z-50 bg-white`
 * in ordinary wikitext would otherwise dress a box as Wikiport's UI over the whole page
 * (docs/decisions/017-article-classes.md). None of these names is a Tailwind utility (they would have a
 * dash-separated value, or be a display/position keyword such as `fixed`, `table` or `hidden`).
 */
const ARTICLE_CLASSES = [
  // Links: red links, interwiki and external links as Parsoid marks them.
  "new", "extiw", "external", "text", "free", "autonumber", "selflink", "mw-selflink",
  // Tables and floats that the article styles in app/globals.css.
  "wikitable", "sortable", "unsortable", "infobox", "navbox", "vertical-navbox", "sidebar", "toc", "tocright",
  "floatright", "floatleft", "tright", "tleft", "center", "thumb", "thumbinner", "thumbcaption", "thumbimage", "magnify",
  "gallery", "gallerybox", "gallerytext", "image", "noviewer",
  // References and citations.
  "reference", "references", "reference-text", "reflist", "refbegin", "citation", "cite", "error",
  // Hatnotes, message boxes and other template furniture.
  "hatnote", "navigation-not-searchable", "noprint", "nowrap", "plainlinks", "plainlist", "hlist", "metadata",
  "catlinks", "quotebox", "rquote", "collapsible", "collapsed", "autocollapse", "searchmatch", "geo", "vcard",
  "rtl", "ltr", "mediawiki", "parsoid-body",
  // Families of template classes: infobox-above, navbox-list, ambox-content, cite-bracket, toclevel-1, …
  /^(?:mw|infobox|navbox|sidebar|ambox|mbox|ombox|tmbox|imbox|cmbox|fmbox|cite|citation|reference|toc|gallery|sitedir)-[a-z0-9-]+$/,
];

/** Parsoid heading and section ids are the targets of in-page links (#History). */
const ANCHOR_ELEMENTS = ["section", "h1", "h2", "h3", "h4", "h5", "h6", "span", "cite", "li", "sup"];

/** The body of a Parsoid HTML document (or the input itself when it is already a fragment). */
export function parsoidBody(document: string): string {
  const match = /<body\b[^>]*>([\s\S]*)<\/body>/i.exec(document);
  return match ? match[1]! : document;
}

/** `./Solar_System#Moons` → `/wiki/en.wikipedia.org/Solar_System#Moons`; null when not a wiki link. */
export function wikiLinkTarget(href: string, site: Site): string | null {
  const match = /^\.\/([^?#]*)(\?[^#]*)?(#.*)?$/.exec(href);
  if (!match || !match[1]) return null;
  return `/wiki/${site.host}/${match[1]}${match[3] ?? ""}`;
}

function isExternal(href: string): boolean {
  return /^https?:\/\//i.test(href) || href.startsWith("//");
}

function absoluteMedia(src: string): string {
  return src.startsWith("//") ? `https:${src}` : src;
}

/**
 * Parsoid gives an image no alt when the wikitext has none, which leaves it and the link around it
 * (to the file's page) without a name for screen readers: name it after its file, as MediaWiki's own
 * parser does. `./File:Planets2013.svg` → `Planets2013.svg`.
 */
export function fileNameAlt(resource: string | undefined): string {
  const match = /^\.\/[^:/]+:(.+)$/.exec(resource ?? "");
  if (!match) return "";
  try {
    return decodeURIComponent(match[1]!).replaceAll("_", " ");
  } catch {
    return match[1]!.replaceAll("_", " ");
  }
}

export function sanitizeArticleHtml(html: string, options: SanitizeOptions): string {
  const mediaPrefix = options.mediaPrefix;
  return sanitizeHtml(parsoidBody(html), {
    allowedTags: [...BLOCK, ...LISTS, ...TABLES, ...INLINE, ...MEDIA],
    // Contents of these are dropped with the element, not kept as text.
    nonTextTags: ["script", "style", "textarea", "noscript", "option", "title", "template", "svg", "math", "iframe", "object", "embed"],
    // Inline `style` is never kept (it is in no list below): `position: fixed` needs no class at all.
    allowedAttributes: {
      "*": ["class", "dir", "lang", "title"],
      ...Object.fromEntries(ANCHOR_ELEMENTS.map((tag) => [tag, ["id", "class", "dir", "lang", "title"]])),
      a: ["href", "rel", "class", "title", "dir", "lang"],
      img: ["src", "alt", "width", "height", "class", "loading", "decoding"],
      th: ["colspan", "rowspan", "scope", "class"],
      td: ["colspan", "rowspan", "class"],
      col: ["span"],
      ol: ["start", "reversed", "type", "class"],
      time: ["datetime"],
    },
    allowedClasses: { "*": ARTICLE_CLASSES },
    allowedSchemes: ["https", "http", "mailto"],
    allowedSchemesByTag: { img: ["https", "http"] },
    allowProtocolRelative: true,
    allowedIframeHostnames: [],
    exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href ?? "";
        const internal = wikiLinkTarget(href, options.site);
        if (internal) {
          const kept: sanitizeHtml.Attributes = { href: internal };
          if (attribs.title) kept.title = attribs.title;
          // Parsoid marks links to missing pages with class "new" (shown red).
          if (attribs.class) kept.class = attribs.class;
          return { tagName, attribs: kept };
        }
        if (isExternal(href)) {
          const absolute = href.startsWith("//") ? `https:${href}` : href;
          return { tagName, attribs: { href: absolute, rel: "noopener noreferrer nofollow", class: "external" } };
        }
        if (href.startsWith("#") || href.startsWith("mailto:")) return { tagName, attribs: { href } };
        // Anything else (javascript:, data:, relative paths off the wiki) loses its link but keeps its text.
        return { tagName: "span", attribs: {} };
      },
      img: (tagName, attribs) => {
        const src = absoluteMedia(attribs.src ?? "");
        // An image from anywhere else loses its src, and exclusiveFilter then drops it.
        if (!src.startsWith(mediaPrefix)) return { tagName, attribs: {} };
        return { tagName, attribs: { ...attribs, src, alt: attribs.alt ?? fileNameAlt(attribs.resource), loading: "lazy", decoding: "async" } };
      },
    },
  });
}
