/**
 * `<WatchButton site title />` for an article or edit page: asks the wiki whether the signed-in user
 * watches the page and renders the toggle; nothing for visitors, who have no watchlist. Given `watched`
 * (the article view learns it with the page's revision check), it does not ask again.
 */
import { getCurrentUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/request";
import { isWatched } from "@/lib/edits/watch";
import { getWikimedia } from "@/lib/wiring";
import type { Site } from "@/lib/wikimedia/sites";
import { watchToggleLabels } from "./labels";
import { WatchToggle } from "./watch-toggle";

export async function WatchButton({ site, title, watched }: { site: Site; title: string; watched?: boolean | null }) {
  const user = await getCurrentUser();
  if (!user) return null;
  let known = watched;
  if (known === undefined) {
    const wikimedia = getWikimedia();
    const state = await isWatched({ action: wikimedia.action }, wikimedia.asUser(user.id), site, title);
    known = state.ok ? state.watched : null;
  }
  // Unknown state (the wiki did not answer): offer "Watch", which is harmless if it is watched already.
  return <WatchToggle site={site.host} title={title.replaceAll("_", " ")} watched={known === true} labels={watchToggleLabels(await getTranslator())} />;
}
