import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { useTestDb } from "@/db/testing";
import { createActionLimiter, createEditLimiter, ACTION_RATE_LIMIT, EDIT_RATE_LIMIT } from "@/lib/security/rate-limits";
import { describeAudit, describeAuditResult, type AuditAction } from "@/lib/audit";
import { translatorFor } from "@/lib/i18n/translate";
import type { Logger } from "@/lib/log";
import { describeRateLimit } from "@/lib/personal-tokens/claims";
import { pastedTokenSchema } from "@/lib/personal-tokens/claims";
import { createActionBoundary } from "@/lib/server-actions/boundary";
import type { ActionFailure } from "@/lib/server-actions/result";
import { ActivityLine, activityResult, activityText } from "./activity";
import { When } from "./dashboard";
import { createTokenSchema, formFailureText, pasteMistakeKey } from "./dashboard-forms";
import { ListOf } from "./list-of";
import { rateLimitText } from "./personal-token-text";

const testDb = useTestDb();
const quiet = { error() {}, warn() {}, info() {}, debug() {} } as unknown as Logger;

/** The boundary as the app builds it, with a signed-in user and the test database for its limits. */
function boundary() {
  const store = { db: () => testDb.db, secret: "dashboard-i18n-test-secret" };
  return createActionBoundary({
    currentUser: async () => ({ id: "user-ada", name: "Ada" }),
    actions: createActionLimiter(store, () => 0, ACTION_RATE_LIMIT),
    edits: createEditLimiter(store, () => 0, EDIT_RATE_LIMIT),
    log: quiet,
  });
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const ACTIONS: AuditAction[] = [
  "sign_in", "edit", "add_section", "undo", "watch", "unwatch", "disconnect", "check_connection", "create_api_token",
  "revoke_api_token", "save_personal_token", "delete_personal_token", "create_widget", "delete_widget",
];

describe("the dashboard's forms in the interface language", () => {
  it("refuse a new API token's bad input in German", async () => {
    const de = translatorFor("de");
    const action = boundary().stateAction(
      { name: "create_api_token", schema: createTokenSchema, invalidMessage: "English", failed: (failure): ActionFailure => failure },
      async () => {
        throw new Error("not reached");
      },
    );
    const refusal = await action({} as ActionFailure, form({ name: "My bot", scopes: "delete", expiry: "90" }));
    expect(refusal.code).toBe("invalid_input");
    expect(formFailureText(de, refusal, "wikiport-apitoken-invalid")).toBe(
      "Gib dem Token einen Namen, wähle seine Bereiche aus Lesen, Bearbeiten und Beobachten und eine Laufzeit von 30, 90 oder 365 Tagen oder keine.",
    );
    expect(formFailureText(translatorFor("qqx"), refusal, "wikiport-apitoken-invalid")).toBe("(wikiport-apitoken-invalid)");
  });

  it("say which mistake a pasted personal token is, in German", async () => {
    const de = translatorFor("de");
    const action = boundary().stateAction(
      {
        name: "save_personal_token",
        schema: z.object({ token: pastedTokenSchema }),
        invalidMessage: (error) => error.issues[0]?.message ?? "",
        failed: (failure): ActionFailure => failure,
      },
      async () => {
        throw new Error("not reached");
      },
    );
    const key = await action({} as ActionFailure, form({ token: "0123456789abcdef0123456789abcdef" }));
    expect(formFailureText(de, key, pasteMistakeKey)).toBe("Das ist der Client-Anwendungsschlüssel, nicht das Token. Kopiere das „Zugriffstoken“, das Meta darunter anzeigt.");
    const secret = await action({} as ActionFailure, form({ token: "0123456789abcdef0123456789abcdef01234567" }));
    expect(formFailureText(de, secret, pasteMistakeKey)).toMatch(/^Das ist das Client-Anwendungsgeheimnis/);
    const empty = await action({} as ActionFailure, form({ token: "  " }));
    expect(formFailureText(de, empty, pasteMistakeKey)).toBe("Füge dein persönliches API-Token ein.");
  });

  it("leave lib's failures to lib/i18n/errors.ts", () => {
    const failure = { code: "invalid_name", message: "Give the token a name of 1 to 100 characters." };
    expect(formFailureText(translatorFor("de"), failure, "wikiport-apitoken-invalid")).not.toMatch(/Gib dem Token einen Namen, wähle/);
  });
});

describe("the activity log in the interface language", () => {
  it("reads in English exactly as lib/audit describes it", () => {
    const en = translatorFor("en");
    const pageActions = ["edit", "add_section", "undo", "watch", "unwatch"];
    const namedActions = ["create_api_token", "create_widget", "delete_widget"];
    for (const action of ACTIONS) {
      const events = pageActions.includes(action)
        ? [{ action, wiki: "en.wikipedia.org", title: "Moon" }]
        : namedActions.includes(action)
          ? [{ action, wiki: null, title: "My bot" }, { action, wiki: null, title: null }]
          : [{ action, wiki: null, title: null }];
      for (const event of events) expect(activityText(en, event), action).toBe(describeAudit(event));
    }
    for (const result of ["ok", "edit_conflict", "undo_failed", "timeout", "unavailable", "page_exists", "nonsense_code"]) {
      expect(activityResult(en, result)).toBe(describeAuditResult(result));
    }
  });

  it("isolates a page title and a wiki in a Hebrew sentence", () => {
    const he = translatorFor("he");
    const event = { action: "edit" as const, wiki: "en.wikipedia.org", title: "Moon" };
    expect(activityText(he, event)).toBe("ערך את Moon ב־en.wikipedia.org");
    expect(renderToStaticMarkup(createElement(ActivityLine, { t: he, event }))).toBe("ערך את <bdi>Moon</bdi> ב־<bdi>en.wikipedia.org</bdi>");
    expect(activityResult(he, "nonsense_code")).toBe("נכשל (nonsense_code)");
  });
});

describe("dates and rate limits in the interface language", () => {
  const date = new Date(Date.UTC(2026, 10, 23, 12, 5));

  it("keep English as it was, and say them in German", () => {
    expect(renderToStaticMarkup(createElement(When, { t: translatorFor("en"), date }))).toBe('<time dateTime="2026-11-23T12:05:00.000Z">Nov 23, 2026, 12:05 PM UTC</time>');
    expect(renderToStaticMarkup(createElement(When, { t: translatorFor("de"), date }))).toContain(">23. Nov. 2026, 12:05 UTC<");
    expect(renderToStaticMarkup(createElement(When, { t: translatorFor("de"), date: null }))).toBe("nie");
    for (const claim of [null, { requestsPerUnit: 5000, unit: "HOUR" }, { requestsPerUnit: 2, unit: "minute" }, { requestsPerUnit: 40, unit: "week" }]) {
      expect(rateLimitText(translatorFor("en"), claim)).toBe(describeRateLimit(claim));
    }
    expect(rateLimitText(translatorFor("de"), { requestsPerUnit: 5000, unit: "HOUR" })).toBe("Stufe default: 5.000 Anfragen pro Stunde");
    // English said "1 requests"; the message counts.
    expect(rateLimitText(translatorFor("en"), { requestsPerUnit: 1, unit: "minute" })).toBe("1 request per minute");
  });
});

describe("a list with elements in it", () => {
  it("is joined as the language joins lists, each element where its item was", () => {
    const items = ["Light", "Full", createElement("span", { key: "lang", lang: "he" }, "עברית")];
    expect(renderToStaticMarkup(createElement(ListOf, { t: translatorFor("en"), items }))).toBe('Light, Full, and <span lang="he">עברית</span>');
    expect(renderToStaticMarkup(createElement(ListOf, { t: translatorFor("de"), items: ["Hell", "Kompakt", "English"] }))).toBe("Hell, Kompakt und English");
  });
});
