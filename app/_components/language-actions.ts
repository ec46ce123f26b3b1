"use server";
/**
 * The header's language picker (lib/i18n/choice.ts), through the action boundary like every action. It
 * runs for visitors too; a signed-in user's choice also goes on their account.
 */
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { LANGUAGE_CHOICE, pageToReturnTo, rememberLanguageChoice } from "@/lib/i18n/choice";
import { boundaryNotice, formAction } from "@/lib/server-actions";

export const chooseInterfaceLanguage = formAction(
  {
    ...LANGUAGE_CHOICE,
    failed: (failure) =>
      redirect(failure.code === "invalid_input" ? "/?notice=unknown-language" : `/dashboard?notice=${boundaryNotice(failure) ?? "action-failed"}`),
  },
  async (context) => {
    const { app } = getConfig();
    const jar = await cookies();
    await rememberLanguageChoice({ db: getDb(), setCookie: (cookie) => jar.set(cookie), secure: app.url.startsWith("https:") })(context);
    redirect(pageToReturnTo((await headers()).get("referer"), app.url));
  },
);
