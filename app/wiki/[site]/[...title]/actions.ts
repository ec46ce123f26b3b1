"use server";
/**
 * The article page's actions: saving, merging, adding a section, watching. Each goes through the action
 * boundary (lib/server-actions: session, zod, per-user limits, one result shape) and acts only with the
 * signed-in user's own token; the work itself is lib/edits'. What they answer is shown in the browser
 * as it comes, so each puts its failure's sentence in the interface language before answering
 * (lib/i18n/errors.ts for the lower layers' failures, this page's messages for its own).
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { recordSave, recordWatch } from "@/lib/edits/audit";
import { lineDiff } from "@/lib/edits/diff";
import { hasConflictMarkers, mergeThreeWay } from "@/lib/edits/merge";
import { addSection, getRevisionText, saveEdit } from "@/lib/edits/save";
import { setWatched } from "@/lib/edits/watch";
import { describeFailure } from "@/lib/i18n/errors";
import { getTranslator } from "@/lib/i18n/request";
import { log } from "@/lib/log";
import { checkbox, failure, invalidInput, numericId, optional, stateAction, wikiSite } from "@/lib/server-actions";
import type { ActionFailure } from "@/lib/server-actions/result";
import { describeWikimediaError, WikimediaError } from "@/lib/wikimedia";
import { getWikimedia } from "@/lib/wiring";
import type { AddSectionState, EditFormState, EditResult, WatchState } from "./form-state";

const title = z.string().trim().min(1).max(512);

/** The marker lines of an overlap (lib/edits/merge.ts), parameters of the messages so that no translation can change them. */
const CONFLICT_OPEN = "<<<<<<<";
const CONFLICT_CLOSE = ">>>>>>>";

/** A failure as the person reads it: this page's own refusals from its messages, the rest through describeFailure. */
async function inLanguage<F extends ActionFailure & { conflicts?: number }>(result: F, own: { invalidInput?: "wikiport-edit-add-section-invalid" } = {}): Promise<F> {
  const t = await getTranslator();
  const message =
    result.code === "merge_conflict"
      ? t.msg("wikiport-conflict-overlap", result.conflicts ?? 0, CONFLICT_OPEN, CONFLICT_CLOSE)
      : result.code === "conflict_markers"
        ? t.msg("wikiport-conflict-markers", CONFLICT_OPEN, CONFLICT_CLOSE)
        : result.code === "invalid_input" && own.invalidInput
          ? t.msg(own.invalidInput)
          : describeFailure(t, result);
  return { ...result, message };
}

async function resultInLanguage<S extends { result: EditResult | null }>(state: S, own?: { invalidInput?: "wikiport-edit-add-section-invalid" }): Promise<S> {
  return state.result && !state.result.ok ? { ...state, result: await inLanguage(state.result, own) } : state;
}
/** MediaWiki's $wgMaxArticleSize on Wikimedia: 2 MiB. */
const wikitext = z.string().max(2 * 1024 * 1024);

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

const editSchema = z.object({
  intent: optional(z.enum(["save", "merge"])).transform((intent) => intent ?? "save"),
  site: wikiSite,
  title,
  section: optional(numericId),
  baseRevisionId: optional(numericId),
  currentRevisionId: optional(numericId),
  text: wikitext,
  summary: z.string().max(500).optional().transform((summary) => summary ?? ""),
  minor: checkbox,
});

/** The form as the user sent it, for showing again with the answer. */
function editForm(previous: EditFormState, input: z.output<typeof editSchema>): EditFormState {
  return {
    ...previous,
    site: input.site.host,
    title: input.title,
    section: input.section ?? null,
    baseRevisionId: input.baseRevisionId ?? null,
    text: input.text,
    summary: input.summary,
    minor: input.minor,
  };
}

const saveOrMerge = stateAction(
  {
    name: "edit",
    schema: editSchema,
    countsAsEdit: true,
    // Refused before anything reaches the wiki; the text stays in the form.
    failed: (result, { previous, input }): EditFormState => ({ ...(input ? editForm(previous, input) : previous), result }),
  },
  async ({ user, input, previous }): Promise<EditFormState> => {
    const form = editForm(previous, input);
    const wiki = input.site;
    const wikimedia = getWikimedia();
    const deps = { rest: wikimedia.rest, action: wikimedia.action };
    const as = wikimedia.asUser(user.id);

    if (input.intent === "merge") {
      if (input.baseRevisionId === undefined || input.currentRevisionId === undefined) return { ...form, result: invalidInput() };
      try {
        // Both texts are read again from the wiki: the browser only names the revisions.
        const [base, current] = await Promise.all([
          getRevisionText(deps, as, wiki, input.title, input.baseRevisionId),
          getRevisionText(deps, as, wiki, input.title, input.currentRevisionId),
        ]);
        const merged = mergeThreeWay(base.text, current.text, input.text);
        const result: EditResult = merged.clean
          ? { ok: true, kind: "merged" }
          : {
              ok: false,
              code: "merge_conflict",
              conflicts: merged.conflicts,
              message: `Your change and the current version overlap in ${merged.conflicts} place${merged.conflicts === 1 ? "" : "s"}. Settle each one between the <<<<<<< and >>>>>>> lines, remove those lines, then save.`,
            };
        return { ...form, version: form.version + 1, text: merged.text, baseRevisionId: current.revisionId, section: null, conflict: null, result };
      } catch (error) {
        return { ...form, result: failure(describeWikimediaError(error)) };
      }
    }

    if (hasConflictMarkers(input.text)) {
      return {
        ...form,
        result: { ok: false, code: "conflict_markers", message: "The text still has conflict markers (<<<<<<< … >>>>>>>). Settle each conflict and remove the markers before saving." },
      };
    }
    const outcome = await saveEdit(deps, as, wiki, {
      title: input.title,
      text: input.text,
      summary: input.summary,
      minor: input.minor,
      baseRevisionId: input.baseRevisionId ?? null,
      section: input.section ?? null,
    });
    await recordSave(user.id, wiki.host, input.title, outcome);
    switch (outcome.status) {
      case "saved":
        log.info("edit.saved", { userId: user.id, site: wiki.host, revisionId: outcome.revisionId });
        return { ...form, baseRevisionId: outcome.revisionId ?? form.baseRevisionId, conflict: null, result: { ok: true, kind: "saved", revisionId: outcome.revisionId } };
      case "conflict":
        return {
          ...form,
          version: form.version + 1,
          // The conflict is decided on the whole page, also for a section edit.
          section: null,
          text: outcome.mine,
          baseRevisionId: outcome.base.revisionId,
          conflict: {
            base: outcome.base,
            current: outcome.current,
            theirs: lineDiff(outcome.base.text, outcome.current.text),
            mine: lineDiff(outcome.base.text, outcome.mine),
          },
          result: failure({ code: "edit_conflict", message: new WikimediaError("edit_conflict", { host: wiki.host }).message }),
        };
      case "error":
        if (outcome.code === "internal") log.warn("edit.failed", { userId: user.id, site: wiki.host });
        return { ...form, result: failure(outcome) };
    }
  },
);

const addSectionSchema = z.object({ site: wikiSite, title, sectionTitle: z.string().trim().min(1).max(255), text: wikitext.min(1) });

export async function editAction(previous: EditFormState, formData: FormData): Promise<EditFormState> {
  return resultInLanguage(await saveOrMerge(previous, formData));
}

const addNewSection = stateAction(
  {
    name: "add_section",
    schema: addSectionSchema,
    countsAsEdit: true,
    invalidMessage: "Give the new section a subject and some text.",
    // What was typed stays in the form, whatever the refusal.
    failed: (result, { previous, formData }): AddSectionState => ({ ...previous, sectionTitle: text(formData, "sectionTitle"), text: text(formData, "text"), result }),
  },
  async ({ user, input, previous, formData }): Promise<AddSectionState> => {
    const wikimedia = getWikimedia();
    const outcome = await addSection({ rest: wikimedia.rest, action: wikimedia.action }, wikimedia.asUser(user.id), input.site, input);
    await recordAudit(getDb(), log, {
      userId: user.id,
      action: "add_section",
      wiki: input.site.host,
      title: input.title,
      revisionId: outcome.status === "saved" ? (outcome.revisionId ?? null) : null,
      result: outcome.status === "saved" ? "ok" : outcome.code,
    });
    if (outcome.status === "saved") {
      log.info("edit.section_added", { userId: user.id, site: input.site.host, revisionId: outcome.revisionId });
      return { version: previous.version + 1, sectionTitle: "", text: "", result: { ok: true, kind: "saved", revisionId: outcome.revisionId } };
    }
    return { ...previous, sectionTitle: text(formData, "sectionTitle"), text: text(formData, "text"), result: failure(outcome) };
  },
);

const watchSchema = z.object({ site: wikiSite, title, watch: z.enum(["1", "0"]) });

export async function addSectionAction(previous: AddSectionState, formData: FormData): Promise<AddSectionState> {
  return resultInLanguage(await addNewSection(previous, formData), { invalidInput: "wikiport-edit-add-section-invalid" });
}

const watchOrUnwatch = stateAction(
  {
    name: "watch",
    schema: watchSchema,
    failed: (result, { previous }): WatchState => ({ ...result, watched: previous.watched }),
  },
  async ({ user, input, previous }): Promise<WatchState> => {
    const wikimedia = getWikimedia();
    const watch = input.watch === "1";
    const outcome = await setWatched({ action: wikimedia.action }, wikimedia.asUser(user.id), input.site, input.title, watch);
    await recordWatch(user.id, input.site.host, input.title, watch, outcome);
    if (!outcome.ok) return { ...failure(outcome), watched: previous.watched };
    revalidatePath("/watchlist");
    return { ok: true, watched: outcome.watched };
  },
);

export async function watchAction(previous: WatchState, formData: FormData): Promise<WatchState> {
  const next = await watchOrUnwatch(previous, formData);
  return next.ok ? next : { ...(await inLanguage(next)), watched: next.watched };
}
