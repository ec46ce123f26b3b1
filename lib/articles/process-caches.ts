/**
 * The article caches of this process, one of each whichever module runtime asks (lib/process-wide.ts):
 * the proxy answers visitors' views and the pages answer the rest, and without this each would keep
 * its own copy of the same pages within the same memory budget (lib/cache-budget.ts).
 */
import { processWide } from "@/lib/process-wide";
import { createHtmlCache } from "./html-cache";
import { createVisitorSearchCache } from "./search-cache";
import { createVisitorPageCache } from "./visitor-cache";

export function articleHtmlCache() {
  return processWide("articles.html-cache", () => createHtmlCache());
}

export function visitorPageCache() {
  return processWide("articles.visitor-page-cache", () => createVisitorPageCache());
}

export function visitorSearchCache() {
  return processWide("articles.visitor-search-cache", () => createVisitorSearchCache());
}
