"use server";
/**
 * The edit and watch actions. Each is a public POST endpoint: it checks the session itself, validates
 * its input with zod, acts only with the signed-in user's own token, and answers with a result that
 * carries a stable code and a sentence, never a stack (style.md practices 1 and 2).
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { recordSave, recordWatch } from "./audit";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { describeWikimediaError, WikimediaError } from "@/lib/wikimedia";
import { getWikimedia } from "@/lib/wiring";
import { parseSite, type Site } from "@/lib/wikimedia/sites";
import type { RateLimiter } from "@/lib/rate-limit";
import { createEditLimiter, tooManyEdits } from "@/lib/security/rate-limits";
import { lineDiff } from "./diff";
import type { AddSectionState, EditFormState, EditResult, WatchState } from "./form-state";
import { hasConflictMarkers, mergeThreeWay } from "./merge";
import { addSection, getRevisionText, saveEdit } from "./save";
import { setWatched } from "./watch";

const SIGNED_OUT = { ok: false, code: "signed_out", message: "Your Wikiport session has ended. Sign in again to continue." } as const;
const INVALID = { ok: false, code: "invalid_input", message: "Wikiport could not read this form. Reload the page and try again." } as const;

// One per process, per user: every tab and session of a user shares it (security.md item 33).
let editLimiter: RateLimiter | undefined;

/** Counts one edit submission for the user; a refusal, to show in the form, when there were too many. */
function refuseIfTooManyEdits(userId: string): ReturnType<typeof tooManyEdits> | null {
  editLimiter ??= createEditLimiter();
  const decision = editLimiter.take(userId);
  if (decision.ok) return null;
  log.warn("edit.rate_limited", { userId, retryAfterSeconds: decision.retryAfterSeconds });
  return tooManyEdits(decision.retryAfterSeconds);
}

const id = z.string().regex(/^\d{1,12}$/).transform(Number);
const title = z.string().trim().min(1).max(512);
/** MediaWiki's $wgMaxArticleSize on Wikimedia: 2 MiB. */
const wikitext = z.string().max(2 * 1024 * 1024);
const summary = z.string().max(500);

function field(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function site(raw: string): Site | null {
  const parsed = parseSite(raw);
  return parsed.ok ? parsed.site : null;
}

const editSchema = z.object({
  intent: z.enum(["save", "merge"]),
  site: z.string().max(253),
  title,
  section: id.optional(),
  baseRevisionId: id.optional(),
  currentRevisionId: id.optional(),
  text: wikitext,
  summary,
  minor: z.literal("on").optional(),
});

export async function editAction(previous: EditFormState, formData: FormData): Promise<EditFormState> {
  const user = await getCurrentUser();
  if (!user) return { ...previous, result: SIGNED_OUT };
  const parsed = editSchema.safeParse({
    intent: field(formData, "intent") ?? "save",
    site: field(formData, "site") ?? "",
    title: field(formData, "title") ?? "",
    section: field(formData, "section"),
    baseRevisionId: field(formData, "baseRevisionId"),
    currentRevisionId: field(formData, "currentRevisionId"),
    text: formData.get("text") ?? "",
    summary: field(formData, "summary") ?? "",
    minor: field(formData, "minor"),
  });
  const wiki = parsed.success ? site(parsed.data.site) : null;
  if (!parsed.success || !wiki) return { ...previous, result: INVALID };
  const input = parsed.data;
  const form: EditFormState = {
    ...previous,
    site: wiki.host,
    title: input.title,
    section: input.section ?? null,
    baseRevisionId: input.baseRevisionId ?? null,
    text: input.text,
    summary: input.summary,
    minor: input.minor === "on",
  };
  // Counted before anything reaches the wiki; the text stays in the form.
  const limited = refuseIfTooManyEdits(user.id);
  if (limited) return { ...form, result: limited };
  const wikimedia = getWikimedia();
  const deps = { rest: wikimedia.rest, action: wikimedia.action };
  const as = wikimedia.asUser(user.id);

  if (input.intent === "merge") {
    if (input.baseRevisionId === undefined || input.currentRevisionId === undefined) return { ...form, result: INVALID };
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
      return { ...form, result: { ok: false, ...describeWikimediaError(error) } };
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
    minor: input.minor === "on",
    baseRevisionId: input.baseRevisionId ?? null,
    section: input.section ?? null,
  });
  recordSave(user.id, wiki.host, input.title, outcome);
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
        result: { ok: false, code: "edit_conflict", message: new WikimediaError("edit_conflict", { host: wiki.host }).message },
      };
    case "error":
      if (outcome.code === "internal") log.warn("edit.failed", { userId: user.id, site: wiki.host });
      return { ...form, result: { ok: false, code: outcome.code, message: outcome.message, ...(outcome.retryAfterSeconds !== undefined ? { retryAfterSeconds: outcome.retryAfterSeconds } : {}) } };
  }
}

const addSectionSchema = z.object({ site: z.string().max(253), title, sectionTitle: z.string().trim().min(1).max(255), text: wikitext.min(1) });

export async function addSectionAction(previous: AddSectionState, formData: FormData): Promise<AddSectionState> {
  const user = await getCurrentUser();
  if (!user) return { ...previous, result: SIGNED_OUT };
  const parsed = addSectionSchema.safeParse({
    site: field(formData, "site") ?? "",
    title: field(formData, "title") ?? "",
    sectionTitle: field(formData, "sectionTitle") ?? "",
    text: formData.get("text") ?? "",
  });
  const wiki = parsed.success ? site(parsed.data.site) : null;
  const kept = { sectionTitle: String(formData.get("sectionTitle") ?? ""), text: String(formData.get("text") ?? "") };
  if (!parsed.success || !wiki) {
    return { ...previous, ...kept, result: { ok: false, code: "invalid_input", message: "Give the new section a subject and some text." } };
  }
  const limited = refuseIfTooManyEdits(user.id);
  if (limited) return { ...previous, ...kept, result: limited };
  const wikimedia = getWikimedia();
  const outcome = await addSection({ rest: wikimedia.rest, action: wikimedia.action }, wikimedia.asUser(user.id), wiki, parsed.data);
  recordAudit(getDb(), log, {
    userId: user.id,
    action: "add_section",
    wiki: wiki.host,
    title: parsed.data.title,
    revisionId: outcome.status === "saved" ? (outcome.revisionId ?? null) : null,
    result: outcome.status === "saved" ? "ok" : outcome.code,
  });
  if (outcome.status === "saved") {
    log.info("edit.section_added", { userId: user.id, site: wiki.host, revisionId: outcome.revisionId });
    return { version: previous.version + 1, sectionTitle: "", text: "", result: { ok: true, kind: "saved", revisionId: outcome.revisionId } };
  }
  return { ...previous, ...kept, result: { ok: false, code: outcome.code, message: outcome.message, ...(outcome.retryAfterSeconds !== undefined ? { retryAfterSeconds: outcome.retryAfterSeconds } : {}) } };
}

const watchSchema = z.object({ site: z.string().max(253), title, watch: z.enum(["1", "0"]) });

export async function watchAction(previous: WatchState, formData: FormData): Promise<WatchState> {
  const user = await getCurrentUser();
  if (!user) return { ...SIGNED_OUT, watched: previous.watched };
  const parsed = watchSchema.safeParse({ site: field(formData, "site") ?? "", title: field(formData, "title") ?? "", watch: field(formData, "watch") ?? "" });
  const wiki = parsed.success ? site(parsed.data.site) : null;
  if (!parsed.success || !wiki) return { ...INVALID, watched: previous.watched };
  const wikimedia = getWikimedia();
  const outcome = await setWatched({ action: wikimedia.action }, wikimedia.asUser(user.id), wiki, parsed.data.title, parsed.data.watch === "1");
  recordWatch(user.id, wiki.host, parsed.data.title, parsed.data.watch === "1", outcome);
  if (!outcome.ok) return { ok: false, watched: previous.watched, code: outcome.code, message: outcome.message };
  revalidatePath("/watchlist");
  return { ok: true, watched: outcome.watched };
}
