import type { ActionResult } from "@/lib/server-actions/result";

/** What the watch popup's confirmation shows between submissions (useActionState): nothing yet, or the answer. */
export type WatchPopupState = ActionResult<{ title: string; wiki: string }> | null;

/** The popup's own address for an embed id: where "Sign in with Wikimedia" returns to. */
export function watchPopupPath(embedId: string): string {
  return `/widget/watch/${encodeURIComponent(embedId)}`;
}
