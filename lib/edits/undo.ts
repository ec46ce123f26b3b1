/**
 * Undoing one of the user's edits from the activity log: `action=edit` with `undo=<revision>` (§5.4 of
 * docs/wikimedia-protocol.md) and the user's own token, with a CSRF token from `meta=tokens` (the action
 * client's `write`, one `badtoken` retry). The wiki computes the reverted text against the page as it
 * is now, so a stale activity log cannot overwrite later edits: when they touched the same lines the
 * wiki answers `undofailure`, which comes back as `undo_failed` with a sentence and the editor to open.
 */
import { asWikimediaError, describeWikimediaError, type DescribedError } from "@/lib/wikimedia/errors";
import type { ActionClient } from "@/lib/wikimedia/action";
import type { Credential } from "@/lib/wikimedia/http";
import type { Site } from "@/lib/wikimedia/sites";

export type UndoOutcome =
  /** `revisionId` null: nothing changed, the page already read as before that edit. */
  | { status: "undone"; revisionId: number | null; title: string }
  | ({ status: "error" } & DescribedError);

export interface UndoInput {
  title: string;
  /** The revision whose change is reverted. */
  revisionId: number;
}

export async function undoEdit(deps: { action: ActionClient }, as: Credential, site: Site, input: UndoInput): Promise<UndoOutcome> {
  let sent = false;
  try {
    await deps.action.token(as, site, "csrf");
    sent = true;
    // nocreate: undoing an edit to a page deleted since must not recreate it.
    const result = await deps.action.edit(as, site, { title: input.title, undo: input.revisionId, noCreate: true });
    return { status: "undone", revisionId: result.noChange ? null : result.newRevisionId, title: result.title };
  } catch (error) {
    const described = describeWikimediaError(error);
    const known = asWikimediaError(error);
    if (sent && (known?.code === "timeout" || known?.code === "bad_response")) {
      // As for any write whose answer was lost (save.ts writeFailure): it may have been saved.
      return {
        status: "error",
        ...described,
        message: `${site.host} did not confirm the undo. It may have been saved all the same: check the page's history before you try again.`,
        detail: "unconfirmed-undo",
        params: { ...described.params, host: site.host },
      };
    }
    return { status: "error", ...described };
  }
}
