/**
 * `<WatchButton site title />` for an article or edit page: asks the wiki whether the signed-in user
 * watches the page and renders the toggle; nothing for visitors, who have no watchlist.
 */
import { getCurrentUser } from "@/lib/auth/session";
import { isWatched } from "@/lib/edits/watch";
import { getWikimedia } from "@/lib/wiring";
import type { Site } from "@/lib/wikimedia/sites";
import { WatchToggle } from "./watch-toggle";

export async function WatchButton({ site, title }: { site: Site; title: string }) {
  const user = await getCurrentUser();
  if (!user) return null;
  const wikimedia = getWikimedia();
  const state = await isWatched({ action: wikimedia.action }, wikimedia.asUser(user.id), site, title);
  // Unknown state (the wiki did not answer): offer "Watch", which is harmless if it is watched already.
  return <WatchToggle site={site.host} title={title.replaceAll("_", " ")} watched={state.ok && state.watched} />;
}
