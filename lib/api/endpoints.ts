/**
 * What each `/api/v1` route does, acting with the token's user's own Wikimedia grant through the existing
 * request layer (so a script never handles OAuth). Route files only bind these to their paths.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { readArticle, searchPages } from "@/lib/articles/server";
import { recordSave, recordWatch } from "@/lib/edits/audit";
import { getWikimediaProfile } from "@/lib/auth/wikimedia-profiles";
import { getDb } from "@/lib/db";
import { saveEdit } from "@/lib/edits/save";
import { setWatched } from "@/lib/edits/watch";
import { getConfig } from "@/lib/env";
import { log } from "@/lib/log";
import { getWikimedia } from "@/lib/wiring";
import { describeWikimediaError } from "@/lib/wikimedia/errors";
import { parsePageAddress, type PageAddress } from "@/lib/wikimedia/address";
import { parseSite, type Site } from "@/lib/wikimedia/sites";
import { ApiProblem, apiHandler, wikimediaProblem } from "./handler";
import { editConflictProblem, problem } from "./problem";
import { buildOpenApiDocument } from "./openapi";
import { API_ROUTES } from "./schemas";

/** The params schema already checked the host (siteSchema); this only derives language and direction. */
function siteOf(host: string): Site {
  const parsed = parseSite(host);
  if (!parsed.ok) throw new Error("site passed validation but not parseSite");
  return parsed.site;
}

/** A page route's site and title (decoded once, by Next.js) through the one address parser. */
function addressOf(params: { site: string; title: string }): PageAddress {
  const parsed = parsePageAddress(params.site, params.title);
  if (parsed.ok) return parsed.address;
  throw new ApiProblem(problem(400, parsed.error.code === "invalid_title" ? "invalid_title" : "invalid_request", parsed.error));
}

export const getMe = apiHandler(API_ROUTES.me, async ({ userId, scopes }) => {
  const db = getDb();
  const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
  const profile = await getWikimediaProfile(db, userId);
  return { user: { name: user?.name ?? null, wikimediaUsername: profile?.username ?? null }, token: { scopes } };
});

export const readPage = apiHandler(API_ROUTES.readPage, async ({ userId, params, query }) => {
  const wikimedia = getWikimedia();
  const { site, title } = addressOf(params);
  const as = wikimedia.asUser(userId);
  if (query.format === "html") {
    // The same per-process cache of sanitized HTML as the article pages.
    const result = await readArticle(site, title.dbKey, { id: userId });
    if (!result.ok) throw wikimediaProblem(result.error);
    const article = result.value;
    return {
      site: site.host,
      title: article.title,
      key: article.key,
      revisionId: article.revisionId,
      lastModified: article.lastModified,
      redirectedFrom: article.redirectedFrom,
      format: "html" as const,
      html: article.html,
      licence: article.licence,
      wikiUrl: article.wikiUrl,
    };
  }
  try {
    const page = await wikimedia.rest.getPageSource(as, site, title.dbKey);
    return {
      site: site.host,
      title: page.title,
      key: page.key,
      pageId: page.id,
      revisionId: page.latest.id,
      lastModified: page.latest.timestamp,
      contentModel: page.contentModel,
      redirectedFrom: page.redirectedFrom,
      format: "source" as const,
      source: page.source,
      licence: page.license,
    };
  } catch (error) {
    throw wikimediaProblem(describeWikimediaError(error));
  }
});

export const search = apiHandler(API_ROUTES.search, async ({ userId, params, query }) => {
  const site = siteOf(params.site);
  const result = await searchPages(site, query.q, { id: userId }, query.limit);
  if (!result.ok) throw wikimediaProblem(result.error);
  return { site: site.host, query: query.q, results: result.value };
});

export const editPage = apiHandler(API_ROUTES.editPage, async ({ userId, params, body }) => {
  const wikimedia = getWikimedia();
  const { site, title } = addressOf(params);
  const outcome = await saveEdit({ rest: wikimedia.rest, action: wikimedia.action }, wikimedia.asUser(userId), site, {
    title: title.dbKey,
    text: body.source,
    summary: body.comment,
    minor: false,
    baseRevisionId: body.baseRevisionId ?? null,
    section: null,
  });
  await recordSave(userId, site.host, title.dbKey, outcome);
  switch (outcome.status) {
    case "saved":
      log.info("api.edit.saved", { userId, site: site.host, revisionId: outcome.revisionId });
      return { site: site.host, title: outcome.title, revisionId: outcome.revisionId };
    case "conflict":
      throw new ApiProblem(editConflictProblem(site.host, outcome.base.revisionId, outcome.current.revisionId));
    case "error":
      throw wikimediaProblem(outcome);
  }
});

function watchHandler(route: typeof API_ROUTES.watch | typeof API_ROUTES.unwatch, watched: boolean) {
  return apiHandler(route, async ({ userId, params }) => {
    const wikimedia = getWikimedia();
    const { site, title } = addressOf(params);
    const result = await setWatched({ action: wikimedia.action }, wikimedia.asUser(userId), site, title.dbKey, watched);
    await recordWatch(userId, site.host, title.dbKey, watched, result);
    if (!result.ok) throw wikimediaProblem(result);
    return { site: site.host, title: result.title, watched: result.watched };
  });
}

export const watchPage = watchHandler(API_ROUTES.watch, true);
export const unwatchPage = watchHandler(API_ROUTES.unwatch, false);

/** Public, like any API's description: it holds no user data. Built once; it only changes with a deploy. */
let document: string | undefined;
export async function getOpenApi(): Promise<Response> {
  document ??= JSON.stringify(buildOpenApiDocument({ serverUrl: getConfig().app.url }));
  return new Response(document, { headers: { "content-type": "application/json", "cache-control": "public, max-age=300" } });
}
