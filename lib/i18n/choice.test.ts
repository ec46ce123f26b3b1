/**
 * The header's language picker (lib/i18n/choice.ts) through the real action boundary, on a real database:
 * it validates with zod, refuses what it does not offer with a sentence a person can act on, and
 * remembers a choice in a cookie, and on the account when someone is signed in.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { useTestDb } from "@/db/testing";
import type { SignedInUser } from "@/lib/auth/session";
import { log } from "@/lib/log";
import { createActionBoundary } from "@/lib/server-actions/boundary";
import type { ActionFailure } from "@/lib/server-actions/result";
import { createActionLimiter, createEditLimiter, ACTION_RATE_LIMIT, EDIT_RATE_LIMIT } from "@/lib/security/rate-limits";
import { LANGUAGE_CHOICE, pageToReturnTo, rememberLanguageChoice, type LanguageCookie } from "./choice";

const testDb = useTestDb();

function picker(user: SignedInUser | null) {
  const store = { db: () => testDb.db, secret: "choice-test-secret" };
  const { formAction } = createActionBoundary({
    currentUser: async () => user,
    actions: createActionLimiter(store, () => 0, ACTION_RATE_LIMIT),
    edits: createEditLimiter(store, () => 0, EDIT_RATE_LIMIT),
    log,
  });
  const cookies: LanguageCookie[] = [];
  const refusals: ActionFailure[] = [];
  const action = formAction(
    {
      ...LANGUAGE_CHOICE,
      failed: (failure) => {
        refusals.push(failure);
        throw new Error("refused");
      },
    },
    rememberLanguageChoice({ db: testDb.db, setCookie: (cookie) => void cookies.push(cookie), secure: true }),
  );
  const choose = async (language: string) => {
    const form = new FormData();
    form.set("language", language);
    await action(form).catch((error: unknown) => {
      if (!(error instanceof Error) || error.message !== "refused") throw error;
    });
  };
  return { choose, cookies, refusals };
}

async function accountLanguage(id: string) {
  return (await testDb.db.select({ language: users.language }).from(users).where(eq(users.id, id)))[0]?.language;
}

describe("the language picker", () => {
  it("keeps a visitor's choice in a cookie for a year, Lax and HttpOnly", async () => {
    const { choose, cookies, refusals } = picker(null);
    await choose("he");
    expect(refusals).toEqual([]);
    expect(cookies).toEqual([{ name: "wikiport-language", value: "he", path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: true, secure: true }]);
  });

  it("also puts a signed-in user's choice on their account", async () => {
    const [ada] = await testDb.db.insert(users).values({ name: "Ada Editor" }).returning({ id: users.id });
    const { choose, cookies } = picker({ id: ada!.id, name: "Ada Editor" });
    expect(await accountLanguage(ada!.id)).toBeNull();
    await choose("de");
    expect(await accountLanguage(ada!.id)).toBe("de");
    expect(cookies.map((cookie) => cookie.value)).toEqual(["de"]);
  });

  it.each([["xx"], ["qqx"], ["de-at"], [""], ["he\u0000"]])("refuses %j, a language it does not offer, and says what to do", async (language) => {
    const { choose, cookies, refusals } = picker(null);
    await choose(language);
    expect(cookies).toEqual([]);
    expect(refusals).toEqual([
      {
        ok: false,
        code: "invalid_input",
        message: "Wikiport's interface is not available in that language. Choose one of English, Deutsch, français, español, עברית, العربية.",
      },
    ]);
  });
});

describe("the page a choice returns to", () => {
  const APP = "https://wikiport.example";
  it("is the page the form was on, without uselang", () => {
    expect(pageToReturnTo(`${APP}/wiki/en.wikipedia.org/Moon?uselang=de&action=history`, APP)).toBe("/wiki/en.wikipedia.org/Moon?action=history");
    expect(pageToReturnTo(`${APP}/dashboard`, APP)).toBe("/dashboard");
  });

  it("is the home page for no Referer, another site's, or an API route", () => {
    expect(pageToReturnTo(null, APP)).toBe("/");
    expect(pageToReturnTo("https://evil.example/dashboard", APP)).toBe("/");
    expect(pageToReturnTo("not a url", APP)).toBe("/");
    expect(pageToReturnTo(`${APP}/api/auth/signout`, APP)).toBe("/");
  });
});
