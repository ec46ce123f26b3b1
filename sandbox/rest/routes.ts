/**
 * REST API v1 routes of every wiki (`/:wiki/w/rest.php/v1/...`, CORE coreRoutes.json / content.v1.json)
 * and the upload.wikimedia.org media mirror. Endpoint names are what fault injection and the request
 * log use.
 */
import { registerMedia } from "../content/media";
import type { Router } from "../router";
import { registerAttribution } from "./attribution";
import { restRoute, type RestHandler } from "./common";
import { historyHandler } from "./history";
import { historyCountsHandler } from "./history-counts";
import { languageLinksHandler } from "./language-links";
import { pageHandler } from "./page-read";
import { createHandler, updateHandler } from "./page-write";
import { revisionHandler } from "./revision-read";
import { searchHandler, searchTitleHandler } from "./search";

const BASE = "/:wiki/w/rest.php/v1";

export function registerRest(router: Router): void {
  const add = (method: string, path: string, endpoint: string, handler: RestHandler) =>
    router.add({ method, path: `${BASE}${path}`, endpoint, handler: restRoute(handler) });

  add("GET", "/page/:title", "rest/page", pageHandler("source"));
  add("GET", "/page/:title/bare", "rest/page/bare", pageHandler("bare"));
  add("GET", "/page/:title/html", "rest/page/html", pageHandler("html"));
  add("GET", "/page/:title/with_html", "rest/page/with_html", pageHandler("with_html"));
  add("GET", "/page/:title/history", "rest/page/history", historyHandler);
  add("GET", "/page/:title/history/counts/:type", "rest/page/history/counts", historyCountsHandler);
  add("GET", "/page/:title/links/language", "rest/page/links/language", languageLinksHandler);
  add("PUT", "/page/:title", "rest/page/put", updateHandler);
  add("POST", "/page", "rest/page/create", createHandler);
  add("GET", "/revision/:id", "rest/revision", revisionHandler("source"));
  add("GET", "/revision/:id/bare", "rest/revision", revisionHandler("bare"));
  add("GET", "/revision/:id/html", "rest/revision", revisionHandler("html"));
  add("GET", "/revision/:id/with_html", "rest/revision", revisionHandler("with_html"));
  add("GET", "/search/page", "rest/search/page", searchHandler);
  add("GET", "/search/title", "rest/search/title", searchTitleHandler);
  registerAttribution(router);
  registerMedia(router);
}
