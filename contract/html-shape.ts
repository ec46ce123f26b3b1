/**
 * The "shape" of a Parsoid HTML document (REST /page/{title}/html): which structural features it has,
 * compared as a set between the wikis. Values (ids, hashes, versions, URLs) are not compared.
 */

const FEATURES: ReadonlyArray<[name: string, pattern: RegExp]> = [
  ["doctype", /^<!DOCTYPE html>/i],
  ["html element with RDF prefixes", /<html[^>]*\sprefix="[^"]*dc: /],
  ["head", /<head[\s>]/],
  ["meta charset utf-8", /<meta charset="utf-8"\s*\/?>/i],
  ["meta mw:pageId", /<meta property="mw:pageId" content="\d+"/],
  ["meta mw:pageNamespace", /<meta property="mw:pageNamespace" content="\d+"/],
  ["meta dc:modified", /<meta property="dc:modified" content="[^"]+"/],
  ["meta mw:htmlVersion", /<meta property="mw:htmlVersion" content="[\d.]+"/],
  ["base href", /<base href="[^"]+"/],
  ["title", /<title>[^<]*<\/title>/],
  ["body with parsoid classes", /<body[^>]*class="[^"]*\bmw-parser-output\b[^"]*"/],
  ["body with parsoid-body class", /<body[^>]*class="[^"]*\bparsoid-body\b[^"]*"/],
  ["section 0", /<section data-mw-section-id="0"/],
  ["parsoid element ids", /\sid="mw[\w-]{2,}"/],
  ["closing html", /<\/html>\s*$/],
];

export function htmlFeatures(html: string): string[] {
  return FEATURES.filter(([, pattern]) => pattern.test(html)).map(([name]) => name);
}
