/**
 * Registered widgets: an embed id with the exact origins allowed to frame it (docs/security-requirements.md item 25).
 * Unregistered article cards need no row: they carry no user data and no actions.
 *
 * Owners manage them on /dashboard/widgets. Another user's embed id answers exactly like a missing one
 * (`not_found`), so ids cannot be probed; the id itself is public (it is in every embedding page) but
 * random, so nobody can guess one to find widgets that are not theirs.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { constraintViolated } from "@/db/errors";
import { widgets } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { log } from "@/lib/log";
import { siteSchema } from "@/lib/wikimedia/sites";
import { isWellFormedEmbedId } from "./embed-id";
import { CARD_LANGUAGES, LAYOUTS, THEMES } from "./options";
import { allowedOriginsSchema, MAX_ALLOWED_ORIGINS } from "./origins";
import type { Failure } from "@/lib/i18n/errors";

// The app's watch popup checks ids with the same rule as the lookups here.
export { EMBED_ID_PATTERN, isWellFormedEmbedId } from "./embed-id";

export type Widget = typeof widgets.$inferSelect;

/** Every option must be given: a registered widget stores exactly what its owner chose. */
export const widgetOptionsSchema = z.object({
  theme: z.enum(THEMES),
  layout: z.enum(LAYOUTS),
  lang: z.enum(CARD_LANGUAGES),
});

/** 18 random bytes: 144 bits, 24 base64url characters. */
const EMBED_ID_BYTES = 18;
export function generateEmbedId(): string {
  return randomBytes(EMBED_ID_BYTES).toString("base64url");
}

/** A registered widget by its public embed id, or null. */
export async function getWidget(db: Db, embedId: string): Promise<Widget | null> {
  if (!isWellFormedEmbedId(embedId)) return null;
  return (await db.select().from(widgets).where(eq(widgets.id, embedId)).limit(1))[0] ?? null;
}

/** The user's widgets, newest first. */
export function listWidgets(db: Db, userId: string): Promise<Widget[]> {
  return db.select().from(widgets).where(eq(widgets.userId, userId)).orderBy(desc(widgets.createdAt), desc(widgets.id));
}

const name = z
  .string()
  .trim()
  .min(1, "Give the widget a name.")
  .max(100, "Use at most 100 characters for the name.")
  // Control characters would let a name break the dashboard's layout or a log line.
  .regex(/^[^\p{Cc}]*$/u, "The name can't contain control characters.");

const createInput = z.object({
  userId: z.string().min(1),
  name,
  wiki: siteSchema,
  title: z
    .string()
    .trim()
    .min(1, "Choose an article.")
    .max(255, "Article titles have at most 255 characters.")
    .regex(/^[^\p{Cc}#<>[\]{}|]*$/u, "This is not a valid article title.")
    .transform((title) => title.replaceAll("_", " ")),
  allowedOrigins: allowedOriginsSchema,
  options: widgetOptionsSchema,
  watchButton: z.boolean(),
});

export type CreateWidgetInput = z.input<typeof createInput>;

export type WidgetErrorCode = "invalid_user" | "invalid_name" | "invalid_wiki" | "invalid_title" | "invalid_origins" | "invalid_options" | "unknown_user" | "not_found";

/**
 * `messages` lists every problem (one per bad origin line); `message` is the first, for a one-line notice.
 * `problems` are the same as failures (lib/i18n/errors.ts), so the reader's language can say them; the
 * failure itself carries the first one's `detail` and `params`.
 */
export type WidgetFailure = { ok: false; code: WidgetErrorCode; message: string; messages: string[]; problems: Failure[] } & Pick<Failure, "detail" | "params">;

/** One failure as a WidgetFailure. */
function only(problem: Failure & { code: WidgetErrorCode }): WidgetFailure {
  return { ok: false, ...problem, messages: [problem.message], problems: [problem] };
}

/** A zod issue of the registry's input as a failure: which refusal it is, from the issue's own data. */
function problemOf(code: WidgetErrorCode, issue: z.core.$ZodIssue, message: string): Failure {
  switch (code) {
    case "invalid_origins": {
      const facts = (issue.code === "custom" ? issue.params : undefined) as { detail?: string; line?: number; input?: string } | undefined;
      const params = facts?.detail === "too-many" ? { maxLength: MAX_ALLOWED_ORIGINS } : facts?.line !== undefined ? { line: facts.line, input: facts.input ?? "" } : undefined;
      return { code, message, ...(facts?.detail ? { detail: facts.detail } : {}), ...(params ? { params } : {}) };
    }
    case "invalid_user":
      return { code, message, detail: "widget" };
    case "invalid_options":
      return { code, message, params: { list: [THEMES.join(", "), LAYOUTS.join(", "), CARD_LANGUAGES.join(", ")] } };
    case "invalid_name":
      if (issue.code === "too_small") return { code, message, detail: "widget-empty" };
      if (issue.code === "too_big") return { code, message, detail: "widget-too-long", params: { maxLength: 100 } };
      return { code, message, detail: "widget-control" };
    case "invalid_title":
      if (issue.code === "too_small") return { code, message, detail: "widget-empty" };
      if (issue.code === "too_big") return { code, message, detail: "widget-too-long", params: { maxLength: 255 } };
      return { code, message, detail: "widget-invalid" };
    default:
      return { code, message };
  }
}

const FIELD_CODES: Record<string, WidgetErrorCode> = {
  userId: "invalid_user",
  name: "invalid_name",
  wiki: "invalid_wiki",
  title: "invalid_title",
  allowedOrigins: "invalid_origins",
  options: "invalid_options",
  watchButton: "invalid_options",
};

const FIELD_MESSAGES: Partial<Record<WidgetErrorCode, string>> = {
  invalid_user: "Sign in again to register a widget.",
  invalid_wiki: "Choose a Wikimedia wiki, such as en.wikipedia.org.",
  invalid_options: `Choose a theme (${THEMES.join(", ")}), a layout (${LAYOUTS.join(", ")}) and a language (${CARD_LANGUAGES.join(", ")}).`,
};

function failure(error: z.ZodError): WidgetFailure {
  const field = String(error.issues[0]?.path[0] ?? "name");
  const code = FIELD_CODES[field] ?? "invalid_name";
  // Only the first failing field is reported, with every issue it has (all bad origin lines at once).
  const problems: Failure[] = [];
  for (const issue of error.issues.filter((each) => String(each.path[0]) === field)) {
    const message = FIELD_MESSAGES[code] ?? issue.message;
    if (!problems.some((known) => known.message === message)) problems.push(problemOf(code, issue, message));
  }
  const first = problems[0];
  return {
    ok: false,
    code,
    message: first?.message ?? "This widget could not be saved.",
    messages: problems.map((problem) => problem.message),
    problems,
    ...(first?.detail !== undefined ? { detail: first.detail } : {}),
    ...(first?.params !== undefined ? { params: first.params } : {}),
  };
}

export async function createWidget(db: Db, input: CreateWidgetInput, now = new Date()): Promise<{ ok: true; widget: Widget } | WidgetFailure> {
  const parsed = createInput.safeParse(input);
  if (!parsed.success) return failure(parsed.error);
  const { userId, ...fields } = parsed.data;
  try {
    const [widget] = await db
      .insert(widgets)
      .values({ id: generateEmbedId(), userId, ...fields, createdAt: now, updatedAt: now })
      .returning();
    if (!widget) throw new Error("The database returned no row for an insert");
    // No wiki: the activity list links events that have one to a page there, and a name is no page.
    await recordAudit(db, log, { userId, action: "create_widget", title: widget.name, result: "ok" }, now);
    return { ok: true, widget };
  } catch (error) {
    // The session's user was deleted between sign-in and this call.
    if (constraintViolated(error) === "foreign_key") {
      return only({ code: "unknown_user", message: "Your account no longer exists. Sign in again." });
    }
    throw error;
  }
}

const NOT_FOUND: WidgetFailure = only({
  code: "not_found",
  message: "This widget does not exist (any more). Reload the page to see your widgets.",
  detail: "widget",
});

/** Replaces one of the user's own widgets' allow-list; another user's widget answers `not_found`. */
export async function updateWidgetOrigins(
  db: Db,
  userId: string,
  embedId: string,
  allowedOrigins: string | readonly string[],
  now = new Date(),
): Promise<{ ok: true; widget: Widget } | WidgetFailure> {
  const parsed = z.object({ allowedOrigins: allowedOriginsSchema }).safeParse({ allowedOrigins });
  if (!parsed.success) return failure(parsed.error);
  if (!isWellFormedEmbedId(embedId)) return NOT_FOUND;
  const [widget] = await db
    .update(widgets)
    .set({ allowedOrigins: parsed.data.allowedOrigins, updatedAt: now })
    .where(and(eq(widgets.id, embedId), eq(widgets.userId, userId)))
    .returning();
  return widget ? { ok: true, widget } : NOT_FOUND;
}

/** Deletes one of the user's own widgets; another user's widget answers `not_found` and is untouched. */
export async function deleteWidget(db: Db, userId: string, embedId: string, now = new Date()): Promise<{ ok: true; widget: Widget } | WidgetFailure> {
  if (!isWellFormedEmbedId(embedId)) return NOT_FOUND;
  const [widget] = await db
    .delete(widgets)
    .where(and(eq(widgets.id, embedId), eq(widgets.userId, userId)))
    .returning();
  if (!widget) return NOT_FOUND;
  await recordAudit(db, log, { userId, action: "delete_widget", title: widget.name, result: "ok" }, now);
  return { ok: true, widget };
}
