import { describe, expect, it } from "vitest";
import { z } from "zod";
import { useTestDb } from "@/db/testing";
import type { SignedInUser } from "@/lib/auth/session";
import type { Logger } from "@/lib/log";
import { createActionLimiter, createEditLimiter, ACTION_RATE_LIMIT, EDIT_RATE_LIMIT } from "@/lib/security/rate-limits";
import { createActionBoundary } from "./boundary";
import { checkbox, formInput, optional, numericId, repeated } from "./fields";
import type { ActionFailure, ActionResult } from "./result";

const ADA: SignedInUser = { id: "user-ada", name: "Ada" };
const testDb = useTestDb();

function recordingLog() {
  const lines: { level: string; event: string; fields: Record<string, unknown> }[] = [];
  const at = (level: string) => (event: string, fields: Record<string, unknown> = {}) => void lines.push({ level, event, fields });
  const log = { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") } as Logger;
  return { log, lines };
}

function setup(user: SignedInUser | null = ADA) {
  let now = 0;
  const clock = () => now;
  const { log, lines } = recordingLog();
  const session = { user };
  const store = { db: () => testDb.db, secret: "boundary-test-secret" };
  const boundary = createActionBoundary({
    currentUser: async () => session.user,
    actions: createActionLimiter(store, clock, ACTION_RATE_LIMIT),
    edits: createEditLimiter(store, clock, EDIT_RATE_LIMIT),
    log,
  });
  return { ...boundary, session, lines, advance: (ms: number) => void (now += ms) };
}

function form(fields: Record<string, string | string[] | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) data.append(name, one);
  }
  return data;
}

const watchSchema = z.object({ title: z.string().min(1).max(20), watch: z.enum(["1", "0"]), section: optional(numericId), minor: checkbox });
type WatchResult = ActionResult<{ title: string; watch: boolean; section: number | null; minor: boolean; by: string }>;

function watchAction(boundary: ReturnType<typeof setup>, calls: unknown[] = []) {
  return boundary.stateAction(
    { name: "watch", schema: watchSchema, failed: (failure): WatchResult => failure },
    async ({ user, input }): Promise<WatchResult> => {
      calls.push(input);
      return { ok: true, title: input.title, watch: input.watch === "1", section: input.section ?? null, minor: input.minor, by: user.id };
    },
  );
}

describe("the server-action boundary", () => {
  it("runs the action with the signed-in user and the parsed input", async () => {
    const boundary = setup();
    const action = watchAction(boundary);
    expect(await action(null as unknown as WatchResult, form({ title: "Moon", watch: "1", section: "3", minor: "on" }))).toEqual({
      ok: true,
      title: "Moon",
      watch: true,
      section: 3,
      minor: true,
      by: ADA.id,
    });
    // An empty optional field reads as absent; an unticked checkbox as false.
    expect(await action(null as unknown as WatchResult, form({ title: "Moon", watch: "0", section: "" }))).toMatchObject({ ok: true, section: null, minor: false });
  });

  it("refuses a caller without a session with the one signed-out result, before reading anything", async () => {
    const boundary = setup(null);
    const calls: unknown[] = [];
    const result = await watchAction(boundary, calls)(null as unknown as WatchResult, form({ title: "Moon", watch: "1" }));
    expect(result).toEqual({ ok: false, code: "signed_out", message: "Your Wikiport session has ended. Sign in again to continue." });
    expect(calls).toEqual([]);
  });

  it.each([
    ["a missing field", { title: "Moon" }],
    ["a value outside the schema", { title: "Moon", watch: "yes" }],
    ["a file where text belongs", { title: new Blob(["Moon"]), watch: "1" }],
    ["a single field sent twice", { title: ["Moon", "Mars"], watch: "1" }],
    ["a malformed id", { title: "Moon", watch: "1", section: "3; drop" }],
    ["too long a value", { title: "M".repeat(21), watch: "1" }],
  ] as const)("refuses %s as invalid input, without running the action", async (_case, fields) => {
    const boundary = setup();
    const calls: unknown[] = [];
    const result = await watchAction(boundary, calls)(null as unknown as WatchResult, form(fields as Record<string, string | string[] | Blob>));
    expect(result).toEqual({ ok: false, code: "invalid_input", message: "Wikiport could not read this form. Reload the page and try again." });
    expect(calls).toEqual([]);
  });

  it("reads a repeated field as a list, also when it was sent once or not at all", async () => {
    const boundary = setup();
    const action = boundary.stateAction(
      { name: "scopes", schema: z.object({ scopes: repeated(z.enum(["read", "edit", "watch"])) }), failed: (failure): ActionResult<{ scopes: string[] }> => failure },
      async ({ input }) => ({ ok: true as const, scopes: input.scopes }),
    );
    const initial = null as unknown as ActionResult<{ scopes: string[] }>;
    expect(await action(initial, form({ scopes: ["read", "watch"] }))).toEqual({ ok: true, scopes: ["read", "watch"] });
    expect(await action(initial, form({ scopes: "edit" }))).toEqual({ ok: true, scopes: ["edit"] });
    expect(await action(initial, form({}))).toEqual({ ok: true, scopes: [] });
    expect(await action(initial, form({ scopes: ["read", "admin"] }))).toMatchObject({ ok: false, code: "invalid_input" });
  });

  it("reads fields only from the form, never from an object's prototype", () => {
    const input = formInput(form({ toString: "x" }));
    expect(input.toString).toBe("x");
    expect(input.constructor).toBeUndefined();
    expect(input.hasOwnProperty).toBeUndefined();
  });

  it("limits every action per user, says how long to wait, and runs nothing more until the bucket refills", async () => {
    const boundary = setup();
    const calls: unknown[] = [];
    const action = watchAction(boundary, calls);
    const fields = form({ title: "Moon", watch: "1" });
    for (let i = 0; i < ACTION_RATE_LIMIT.capacity; i++) expect(await action(null as unknown as WatchResult, fields)).toMatchObject({ ok: true });
    const refused = (await action(null as unknown as WatchResult, fields)) as ActionFailure;
    expect(refused).toEqual({
      ok: false,
      code: "rate_limited",
      retryAfterSeconds: 1,
      detail: "actions",
      message: "Too many changes from your account in a short time: try again in 1 second. Nothing was changed.",
    });
    // Invalid input counts too: a flood of garbage spends the same budget.
    expect(await action(null as unknown as WatchResult, form({}))).toMatchObject({ ok: false, code: "rate_limited" });
    expect(calls).toHaveLength(ACTION_RATE_LIMIT.capacity);
    expect(boundary.lines).toContainEqual({ level: "warn", event: "action.rate_limited", fields: { action: "watch", userId: ADA.id, retryAfterSeconds: 1 } });

    // Another user has a bucket of their own; Ada's refills with time.
    boundary.session.user = { id: "user-bob", name: "Bob" };
    expect(await action(null as unknown as WatchResult, fields)).toMatchObject({ ok: true, by: "user-bob" });
    boundary.session.user = ADA;
    boundary.advance(60_000 / ACTION_RATE_LIMIT.refillPerMinute);
    expect(await action(null as unknown as WatchResult, fields)).toMatchObject({ ok: true, by: ADA.id });
  });

  it("counts edits against the stricter edit limit too, and hands the parsed input back so the form keeps the text", async () => {
    const boundary = setup();
    type State = { text: string; result: ActionResult | null };
    const action = boundary.stateAction(
      {
        name: "edit",
        schema: z.object({ text: z.string() }),
        countsAsEdit: true,
        failed: (result, { previous, input }): State => ({ text: input?.text ?? previous.text, result }),
      },
      async ({ input }): Promise<State> => ({ text: input.text, result: { ok: true } }),
    );
    const previous: State = { text: "", result: null };
    for (let i = 0; i < EDIT_RATE_LIMIT.capacity; i++) await action(previous, form({ text: `draft ${i}` }));
    const refused = await action(previous, form({ text: "my long paragraph" }));
    expect(refused.text).toBe("my long paragraph");
    expect(refused.result).toMatchObject({ ok: false, code: "rate_limited", retryAfterSeconds: 2 });
    expect((refused.result as ActionFailure).message).toMatch(/^Too many edits from your account in a short time: try again in 2 seconds\. Nothing was sent to the wiki\.$/);
  });

  it("answers an unexpected error with the internal result, logging only the error's class", async () => {
    const boundary = setup();
    const action = boundary.stateAction(
      { name: "boom", schema: z.object({}), failed: (failure): ActionResult => failure },
      async (): Promise<ActionResult> => {
        throw new TypeError("secret upstream text");
      },
    );
    expect(await action(null as unknown as ActionResult, form({}))).toEqual({
      ok: false,
      code: "internal",
      message: "Something went wrong in Wikiport. Try again; if it keeps happening, tell us.",
    });
    expect(boundary.lines).toEqual([{ level: "error", event: "action.unhandled", fields: { action: "boom", error: "TypeError" } }]);
  });

  it("hands a redirecting action's refusals to its own `failed`, and runs it otherwise", async () => {
    const boundary = setup(null);
    const seen: string[] = [];
    class Redirected extends Error {}
    const action = boundary.formAction(
      {
        name: "delete",
        schema: z.object({ id: z.string().min(1) }),
        failed: (failure) => {
          seen.push(failure.code);
          throw new Redirected(failure.code);
        },
      },
      async ({ user, input }) => void seen.push(`ran ${user.id} ${input.id}`),
    );
    await expect(action(form({ id: "w1" }))).rejects.toBeInstanceOf(Redirected);
    boundary.session.user = ADA;
    await expect(action(form({ id: "" }))).rejects.toBeInstanceOf(Redirected);
    await action(form({ id: "w1" }));
    expect(seen).toEqual(["signed_out", "invalid_input", `ran ${ADA.id} w1`]);
  });

  it("lets an action that needs no session run without one, and counts it per user when there is one", async () => {
    const boundary = setup(null);
    const action = boundary.stateAction(
      { name: "sign_in", schema: z.object({}), access: "anyone", failed: (failure): ActionResult<{ who: string }> => failure },
      async ({ user }) => ({ ok: true as const, who: user?.id ?? "nobody" }),
    );
    expect(await action(null as unknown as ActionResult<{ who: string }>, form({}))).toEqual({ ok: true, who: "nobody" });
    boundary.session.user = ADA;
    for (let i = 0; i < ACTION_RATE_LIMIT.capacity; i++) await action(null as unknown as ActionResult<{ who: string }>, form({}));
    expect(await action(null as unknown as ActionResult<{ who: string }>, form({}))).toMatchObject({ ok: false, code: "rate_limited" });
  });
});
