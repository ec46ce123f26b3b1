/**
 * `/wiki/<site>/<title>` — a wiki page in Wikiport, MediaWiki-style: `?action=history` for its history,
 * `?action=edit` to edit it. This route only parses the address and hands over to the view for the action.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleEdit } from "./article-edit";
import { ArticleHistory } from "./article-history";
import { ArticleView } from "./article-view";
import { getTranslator } from "@/lib/i18n/request";
import { parseWikiAddress, type ParamsForm, type WikiAddress } from "@/lib/ui/wiki/address";
import { articleDocumentTitle } from "@/lib/ui/wiki/article-parts";

type Props = {
  params: Promise<{ site: string; title: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function address(props: Props, form: ParamsForm): Promise<WikiAddress> {
  const [params, searchParams] = await Promise.all([props.params, props.searchParams]);
  const parsed = parseWikiAddress(params, form, searchParams);
  if (!parsed) notFound();
  return parsed;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const [{ page, site }, t] = await Promise.all([address(props, "decoded"), getTranslator()]);
  return { title: articleDocumentTitle(t, page.text, site.host) };
}

export default async function WikiPage(props: Props) {
  const wiki = await address(props, "encoded");
  if (wiki.action === "edit") return <ArticleEdit address={wiki} />;
  if (wiki.action === "history") return <ArticleHistory address={wiki} />;
  return <ArticleView address={wiki} />;
}
