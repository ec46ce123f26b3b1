/** What the watch popup's confirmation shows between submissions (useActionState). */
export type WatchPopupState =
  | { status: "idle" }
  | { status: "watched"; title: string; wiki: string }
  | { status: "error"; code: string; message: string };

/** The popup's own address for an embed id: where "Sign in with Wikimedia" returns to. */
export function watchPopupPath(embedId: string): string {
  return `/widget/watch/${encodeURIComponent(embedId)}`;
}
