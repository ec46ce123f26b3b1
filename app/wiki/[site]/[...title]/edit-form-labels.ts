/** The edit forms' words, as props (labels.ts builds them on the server). */
import type { EditConflictLabels } from "./edit-conflict";
import type { EditNoticeLabels } from "./edit-notice";

export interface EditFormLabels {
  wikitext: string;
  yourVersion: string;
  summary: string;
  minor: string;
  merge: string;
  discard: string;
  create: string;
  save: string;
  notice: EditNoticeLabels;
  conflict: EditConflictLabels;
}

export interface AddSectionLabels {
  subject: string;
  text: string;
  add: string;
  notice: EditNoticeLabels;
}
