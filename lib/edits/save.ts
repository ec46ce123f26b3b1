/**
 * Loading a page for editing and saving it. Whole-page edits go through REST `PUT /v1/page/{title}`
 * with `latest.id` (OAuth needs no CSRF token there); section edits, "add a section" and minor edits
 * go through the Action API's `action=edit` (REST has neither `section` nor a minor flag), which takes
 * a CSRF token that action.ts caches. Both paths end in the same outcome: saved, a conflict with the
 * three texts the user needs to decide, or a refusal with a stable code and a sentence to act on.
 * The clients are parameters, so tests point them at the sandbox.
 */
import type { ActionClient } from "@/lib/wikimedia/action";
import { asWikimediaError, describeWikimediaError, WikimediaError, type DescribedError } from "@/lib/wikimedia/errors";
import type { Credential } from "@/lib/wikimedia/http";
import type { RestClient } from "@/lib/wikimedia/rest";
import type { Site } from "@/lib/wikimedia/sites";
import { z } from "zod";
import { extractSection, replaceSection, sectionTitle } from "./sections";

export interface EditDeps {
  rest: RestClient;
  action: ActionClient;
}

export type EditError = { status: "error" } & DescribedError;

export interface RevisionText {
  revisionId: number;
  text: string;
}

export interface Draft {
  title: string;
  exists: boolean;
  /** The revision the draft starts from: sent as `latest.id` / `baserevid`; null for a new page. */
  baseRevisionId: number | null;
  /** The whole page, or the section when `section` is set. */
  text: string;
  section: number | null;
  sectionTitle: string | null;
}

export type SaveOutcome =
  | { status: "saved"; revisionId: number | null; title: string }
  /** Whole-page texts, also for a section edit: the user's section is placed into the base revision. */
  | { status: "conflict"; base: RevisionText; current: RevisionText; mine: string }
  | EditError;

export interface SaveInput {
  title: string;
  text: string;
  summary: string;
  minor: boolean;
  /** Null creates the page (and fails with `page_exists` if someone created it meanwhile). */
  baseRevisionId: number | null;
  section: number | null;
}

function failure(error: unknown): EditError {
  return { status: "error", ...describeWikimediaError(error) };
}

/**
 * A failed write whose outcome is unknown: the wiki did not answer in time, or answered something
 * Wikiport could not read, after the request was sent. The edit may well have been saved, so the
 * usual "try again" would risk saving it twice (a second new section, say): the person is told to
 * look at the page's history first. The code stays the same for callers and audit.
 */
function writeFailure(error: unknown, host: string): EditError {
  const described = failure(error);
  if (described.code !== "timeout" && described.code !== "bad_response") return described;
  const what = described.code === "timeout" ? "did not confirm your edit in time" : "sent an answer about your edit that Wikiport could not read";
  return {
    ...described,
    message: `${host} ${what}. It may have been saved all the same: check the page's history before you save again.`,
    detail: "unconfirmed-edit",
    params: { ...described.params, host },
  };
}

/** The page's current text (or its section) for the edit form; a missing page is an empty draft. */
export async function loadDraft(
  deps: EditDeps,
  as: Credential,
  site: Site,
  title: string,
  section: number | null,
): Promise<{ status: "ok"; draft: Draft } | EditError> {
  try {
    const page = await deps.rest.getPageSource(as, site, title, { followRedirect: false });
    let text = page.source;
    if (section !== null) {
      const found = extractSection(page.source, section);
      if (found === null) return { status: "error", code: "not_found", message: `This page has no section ${section}. Edit the whole page instead.`, detail: "section", params: { section } };
      text = found;
    }
    return {
      status: "ok",
      draft: {
        title: page.title,
        exists: true,
        baseRevisionId: page.latest.id,
        text,
        section,
        sectionTitle: section === null ? null : sectionTitle(page.source, section),
      },
    };
  } catch (error) {
    if (asWikimediaError(error)?.code === "not_found" && section === null) {
      return { status: "ok", draft: { title: title.replaceAll("_", " "), exists: false, baseRevisionId: null, text: "", section: null, sectionTitle: null } };
    }
    return failure(error);
  }
}

const revisionsSchema = z.object({
  query: z.object({
    pages: z.array(
      z.object({
        revisions: z
          .array(z.object({ revid: z.number().int(), slots: z.object({ main: z.object({ content: z.string() }) }) }))
          .optional(),
      }),
    ),
  }),
});

/**
 * One revision's wikitext by id: the page's history from that revision back, one entry long
 * (`rvstartid` + `rvlimit=1`), which every wiki supports and which also checks the revision belongs to
 * the page.
 */
export async function getRevisionText(deps: EditDeps, as: Credential, site: Site, title: string, revisionId: number): Promise<RevisionText> {
  const data = await deps.action.get(
    as,
    site,
    { action: "query", prop: "revisions", titles: title, rvstartid: revisionId, rvlimit: 1, rvprop: ["ids", "content"], rvslots: "main" },
    revisionsSchema,
  );
  const revision = data.query.pages.flatMap((page) => page.revisions ?? []).find((r) => r.revid === revisionId);
  if (!revision) throw new WikimediaError("not_found", { host: site.host, message: `Revision ${revisionId} of this page is no longer on ${site.host}.`, detail: "revision", params: { revisionId } });
  return { revisionId, text: revision.slots.main.content };
}

/**
 * The three texts of a conflict. Wikimedia may leave the ids out of its answer (REST sometimes, the
 * Action API always): the base is then the revision the user sent, the current one the page's latest.
 */
export async function conflictTexts(
  deps: EditDeps,
  as: Credential,
  site: Site,
  input: { title: string; baseRevisionId: number; mine: string; section: number | null; currentRevisionId?: number | null },
): Promise<Extract<SaveOutcome, { status: "conflict" }>> {
  const [base, page] = await Promise.all([
    getRevisionText(deps, as, site, input.title, input.baseRevisionId),
    deps.rest.getPageSource(as, site, input.title, { followRedirect: false }),
  ]);
  const current =
    input.currentRevisionId != null && input.currentRevisionId !== page.latest.id
      ? await getRevisionText(deps, as, site, input.title, input.currentRevisionId)
      : { revisionId: page.latest.id, text: page.source };
  const mine = input.section === null ? input.mine : (replaceSection(base.text, input.section, input.mine) ?? input.mine);
  return { status: "conflict", base, current, mine };
}

export async function saveEdit(deps: EditDeps, as: Credential, site: Site, input: SaveInput): Promise<SaveOutcome> {
  let sent = false;
  try {
    if (input.section !== null || input.minor) {
      // The CSRF token first (cached, or fetched now): a failure until here means nothing was sent.
      await deps.action.token(as, site, "csrf");
      sent = true;
      const result = await deps.action.edit(as, site, {
        title: input.title,
        text: input.text,
        summary: input.summary,
        minor: input.minor,
        ...(input.section !== null ? { section: String(input.section) } : {}),
        ...(input.baseRevisionId !== null ? { baseRevisionId: input.baseRevisionId, noCreate: true } : { createOnly: true }),
      });
      return { status: "saved", revisionId: result.newRevisionId ?? result.oldRevisionId, title: result.title };
    }
    sent = true;
    const written = await deps.rest.putPage(as, site, input.title, {
      source: input.text,
      comment: input.summary,
      ...(input.baseRevisionId !== null ? { latestRevisionId: input.baseRevisionId } : {}),
    });
    return { status: "saved", revisionId: written.page.latest.id, title: written.page.title };
  } catch (error) {
    const known = asWikimediaError(error);
    if (known?.code !== "edit_conflict" || input.baseRevisionId === null) return sent ? writeFailure(error, site.host) : failure(error);
    try {
      return await conflictTexts(deps, as, site, {
        title: input.title,
        baseRevisionId: known.conflict?.baseRevisionId ?? input.baseRevisionId,
        currentRevisionId: known.conflict?.currentRevisionId ?? null,
        mine: input.text,
        section: input.section,
      });
    } catch (readError) {
      return failure(readError);
    }
  }
}

/** "Add a comment": a new section at the end of the page (`section=new`), through the Action API. */
export async function addSection(
  deps: EditDeps,
  as: Credential,
  site: Site,
  input: { title: string; sectionTitle: string; text: string; summary?: string },
): Promise<Extract<SaveOutcome, { status: "saved" }> | EditError> {
  let sent = false;
  try {
    await deps.action.token(as, site, "csrf");
    sent = true;
    const result = await deps.action.edit(as, site, {
      title: input.title,
      section: "new",
      sectionTitle: input.sectionTitle,
      text: input.text,
      ...(input.summary ? { summary: input.summary } : {}),
    });
    return { status: "saved", revisionId: result.newRevisionId ?? result.oldRevisionId, title: result.title };
  } catch (error) {
    return sent ? writeFailure(error, site.host) : failure(error);
  }
}
