/**
 * action=parse, minimal (CORE ApiParse): enough for clients that preview or fetch rendered HTML. The markup
 * is a plain rendering of the wikitext, wrapped in the same `mw-parser-output` container MediaWiki emits.
 */
import { escapeHtml } from "../http";
import { findPage, findPageById, latestRevision, parseTitle, redirectTarget } from "../content/pages";
import { ApiError, invalidParamMix } from "./api-error";
import type { Api } from "./context";
import { contentKey } from "./context";

/** Escapes markup but keeps apostrophes, which carry wikitext bold and italics. */
function escapeText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function inline(api: Api, text: string): string {
  return escapeText(text)
    .replace(/'''(.+?)'''/g, "<b>$1</b>")
    .replace(/''(.+?)''/g, "<i>$1</i>")
    .replace(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g, (_m, target: string, label?: string) => {
      const href = `/${api.wiki.host}/wiki/${encodeURIComponent(target.trim().replaceAll(" ", "_"))}`;
      return `<a href="${href}" title="${target.trim()}">${label ?? target}</a>`;
    });
}

export function renderWikitext(api: Api, wikitext: string): string {
  const blocks = wikitext.split(/\n{2,}/).map((block) => {
    const heading = /^(={2,6})\s*(.+?)\s*\1\s*$/.exec(block.trim());
    if (heading) {
      const level = heading[1]!.length;
      const id = heading[2]!.replaceAll(" ", "_");
      return `<div class="mw-heading mw-heading${level}"><h${level} id="${escapeHtml(id)}">${inline(api, heading[2]!)}</h${level}></div>`;
    }
    return `<p>${inline(api, block.trim())}\n</p>`;
  });
  return `<div class="mw-content-${api.wiki.dir} mw-parser-output" lang="${api.wiki.lang}" dir="${api.wiki.dir}">${blocks.join("\n")}</div>`;
}

export function actionParse(api: Api): Record<string, unknown> {
  const pageParam = api.params.get("page");
  const pageId = api.params.get("pageid");
  const text = api.params.get("text");
  const titleParam = api.params.get("title");
  // ApiParse::execute: text, title and revid go with each other but not with a page, in three checks; the
  // names are listed in the order ApiParse declares them.
  const given = (names: string[]) => names.filter((name) => api.params.raw(name) !== undefined);
  for (const source of ["text", "title", "revid"]) {
    const clash = given([source, "page", "pageid", "oldid"]);
    if (clash.length > 1) throw invalidParamMix(clash);
  }
  api.params.markUsed("prop", "contentmodel", "disablelimitreport", "disableeditsection", "wrapoutputclass", "pst", "preview", "redirects", "useskin", "parsoid", "section");
  let title: string;
  let pageid: number | undefined;
  let revid: number | undefined;
  let wikitext: string;
  if (pageParam !== undefined || pageId !== undefined) {
    const page =
      pageId !== undefined ? findPageById(api.store, api.wiki, Number(pageId)) : (() => {
        const parsed = parseTitle(api.wiki, pageParam!);
        if (!parsed) throw new ApiError("invalidtitle", `Bad title "${pageParam}".`);
        return findPage(api.store, api.wiki, parsed);
      })();
    if (!page) throw new ApiError("missingtitle", "The page you specified doesn't exist.");
    let revision = latestRevision(api.store, page);
    if (api.params.bool("redirects")) {
      const target = redirectTarget(revision.content);
      const targetPage = target ? findPage(api.store, api.wiki, parseTitle(api.wiki, target) ?? { ns: 0, text: "", dbKey: "" }) : undefined;
      if (targetPage) revision = latestRevision(api.store, targetPage);
    }
    const owner = api.store.state.pages.find((p) => p.wiki === api.wiki.host && p.id === revision.pageId)!;
    title = owner.title;
    pageid = owner.id;
    revid = revision.id;
    wikitext = revision.content;
  } else {
    title = parseTitle(api.wiki, titleParam ?? "API")?.text ?? "API";
    wikitext = text ?? "";
  }
  const html = renderWikitext(api, wikitext);
  return {
    parse: {
      title,
      pageid: pageid ?? 0,
      ...(revid !== undefined ? { revid } : {}),
      text: api.fv2 ? html : { [contentKey(api, "text")]: html },
      displaytitle: title,
    },
  };
}
