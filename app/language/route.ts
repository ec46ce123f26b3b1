/**
 * `POST /language`: the language picker of the pages built without React (visitors' articles,
 * lib/articles/visitor-document.ts), which cannot post a server action. It does what the header's action
 * does (app/_components/language-actions.ts): validates the choice, keeps it in the cookie (and on the
 * account of a signed-in user), and returns to the page it was on. Cross-site posts never reach it: the
 * proxy refuses them like any other state change (lib/security/origin-check.ts).
 */
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { languageChoiceSchema, pageToReturnTo, rememberLanguageChoice, type LanguageCookie } from "@/lib/i18n/choice";

export async function POST(request: Request): Promise<Response> {
  const { app } = getConfig();
  const form = await request.formData().catch(() => null);
  const choice = languageChoiceSchema.safeParse({ language: form?.get("language") });
  if (!choice.success) return NextResponse.redirect(new URL("/?notice=unknown-language", app.url), 303);
  const cookies: LanguageCookie[] = [];
  await rememberLanguageChoice({ db: getDb(), setCookie: (cookie) => cookies.push(cookie), secure: app.url.startsWith("https:") })({
    user: await getCurrentUser(),
    input: choice.data,
  });
  const response = NextResponse.redirect(new URL(pageToReturnTo(request.headers.get("referer"), app.url), app.url), 303);
  for (const cookie of cookies) response.cookies.set(cookie);
  response.headers.set("cache-control", "no-store");
  return response;
}
