/**
 * The words of the article page's client components (edit forms, conflict view, watch button), built on
 * the server in the interface language and handed down as props: the catalog never goes to the browser.
 */
import type { Translator } from "@/lib/i18n/translate";
import type { EditConflictLabels } from "./edit-conflict";
import type { EditNoticeLabels } from "./edit-notice";
import type { AddSectionLabels, EditFormLabels } from "./edit-form-labels";
import type { WatchToggleLabels } from "./watch-toggle";

export function editNoticeLabels(t: Translator): EditNoticeLabels {
  return {
    titles: {
      blocked: t.msg("wikiport-edit-notice-blocked"),
      protected: t.msg("wikiport-edit-notice-protected"),
      abuse_filter: t.msg("wikiport-edit-notice-abuse-filter"),
      captcha: t.msg("wikiport-edit-notice-captcha"),
      rate_limited: t.msg("wikiport-edit-notice-rate-limited"),
      reconnect_needed: t.msg("wikiport-edit-notice-reconnect"),
      edit_conflict: t.msg("wikiport-edit-notice-edit-conflict"),
      merge_conflict: t.msg("wikiport-edit-notice-merge-conflict"),
      page_exists: t.msg("wikiport-edit-notice-page-exists"),
    },
    notSaved: t.msg("wikiport-edit-notice-not-saved"),
    next: {
      blocked: t.msg("wikiport-edit-next-blocked"),
      protected: t.msg("wikiport-edit-next-protected"),
      abuse_filter: t.msg("wikiport-edit-next-abuse-filter"),
      captcha: t.msg("wikiport-edit-next-captcha"),
      rate_limited: t.msg("wikiport-edit-next-rate-limited"),
      reconnect_needed: t.msg("wikiport-edit-next-reconnect"),
      signed_out: t.msg("wikiport-edit-next-signed-out"),
    },
    saved: t.msg("wikiport-edit-saved"),
    savedAsRevision: t.parts("wikiport-edit-saved-revision", 1),
    viewPage: t.msg("wikiport-edit-view-page"),
    merged: t.msg("wikiport-edit-merged"),
  };
}

export function editConflictLabels(t: Translator): EditConflictLabels {
  return {
    heading: t.msg("wikiport-conflict-heading"),
    intro: t.parts("wikiport-conflict-intro", 2),
    theirsHeading: t.parts("wikiport-conflict-theirs-heading", 2),
    theirs: t.msg("wikiport-conflict-theirs-label"),
    mineHeading: t.parts("wikiport-conflict-mine-heading", 1),
    mine: t.msg("wikiport-conflict-mine-label"),
    currentInFull: t.msg("wikiport-conflict-current-full"),
    baseInFull: t.msg("wikiport-conflict-base-full"),
  };
}

export function editFormLabels(t: Translator): EditFormLabels {
  return {
    wikitext: t.msg("wikiport-edit-wikitext"),
    yourVersion: t.msg("wikiport-edit-your-version"),
    summary: t.msg("wikiport-edit-summary"),
    minor: t.msg("wikiport-edit-minor"),
    merge: t.msg("wikiport-edit-merge"),
    discard: t.msg("wikiport-edit-discard"),
    create: t.msg("wikiport-edit-create"),
    save: t.msg("wikiport-edit-save"),
    notice: editNoticeLabels(t),
    conflict: editConflictLabels(t),
  };
}

export function addSectionLabels(t: Translator): AddSectionLabels {
  return {
    subject: t.msg("wikiport-edit-subject"),
    text: t.msg("wikiport-edit-text"),
    add: t.msg("wikiport-edit-add-section-button"),
    notice: editNoticeLabels(t),
  };
}

export function watchToggleLabels(t: Translator): WatchToggleLabels {
  return {
    watch: t.msg("wikiport-watch-watch"),
    unwatch: t.msg("wikiport-watch-unwatch"),
    watchTitle: t.parts("wikiport-watch-watch-label", 1),
    unwatchTitle: t.parts("wikiport-watch-unwatch-label", 1),
  };
}
