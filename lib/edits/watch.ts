/**
 * The user's watchlist on one wiki: watch and unwatch (`action=watch` with a watch token, action.ts),
 * whether a page is watched (`prop=info&inprop=watched`) and the watched pages (`list=watchlistraw`).
 */
import { z } from "zod";
import { describeWikimediaError, type DescribedError } from "@/lib/wikimedia/errors";
import type { ActionClient } from "@/lib/wikimedia/action";
import type { Credential } from "@/lib/wikimedia/http";
import type { Site } from "@/lib/wikimedia/sites";

export interface WatchDeps {
  action: ActionClient;
}

export type WatchFailure = { ok: false } & DescribedError;

export async function setWatched(
  deps: WatchDeps,
  as: Credential,
  site: Site,
  title: string,
  watched: boolean,
): Promise<{ ok: true; title: string; watched: boolean } | WatchFailure> {
  try {
    const [entry] = await deps.action.watch(as, site, { titles: [title], ...(watched ? {} : { unwatch: true }) });
    return { ok: true, title: entry?.title ?? title, watched: entry?.watched ?? false };
  } catch (error) {
    return { ok: false, ...describeWikimediaError(error) };
  }
}

const infoSchema = z.object({
  query: z.object({ pages: z.array(z.object({ title: z.string(), watched: z.boolean().optional() })) }),
});

export async function isWatched(deps: WatchDeps, as: Credential, site: Site, title: string): Promise<{ ok: true; watched: boolean } | WatchFailure> {
  try {
    const data = await deps.action.get(as, site, { action: "query", prop: "info", inprop: "watched", titles: title }, infoSchema);
    return { ok: true, watched: data.query.pages[0]?.watched ?? false };
  } catch (error) {
    return { ok: false, ...describeWikimediaError(error) };
  }
}

export interface WatchedPage {
  ns: number;
  title: string;
}

// ApiQueryWatchlistRaw answers at the top level, not under `query` (a historical quirk of the module).
const rawSchema = z.object({
  watchlistraw: z.array(z.object({ ns: z.number().int(), title: z.string() })).optional(),
  continue: z.object({ wrcontinue: z.string() }).passthrough().optional(),
});

/** One page of the watchlist (500 titles, the API's maximum for users), and where the next starts. */
export async function listWatched(
  deps: WatchDeps,
  as: Credential,
  site: Site,
  from?: string,
): Promise<{ ok: true; pages: WatchedPage[]; next: string | null } | WatchFailure> {
  try {
    const data = await deps.action.get(
      as,
      site,
      { action: "query", list: "watchlistraw", wrlimit: 500, ...(from ? { wrcontinue: from } : {}) },
      rawSchema,
    );
    return { ok: true, pages: data.watchlistraw ?? [], next: data.continue?.wrcontinue ?? null };
  } catch (error) {
    return { ok: false, ...describeWikimediaError(error) };
  }
}
